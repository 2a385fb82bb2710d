/**
 * zkSync Lite's transaction signature: franklin-crypto `musig_rescue_sign` / `verify_musig_rescue`
 * (a single-signer Schnorr signature with a Rescue challenge, PROTOCOL.md §2.4).
 */
import { concatBytes } from "@noble/hashes/utils.js";
import { PUBLIC_KEY_BYTES } from "../sizes.js";
import { assertSignatureLength, assertTxMessage, parsePrivateKey } from "../validation.js";
import { bigIntToBytesLE, bytesToBigIntLE } from "./bytes.js";
import { musigChallenge } from "./challenge.js";
import { SUBGROUP_ORDER } from "./curve-params.js";
import { multiplyGenerator } from "./generator.js";
import { deterministicNonce } from "./nonce.js";
import { compressPoint, decompressPoint } from "./point-encoding.js";
import { rescueHashTxMsg } from "./tx-message-hash.js";

/** 96 bytes: packed A = sk·G ‖ packed R = k·G ‖ s = k + c·sk mod l (32 bytes little-endian). */
export function signMusig(privateKey: Uint8Array, message: Uint8Array): Uint8Array {
  const secret = parsePrivateKey(privateKey);
  const messageHash = rescueHashTxMsg(message);
  const publicKey = multiplyGenerator(secret);
  const nonce = deterministicNonce(secret, messageHash);
  const nonceCommitment = multiplyGenerator(nonce);
  const challenge = musigChallenge(publicKey.toAffine().x, nonceCommitment.toAffine().x, messageHash);
  const s = (nonce + challenge * secret) % SUBGROUP_ORDER;
  return concatBytes(compressPoint(publicKey), compressPoint(nonceCommitment), bigIntToBytesLE(s, 32));
}

/**
 * True iff `signature` (96 bytes as produced by signMusig) signs `message`: A and R decode, s < l,
 * A and R lie in the prime-order subgroup, and c·A + R = s·G. Never throws for a 96-byte signature.
 */
export function verifyMusig(message: Uint8Array, signature: Uint8Array): boolean {
  assertTxMessage(message);
  assertSignatureLength(signature);
  const publicKey = decompressPoint(signature.subarray(0, PUBLIC_KEY_BYTES));
  const nonceCommitment = decompressPoint(signature.subarray(PUBLIC_KEY_BYTES, 2 * PUBLIC_KEY_BYTES));
  const s = bytesToBigIntLE(signature.subarray(2 * PUBLIC_KEY_BYTES));
  if (publicKey === undefined || nonceCommitment === undefined || s >= SUBGROUP_ORDER) return false;
  if (!publicKey.isInPrimeSubgroup() || !nonceCommitment.isInPrimeSubgroup()) return false;
  const challenge = musigChallenge(publicKey.toAffine().x, nonceCommitment.toAffine().x, rescueHashTxMsg(message));
  // franklin checks 8·(c·A + R − s·G) = O; with A and R in the prime-order subgroup that is equivalent.
  return publicKey.multiply(challenge).add(nonceCommitment).equals(multiplyGenerator(s));
}
