import { AltBabyJubjubPoint, compressPoint, decompressPoint, pubKeyHash, SUBGROUP_ORDER } from "@zklite/crypto-wasm/ts";
import { bytesToHex } from "@noble/hashes/utils.js";

/**
 * PubKeyHashes (`sync:…`) of the 8 AltBabyJubjub points whose order divides 8: the identity (0, 1),
 * (0, −1), the two points of order 4 and the four of order 8. A musig signature under such a key
 * proves nothing (the identity even passes the l·A = O check, and s·G = R + c·A then holds for
 * R = s·G whatever the message), and the block circuit refuses these keys, so ChangePubKey must
 * never register one.
 *
 * Computed here rather than listed: the torsion subgroup is cyclic of order 8 (the curve has a single
 * point of order 2, d being a non-square), so l·P for a point P of full order 8·l generates it.
 */
export const SMALL_ORDER_PUBKEY_HASHES: ReadonlySet<string> = new Set(smallOrderPoints().map(hashOfPoint));

export function isSmallOrderPubKeyHash(pkh: string): boolean {
  return SMALL_ORDER_PUBKEY_HASHES.has(pkh.toLowerCase());
}

/** The 8 points k·T, k = 0..7, for a generator T of the torsion subgroup. */
export function smallOrderPoints(): AltBabyJubjubPoint[] {
  const generator = torsionGenerator();
  const points = [AltBabyJubjubPoint.IDENTITY];
  for (let k = 1; k < 8; k++) points.push((points[k - 1] as AltBabyJubjubPoint).add(generator));
  return points;
}

/** l·P for the first curve point P (by y = 2, 3, …) such that l·P has order exactly 8. */
function torsionGenerator(): AltBabyJubjubPoint {
  for (let y = 2n; ; y++) {
    const point = decompressPoint(littleEndian32(y));
    if (point === undefined) continue;
    const torsion = point.multiply(SUBGROUP_ORDER);
    if (!torsion.double().double().isIdentity()) return torsion;
  }
}

function hashOfPoint(point: AltBabyJubjubPoint): string {
  return `sync:${bytesToHex(pubKeyHash(compressPoint(point)))}`;
}

function littleEndian32(value: bigint): Uint8Array {
  const bytes = new Uint8Array(32);
  for (let i = 0, rest = value; i < 32; i++, rest >>= 8n) bytes[i] = Number(rest & 0xffn);
  return bytes;
}
