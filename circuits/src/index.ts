/**
 * `@zklite/circuits`: zkLite's circom circuits (circom/) and their TypeScript side: compilation into a
 * per-machine cache, witness inputs built from `@zklite/state` proofs, and INSECURE development keys.
 */
export { compileCircuit, type CompiledCircuit } from "./circom-compiler.js";
export { readR1csHeader, type R1csHeader } from "./r1cs-header.js";
export { calculateWitness, type CircuitInput, type CircuitSignalValue } from "./witness-calculator.js";
export { cacheRoot } from "./package-paths.js";
export {
  compileExitCircuit,
  exitCircuitSource,
  exitCircuitName,
  type ExitCircuitForm,
  type ExitCircuitDepths,
} from "./exit/exit-circuit.js";
export {
  exitCommitmentBytes,
  exitSha256PublicInput,
  exitFieldPublicInputs,
  PUBLIC_INPUT_MASK,
  type ExitStatement,
} from "./exit/exit-statement.js";
export { buildExitWitness, MAX_FUNGIBLE_TOKEN_ID, type ExitWitness } from "./exit/exit-witness.js";
export { compileBlockCommitmentCircuit, blockCommitmentCircuitInput } from "./block/block-commitment.js";
export { ensureDevPowersOfTau } from "./ceremony/powers-of-tau.js";
export { ensureDevKeys, requiredPtauPower, type DevKeys } from "./ceremony/dev-keys.js";
export { proveGroth16, verifyGroth16, type Groth16Proof, type Groth16Result } from "./ceremony/groth16.js";
export {
  dummySignatureSlot,
  signatureWitness,
  txMessageFields,
  type SignatureSlot,
  type SignatureWitness,
  type TxMessageFields,
  type ZkSyncSignature,
} from "./signature/index.js";
export { compileBlockCircuit } from "./block/block-circuit.js";
export {
  PRODUCTION_BLOCK_SIZES,
  PRODUCTION_BLOCK_TREE,
  productionBlockCircuit,
  productionExtendedLanes,
  validateBlockCircuitParameters,
  type BlockCircuitParameters,
} from "./block/block-circuit-parameters.js";
export { buildBlockWitness, type BlockWitness, type BlockWitnessRequest } from "./block/block-witness.js";
export type { BlockOperation } from "./block/operation-plans.js";
