/**
 * The one set-up call of @zklite/crypto-wasm: loads zksync-crypto (key derivation, PubKeyHash, orders
 * hash) and the fast engine (signatures, Rescue message hash, Poseidon: the native addon in Node when it
 * loads, WebAssembly otherwise). Every call returns the same promise; a failed load can be retried.
 */
import { initFast, fastEngineKind } from "./fast/index.js";
import { init as initZkSyncCrypto, isInitialized as isZkSyncCryptoInitialized } from "./wasm/runtime.js";

let loading: Promise<void> | undefined;

export function init(): Promise<void> {
  loading ??= Promise.all([initZkSyncCrypto(), initFast()]).then(
    () => undefined,
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

export function isInitialized(): boolean {
  return isZkSyncCryptoInitialized() && fastEngineKind() !== undefined;
}
