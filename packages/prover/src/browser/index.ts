/**
 * `@zklite/prover/browser`: the exit circuit's Groth16 proof in a web worker (exodus: the user proves their
 * balance on their own machine). Browser APIs only: no Node built-in anywhere in this entry's module graph
 * (checked by browser-graph.test.ts). The worker itself is `@zklite/prover/browser/worker`.
 */
export { ExitProver, proveInWorker, type ExitProof, type ExitProveOptions, type ExitProverOptions } from "./client.js";
export { ExitProverError } from "./errors.js";
export type { ExitProverErrorCode } from "./error-codes.js";
export { normalizeCircuitInput, SNARK_SCALAR_FIELD, type CircuitInputLike, type CircuitInputValue } from "./input.js";
export { cacheKeyUrl, clearKeyCache, DEFAULT_CACHE_NAME, sha256Hex } from "./key-store.js";
export type { ExitProverProgress, ExitProverTimings, FileSource, ProverFile, SnarkjsGroth16Proof } from "./protocol.js";
