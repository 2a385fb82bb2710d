import { bytesToHex } from "@noble/hashes/utils.js";
import { init, privateKeyFromSeed, privateKeyToPubKeyHash, pubKeyHash as zksyncPubKeyHash } from "@zklite/crypto-wasm";
import { compressPoint, FR_MODULUS } from "@zklite/crypto-wasm/ts";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { SMALL_ORDER_PUBKEY_HASHES, isSmallOrderPubKeyHash, smallOrderPoints } from "./small-order-keys.js";

const IDENTITY_HASH = "sync:a4f90830929d60c32fdddccc83f2706ba9a8c644";

/** franklin's point encoding written out: y little-endian, bit 255 = parity of x. */
function encoding(y: bigint, xOdd: boolean): Uint8Array {
  const bytes = new Uint8Array(32);
  for (let i = 0, rest = y; i < 32; i++, rest >>= 8n) bytes[i] = Number(rest & 0xffn);
  if (xOdd) bytes[31] = (bytes[31] as number) | 0x80;
  return bytes;
}
const hashWithZksyncCrypto = (packed: Uint8Array): string => `sync:${bytesToHex(zksyncPubKeyHash(packed))}`;

beforeAll(async () => {
  await init(); // zksync-crypto, the independent PubKeyHash oracle
});

describe("small-order PubKeyHashes", () => {
  it("are 8 distinct hashes, the identity's a4f908…c644 among them", () => {
    expect(SMALL_ORDER_PUBKEY_HASHES.size).toBe(8);
    expect(SMALL_ORDER_PUBKEY_HASHES.has(IDENTITY_HASH)).toBe(true);
    expect(isSmallOrderPubKeyHash(IDENTITY_HASH.toUpperCase().replace("SYNC:", "sync:"))).toBe(true);
  });

  it("come from the 8 points of order dividing 8: orders 1, 2, 4, 4, 8, 8, 8, 8", () => {
    const points = smallOrderPoints();
    const orders = points.map((point) => [1n, 2n, 4n, 8n].find((n) => point.multiply(n).isIdentity()));
    expect(orders.map(Number).sort((a, b) => a - b)).toEqual([1, 2, 4, 4, 8, 8, 8, 8]);
    const encodings = new Set(points.map((point) => bytesToHex(compressPoint(point))));
    expect(encodings.size).toBe(8);
  });

  it("match zksync-crypto's PubKeyHash of each point, and of the hand-made encodings of orders 1, 2 and 4", () => {
    for (const point of smallOrderPoints()) expect(SMALL_ORDER_PUBKEY_HASHES.has(hashWithZksyncCrypto(compressPoint(point)))).toBe(true);
    // (0, 1), (0, −1) (also with the sign bit set, which franklin's decoder accepts), and (±√−1, 0).
    const handMade = [encoding(1n, false), encoding(1n, true), encoding(FR_MODULUS - 1n, false), encoding(0n, false), encoding(0n, true)];
    const hashes = handMade.map(hashWithZksyncCrypto);
    expect(hashes[0]).toBe(IDENTITY_HASH);
    expect(hashes[1]).toBe(IDENTITY_HASH);
    for (const hash of hashes) expect(isSmallOrderPubKeyHash(hash)).toBe(true);
    expect(new Set(hashes).size).toBe(4);
  });

  it("never include the hash of an ordinary key", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (seed) => {
        const hash = `sync:${bytesToHex(privateKeyToPubKeyHash(privateKeyFromSeed(seed)))}`;
        expect(isSmallOrderPubKeyHash(hash)).toBe(false);
      }),
      { numRuns: 20 },
    );
    expect(isSmallOrderPubKeyHash(`sync:${"0".repeat(40)}`)).toBe(false);
  });
});
