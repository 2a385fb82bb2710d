/**
 * Node loader (package.json `imports` → `#zksync-crypto-loader`, condition "node"): zksync-crypto's
 * CommonJS build, which reads and compiles its .wasm file synchronously when required.
 */
import { createRequire } from "node:module";
import type { ZkSyncCryptoBindings } from "../wasm/bindings.js";

export async function loadZkSyncCryptoBindings(): Promise<ZkSyncCryptoBindings> {
  const require = createRequire(import.meta.url);
  return require("zksync-crypto/dist/zksync-crypto-node.js") as ZkSyncCryptoBindings;
}
