/** The two implementations of the API, side by side, for tests that run the same checks on both. */
import * as wasm from "../src/index.js";
import * as typescript from "../src/ts/index.js";

export interface CryptoApi {
  privateKeyFromSeed(seed: Uint8Array): Uint8Array;
  privateKeyToPubKey(privateKey: Uint8Array): Uint8Array;
  privateKeyToPubKeyHash(privateKey: Uint8Array): Uint8Array;
  pubKeyHash(publicKey: Uint8Array): Uint8Array;
  signMusig(privateKey: Uint8Array, message: Uint8Array): Uint8Array;
  verifyMusig(message: Uint8Array, signature: Uint8Array): boolean;
  rescueHashTxMsg(message: Uint8Array): Uint8Array;
  rescueHashOrders(orders: Uint8Array): Uint8Array;
}

export const wasmApi: CryptoApi = wasm;
export const typescriptApi: CryptoApi = typescript;

export const IMPLEMENTATIONS: readonly { name: string; api: CryptoApi }[] = [
  { name: "wasm (zksync-crypto)", api: wasmApi },
  { name: "TypeScript", api: typescriptApi },
];

export const initWasm: () => Promise<void> = wasm.init;

/** Runs `call` and reports either its result or the ZkLiteError code it threw; anything else is rethrown. */
export function outcome<T>(call: () => T): { value: T } | { code: string } {
  try {
    return { value: call() };
  } catch (error) {
    if (wasm.isZkLiteError(error)) return { code: error.code };
    throw error;
  }
}
