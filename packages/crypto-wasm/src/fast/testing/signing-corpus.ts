/**
 * A reproducible list of (private key, message) pairs for the signature-digest test: the same seed
 * always gives the same pairs, so zksync-crypto's signatures of them can be summarized by one SHA-256
 * digest (bench/signature-digest.mjs) that the engines must reproduce.
 */
import { SeededRandom } from "./seeded-random.js";

export interface SigningCase {
  readonly privateKey: Uint8Array;
  readonly message: Uint8Array;
}

export function signingCorpus(seed: number, count: number): SigningCase[] {
  const random = new SeededRandom(seed);
  return Array.from({ length: count }, () => {
    const privateKey = random.bytes(32);
    privateKey[0] = (privateKey[0] ?? 0) & 0x03; // big-endian: below 2^250 < l
    privateKey[31] = (privateKey[31] ?? 0) | 0x01; // never zero
    const message = random.bytes(random.int(93));
    return { privateKey, message };
  });
}
