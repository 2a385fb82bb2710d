/**
 * The API backed by zksync-crypto's wasm. Inputs are validated first (validation.ts), so the wasm is
 * never handed an input on which it would panic; whatever it still throws is wrapped in ZkLiteError.
 */
import { cryptoError, type CryptoErrorCode } from "../crypto-error.js";
import {
  assertOrders,
  assertPublicKeyLength,
  assertSeed,
  assertSignatureLength,
  assertTxMessage,
  parsePrivateKey,
} from "../validation.js";
import type { ZkSyncCryptoBindings } from "./bindings.js";
import { initializedBindings } from "./runtime.js";

export function privateKeyFromSeed(seed: Uint8Array): Uint8Array {
  assertSeed(seed);
  return callWasm("INVALID_SEED", (wasm) => wasm.privateKeyFromSeed(seed));
}

export function privateKeyToPubKey(privateKey: Uint8Array): Uint8Array {
  parsePrivateKey(privateKey);
  return callWasm("INVALID_PRIVATE_KEY", (wasm) => wasm.private_key_to_pubkey(privateKey));
}

export function privateKeyToPubKeyHash(privateKey: Uint8Array): Uint8Array {
  parsePrivateKey(privateKey);
  return callWasm("INVALID_PRIVATE_KEY", (wasm) => wasm.private_key_to_pubkey_hash(privateKey));
}

/** Accepts any encoding of a curve point, like zksync-crypto (no subgroup check). */
export function pubKeyHash(publicKey: Uint8Array): Uint8Array {
  assertPublicKeyLength(publicKey);
  return callWasm("INVALID_PUBLIC_KEY", (wasm) => wasm.pubKeyHash(publicKey));
}

export function signMusig(privateKey: Uint8Array, message: Uint8Array): Uint8Array {
  parsePrivateKey(privateKey);
  assertTxMessage(message);
  return callWasm("INVALID_PRIVATE_KEY", (wasm) => wasm.sign_musig(privateKey, message));
}

/** False for every 96-byte signature that does not verify (zksync-crypto throws for undecodable ones). */
export function verifyMusig(message: Uint8Array, signature: Uint8Array): boolean {
  assertTxMessage(message);
  assertSignatureLength(signature);
  const wasm = initializedBindings();
  try {
    return wasm.verify_musig(message, signature);
  } catch {
    return false;
  }
}

export function rescueHashTxMsg(message: Uint8Array): Uint8Array {
  assertTxMessage(message);
  return callWasm("CRYPTO_INTERNAL_ERROR", (wasm) => wasm.rescueHash(message));
}

export function rescueHashOrders(orders: Uint8Array): Uint8Array {
  assertOrders(orders);
  return callWasm("CRYPTO_INTERNAL_ERROR", (wasm) => wasm.rescueHashOrders(orders));
}

/**
 * zksync-crypto reports bad input by throwing a string (a Rust `Err`) and a bug by a wasm
 * RuntimeError (a Rust panic). The first becomes `inputErrorCode`, the second CRYPTO_INTERNAL_ERROR.
 */
function callWasm<T>(inputErrorCode: CryptoErrorCode, call: (wasm: ZkSyncCryptoBindings) => T): T {
  const wasm = initializedBindings();
  try {
    return call(wasm);
  } catch (error) {
    if (typeof error === "string") throw cryptoError(inputErrorCode, `zksync-crypto: ${error}`);
    throw cryptoError("CRYPTO_INTERNAL_ERROR", `zksync-crypto failed: ${String(error)}`, error);
  }
}
