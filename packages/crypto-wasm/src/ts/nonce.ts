/**
 * franklin-crypto `Seed::deterministic_seed`: an RFC 6979-like HMAC-SHA256 nonce, except on retry.
 * RFC 6979 would set K = HMAC_K(V ‖ 0x00) and V = HMAC_K(V); franklin feeds `V ‖ 0x00` into the MAC
 * that already absorbed V, so K = HMAC_K(V ‖ V ‖ 0x00), and V stays the same. Since l ≈ 2^251 the
 * retry happens for ~97% of messages, so the quirk decides almost every signature.
 */
import { hmac } from "@noble/hashes/hmac.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { concatBytes } from "@noble/hashes/utils.js";
import { PRIVATE_KEY_BYTES } from "../sizes.js";
import { bigIntToBytesBE, bytesToBigIntBE } from "./bytes.js";
import { SUBGROUP_ORDER } from "./curve-params.js";

/** The nonce k in [0, l) for private key `privateKey` and the 32-byte message hash. */
export function deterministicNonce(privateKey: bigint, messageHash: Uint8Array): bigint {
  const h1 = sha256(messageHash);
  const keyBytes = bigIntToBytesBE(privateKey, PRIVATE_KEY_BYTES);
  let v = new Uint8Array(32).fill(1);
  let k = new Uint8Array(32);
  k = hmac(sha256, k, concatBytes(v, Uint8Array.of(0), keyBytes, h1));
  v = hmac(sha256, k, v);
  k = hmac(sha256, k, concatBytes(v, Uint8Array.of(1), keyBytes, h1));
  v = hmac(sha256, k, v);
  for (;;) {
    const candidate = bytesToBigIntBE(hmac(sha256, k, v));
    if (candidate < SUBGROUP_ORDER) return candidate;
    k = hmac(sha256, k, concatBytes(v, v, Uint8Array.of(0)));
  }
}
