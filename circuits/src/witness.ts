/**
 * `@zklite/circuits/witness`: the browser-safe part of the package — circuit inputs built from `@zklite/state`
 * (block and exit witnesses), the exit statement's encodings and the circuits' parameters. No Node built-ins,
 * no compiler, no keys: the node's witness generator and in-browser exit proving import this entry only.
 */
export type { CircuitInput, CircuitSignalValue } from "./circuit-input.js";
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
export { buildExitWitness, MAX_FUNGIBLE_TOKEN_ID, type ExitWitness } from "./exit/exit-witness.js";
export {
  exitCommitmentBytes,
  exitSha256PublicInput,
  exitFieldPublicInputs,
  PUBLIC_INPUT_MASK,
  type ExitStatement,
} from "./exit/exit-statement.js";
export {
  dummySignatureSlot,
  signatureWitness,
  txMessageFields,
  type SignatureSlot,
  type SignatureWitness,
  type TxMessageFields,
  type ZkSyncSignature,
} from "./signature/index.js";
