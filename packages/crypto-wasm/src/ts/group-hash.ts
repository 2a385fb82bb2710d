/**
 * franklin-crypto's `find_group_hash` on AltBabyJubjub, the origin of the generator: for tag = 0, 1, …
 * hash GH_FIRST_BLOCK ‖ message ‖ [tag] with BLAKE2s-256 (8-byte personalization), decode the digest
 * as a compressed point, multiply by the cofactor, and return the first non-identity result.
 */
import { blake2s } from "@noble/hashes/blake2.js";
import { concatBytes } from "@noble/hashes/utils.js";
import { cryptoError } from "../crypto-error.js";
import { COFACTOR } from "./curve-params.js";
import { GH_FIRST_BLOCK } from "./gh-first-block.js";
import type { AltBabyJubjubPoint } from "./point.js";
import { decompressPoint } from "./point-encoding.js";

export function findGroupHash(message: Uint8Array, personalization: Uint8Array): AltBabyJubjubPoint {
  for (let tag = 0; tag < 256; tag++) {
    const digest = blake2s(concatBytes(GH_FIRST_BLOCK, message, Uint8Array.of(tag)), { personalization });
    const candidate = decompressPoint(digest);
    if (candidate === undefined) continue;
    const point = candidate.multiply(COFACTOR);
    if (!point.isIdentity()) return point;
  }
  throw cryptoError("CRYPTO_INTERNAL_ERROR", "no group hash found within 256 tags");
}
