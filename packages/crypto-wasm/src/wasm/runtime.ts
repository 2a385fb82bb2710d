/** The one zksync-crypto instance of this JS realm: loaded once by init(), then used synchronously. */
import { loadZkSyncCryptoBindings } from "#zksync-crypto-loader";
import { cryptoError } from "../crypto-error.js";
import type { ZkSyncCryptoBindings } from "./bindings.js";

let bindings: ZkSyncCryptoBindings | undefined;
let loading: Promise<void> | undefined;

/**
 * Loads zksync-crypto (the Node build in Node, the web build elsewhere). Safe to call any number of
 * times, also concurrently: every call waits for the same single load. A failed load can be retried.
 */
export function init(): Promise<void> {
  loading ??= loadZkSyncCryptoBindings().then(
    (loaded) => {
      loaded.zksync_crypto_init();
      bindings = loaded;
    },
    (cause: unknown) => {
      loading = undefined;
      throw cryptoError("CRYPTO_INIT_FAILED", `could not load zksync-crypto: ${String(cause)}`, cause);
    },
  );
  return loading;
}

export function isInitialized(): boolean {
  return bindings !== undefined;
}

export function initializedBindings(): ZkSyncCryptoBindings {
  if (bindings === undefined) {
    throw cryptoError("CRYPTO_NOT_INITIALIZED", "call and await init() from @zklite/crypto-wasm first");
  }
  return bindings;
}
