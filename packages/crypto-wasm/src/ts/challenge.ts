/**
 * The musig challenge, franklin-crypto `rescue_hash_to_scalar` with an empty personalization:
 * bits (MSB first per byte) of LE32(A.x) ‖ LE32(R.x) ‖ m (the 32-byte message hash) packed into four field
 * elements, absorbed by a sponge specialized to 4 inputs; two squeezes s0, s1 give
 * c = (s0 mod 2^125) + (s1 mod 2^125)·2^125, a 250-bit scalar (`Fs::CAPACITY / 2` bits from each).
 */
import { concatBytes } from "@noble/hashes/utils.js";
import { cryptoError } from "../crypto-error.js";
import { TX_MESSAGE_HASH_BYTES } from "../sizes.js";
import { assertBytes } from "../validation.js";
import { bigIntToBytesLE, bytesToBitsMsbFirst } from "./bytes.js";
import { multipackBits } from "./multipack.js";
import { assertFieldElements } from "./rescue.js";
import { SpecializedRescueSponge } from "./rescue-sponge.js";

const HALF_CAPACITY_BITS = 125n;
const HALF_MASK = (1n << HALF_CAPACITY_BITS) - 1n;

/** `publicKeyX` and `nonceCommitmentX` are field elements; `messageHash` is rescueHashTxMsg's 32 bytes. */
export function musigChallenge(publicKeyX: bigint, nonceCommitmentX: bigint, messageHash: Uint8Array): bigint {
  assertFieldElements([publicKeyX, nonceCommitmentX]);
  assertBytes(messageHash, "message hash");
  if (messageHash.length !== TX_MESSAGE_HASH_BYTES) {
    throw cryptoError("INVALID_LENGTH", `message hash must be ${TX_MESSAGE_HASH_BYTES} bytes, got ${messageHash.length}`);
  }
  const preimage = concatBytes(bigIntToBytesLE(publicKeyX, 32), bigIntToBytesLE(nonceCommitmentX, 32), messageHash);
  const elements = multipackBits(bytesToBitsMsbFirst(preimage));
  const sponge = new SpecializedRescueSponge(elements.length);
  sponge.absorb(elements);
  const first = sponge.squeeze();
  const second = sponge.squeeze();
  return (first & HALF_MASK) | ((second & HALF_MASK) << HALF_CAPACITY_BITS);
}
