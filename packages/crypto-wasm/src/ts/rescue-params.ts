/**
 * zkSync's Rescue instance over Fr (franklin-crypto `Bn256RescueParams::new_checked_2_into_1`):
 * width 3, rate 2, capacity 1, 22 full rounds (44 half-rounds), S-boxes x^5 and x^(1/5).
 */
import { blake2s } from "@noble/hashes/blake2.js";
import { utf8ToBytes } from "@noble/hashes/utils.js";
import { bytesToBigIntLE } from "./bytes.js";
import { FR_MODULUS, modularInverse } from "./field.js";
import { GH_FIRST_BLOCK } from "./gh-first-block.js";

export const RESCUE_STATE_WIDTH = 3;
export const RESCUE_RATE = 2;
export const RESCUE_ROUNDS = 22;
export const RESCUE_ALPHA = 5n;
/** 5^-1 mod (p - 1): x -> x^RESCUE_ALPHA_INVERSE inverts x -> x^5 on Fr. */
export const RESCUE_ALPHA_INVERSE = modularInverse(RESCUE_ALPHA, FR_MODULUS - 1n);

/** (1 + 2 * rounds) * width constants: one width-vector before the first half-round and one after each. */
export const RESCUE_ROUND_CONSTANT_COUNT = (1 + 2 * RESCUE_ROUNDS) * RESCUE_STATE_WIDTH;

/**
 * The Cauchy MDS matrix. franklin derives it from a ChaCha20 RNG (rand 0.4) seeded from BLAKE2s with a
 * seed-reading quirk (PROTOCOL.md §2.3); it is fixed forever, so it is written out instead of re-derived.
 */
type MdsRow = readonly [bigint, bigint, bigint];

export const RESCUE_MDS: readonly [MdsRow, MdsRow, MdsRow] = [
  [
    0x2bec9c48301bdaaad9c72a3d8c4d363ac8be8189ccea49a4c0bd8c37d1c6b3e3n,
    0x1f069c8a0ff22a1e62469e5f812fe7aca34de4c88515d84c9a1af9e21f5121a8n,
    0x0d5365c702a1d156ecb069c1a5b6f3fefa94d552d01f19e0cea4ba91e4537c0bn,
  ],
  [
    0x1e4038a58dfdab6147e951763747a13f5e5599737bfa3c30d4548a366740959en,
    0x07cf3d4093243419a52e08fa9416458849e98b266a981933f96649f53f7824e3n,
    0x116b9e8295f0086e020f035edc4ec2b5e65187597edb3d37de19589968b8d95an,
  ],
  [
    0x1e2a87b6b95d6c53a4ef91c0f455ebda2d3b80bff560df8afc804813c15542fbn,
    0x16e10361cbf35fe8e9c30527df038594e611b03897f65996a6986e51cfe3a96bn,
    0x1c794b13d4b66d9883849539f556b020117666918dae1210cc4c713c4137c980n,
  ],
];

let roundConstantsCache: readonly bigint[] | undefined;

/**
 * Round constants: for nonce = 0, 1, 2, …, BLAKE2s-256 with personalization "Rescue_f" of
 * GH_FIRST_BLOCK ‖ u32_be(nonce), read little-endian; keep the digests that are non-zero and below p.
 * Derived once on first use.
 */
export function rescueRoundConstants(): readonly bigint[] {
  if (roundConstantsCache === undefined) {
    const personalization = utf8ToBytes("Rescue_f");
    const input = new Uint8Array(GH_FIRST_BLOCK.length + 4);
    input.set(GH_FIRST_BLOCK);
    const nonceView = new DataView(input.buffer, GH_FIRST_BLOCK.length, 4);
    const constants: bigint[] = [];
    for (let nonce = 0; constants.length < RESCUE_ROUND_CONSTANT_COUNT; nonce++) {
      nonceView.setUint32(0, nonce, false);
      const candidate = bytesToBigIntLE(blake2s(input, { personalization }));
      if (candidate !== 0n && candidate < FR_MODULUS) constants.push(candidate);
    }
    roundConstantsCache = Object.freeze(constants);
  }
  return roundConstantsCache;
}
