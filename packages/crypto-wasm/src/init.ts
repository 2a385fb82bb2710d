/**
 * The one set-up call of @zklite/crypto-wasm: loads zksync-crypto (key derivation, PubKeyHash, orders
 * hash) and the fast engine (signatures, Rescue message hash, Poseidon: the native addon in Node when it
 * loads, WebAssembly otherwise). Idempotent and safe to call concurrently.
 */
import { initFast, fastEngineKind } from "./fast/index.js";
import { init as initZkSyncCrypto, isInitialized as isZkSyncCryptoInitialized } from "./wasm/runtime.js";

export async function init(): Promise<void> {
  await Promise.all([initZkSyncCrypto(), initFast()]);
}

export function isInitialized(): boolean {
  return isZkSyncCryptoInitialized() && fastEngineKind() !== undefined;
}
