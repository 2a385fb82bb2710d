import { PUBLIC_KEY_BYTES, SUBGROUP_ORDER, ZkLiteError } from "@zklite/crypto-wasm";
import { decompressPoint } from "@zklite/crypto-wasm/ts";
import { fromHex } from "@zklite/protocol";

/** A zkSync signature as transactions carry it: hex of the packed key, hex of packed R ‖ s (little-endian). */
export interface ZkSyncSignature {
  readonly pubKey: string;
  readonly signature: string;
}

/** ZkSyncSignatureVerifier's inputs for one signature: A = (pkx, pky), R = (rx, ry) in AltBabyJubjub coordinates, s. */
export interface SignatureWitness {
  readonly pkx: bigint;
  readonly pky: bigint;
  readonly rx: bigint;
  readonly ry: bigint;
  readonly s: bigint;
}

/**
 * Decodes a signature into the verifier's point and scalar inputs. Throws `INVALID_PUBLIC_KEY` /
 * `INVALID_SIGNATURE` when the hex, a length or a point encoding is wrong or s >= l; everything else
 * (small-order points, the Schnorr equation) is the circuit's to check.
 */
export function signatureWitness(signature: ZkSyncSignature): SignatureWitness {
  const publicKey = hexBytes(signature?.pubKey, PUBLIC_KEY_BYTES, "INVALID_PUBLIC_KEY", "pubKey");
  const packed = hexBytes(signature?.signature, 2 * PUBLIC_KEY_BYTES, "INVALID_SIGNATURE", "signature");
  const pk = decompressPoint(publicKey);
  if (pk === undefined) throw new ZkLiteError("INVALID_PUBLIC_KEY", "pubKey does not encode a curve point");
  const r = decompressPoint(packed.subarray(0, PUBLIC_KEY_BYTES));
  if (r === undefined) throw new ZkLiteError("INVALID_SIGNATURE", "R does not encode a curve point");
  const s = littleEndian(packed.subarray(PUBLIC_KEY_BYTES));
  if (s >= SUBGROUP_ORDER) throw new ZkLiteError("INVALID_SIGNATURE", "s is not below the subgroup order l");
  const { x: pkx, y: pky } = pk.toAffine();
  const { x: rx, y: ry } = r.toAffine();
  return { pkx, pky, rx, ry, s };
}

function hexBytes(value: unknown, length: number, code: string, what: string): Uint8Array {
  const hex = typeof value === "string" ? value.replace(/^0x/, "") : undefined;
  if (hex === undefined || hex.length !== 2 * length || !/^[0-9a-fA-F]*$/.test(hex)) {
    throw new ZkLiteError(code, `${what} must be ${2 * length} hex digits`);
  }
  return fromHex(`0x${hex}`);
}

function littleEndian(bytes: Uint8Array): bigint {
  let value = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) value = (value << 8n) | BigInt(bytes[i]!);
  return value;
}
