/**
 * `@zklite/circuits`: zkLite's circom circuits (circom/) and their TypeScript side: compilation into a
 * per-machine cache, witness inputs built from `@zklite/state` proofs, and INSECURE development keys.
 * The browser-safe witness builders are also their own entry point, `@zklite/circuits/witness`.
 */
export * from "./witness.js";
export { compileCircuit, type CompiledCircuit } from "./circom-compiler.js";
export { readR1csHeader, type R1csHeader } from "./r1cs-header.js";
export { calculateWitness } from "./witness-calculator.js";
export { cacheRoot } from "./package-paths.js";
export { compileExitCircuit, exitCircuitSource, exitCircuitName, type ExitCircuitForm, type ExitCircuitDepths } from "./exit/exit-circuit.js";
export { compileBlockCommitmentCircuit, blockCommitmentCircuitInput } from "./block/block-commitment.js";
export { ensureDevPowersOfTau } from "./ceremony/powers-of-tau.js";
export { ensureDevKeys, requiredPtauPower, type DevKeys } from "./ceremony/dev-keys.js";
export { proveGroth16, verifyGroth16, type Groth16Proof, type Groth16Result } from "./ceremony/groth16.js";
export { compileBlockCircuit } from "./block/block-circuit.js";
export { ensureDevKeySet, type DevKeySet, type DevKeySetOptions } from "./ceremony/dev-key-set.js";
