/** zkSync Lite L2 keys: private key from a seed, public key, PubKeyHash (PROTOCOL.md §1.3, §2.1, §2.2). */
import { sha256 } from "@noble/hashes/sha2.js";
import { cryptoError } from "../crypto-error.js";
import { PUBKEY_HASH_BYTES } from "../sizes.js";
import { assertPublicKeyLength, assertSeed, parsePrivateKey } from "../validation.js";
import { bigIntToBytesBE, bytesToBigIntBE } from "./bytes.js";
import { SUBGROUP_ORDER } from "./curve-params.js";
import { multiplyGenerator } from "./generator.js";
import { AltBabyJubjubPoint } from "./point.js";
import { compressPoint, decompressPoint } from "./point-encoding.js";
import { rescueHash } from "./rescue.js";

const PUBKEY_HASH_MASK = (1n << BigInt(PUBKEY_HASH_BYTES * 8)) - 1n;

/** t = sha256(seed); repeat k = sha256(t) until k (big-endian) < l, else t = k. */
export function privateKeyFromSeed(seed: Uint8Array): Uint8Array {
  assertSeed(seed);
  let digest = sha256(seed);
  for (;;) {
    const candidate = sha256(digest);
    if (bytesToBigIntBE(candidate) < SUBGROUP_ORDER) return candidate;
    digest = candidate;
  }
}

/** Packed sk·G. */
export function privateKeyToPubKey(privateKey: Uint8Array): Uint8Array {
  return compressPoint(multiplyGenerator(parsePrivateKey(privateKey)));
}

export function privateKeyToPubKeyHash(privateKey: Uint8Array): Uint8Array {
  return pointPubKeyHash(multiplyGenerator(parsePrivateKey(privateKey)));
}

/**
 * PubKeyHash of a packed public key: low 160 bits of Rescue(x, y), 20 bytes big-endian. Like
 * zksync-crypto it accepts any encoding of a curve point (no subgroup check).
 */
export function pubKeyHash(publicKey: Uint8Array): Uint8Array {
  assertPublicKeyLength(publicKey);
  const point = decompressPoint(publicKey);
  if (point === undefined) throw cryptoError("INVALID_PUBLIC_KEY", "public key does not encode a curve point");
  return pointPubKeyHash(point);
}

function pointPubKeyHash(point: AltBabyJubjubPoint): Uint8Array {
  const { x, y } = point.toAffine();
  return bigIntToBytesBE(rescueHash([x, y]) & PUBKEY_HASH_MASK, PUBKEY_HASH_BYTES);
}
