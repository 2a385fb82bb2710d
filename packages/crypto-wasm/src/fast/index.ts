/**
 * The fast engine of @zklite/crypto-wasm: zkSync's musig signatures and circomlib's Poseidon, compiled
 * from native/src to a Node addon and to WebAssembly. Same results as zksync-crypto and circomlibjs.
 */
export {
  closeFastWorkers,
  fastEngineKind,
  initFast,
  poseidon,
  privateKeyToPubKey,
  rescueHashTxMsg,
  signMusig,
  verifyMusig,
  verifyMusigBatch,
  verifyMusigVerdict,
  type FastInitOptions,
} from "./fast-runtime.js";
export type { MusigBatchItem } from "./batch/verify-batch.js";
export type { EngineKind } from "./engine/engine-binding.js";
export type { EngineChoice } from "./engine/load-engine.js";
export type { MusigVerdict } from "./engine/musig-verdict.js";
export { FastEngine } from "./engine/fast-engine.js";
export { loadEngine } from "./engine/load-engine.js";
export { poseidonReference } from "./poseidon/poseidon-reference.js";
