export { defaultEngine, nativeEngine, runNative, snarkjsEngine } from "./engines/index.js";
export type { Groth16Proof, ProveOptions, ProveResult, ProverEngine, ProverStats, WitnessInput } from "./engines/index.js";
export { ProverError, type ProverErrorCode } from "./errors.js";
export { nativeProverStatus, type NativeStatus } from "./native-binary.js";
export {
  BN128_R,
  devKeysGeneratorVersion,
  generateDevZkey,
  generateDevZkeySync,
  type GenerateDevZkeyOptions,
  randomDevKeySecrets,
  type DevKeySecrets,
  type DevKeysResult,
} from "./devkeys.js";
export { KEY_SET_FORMAT, loadKeySet, parseKeySetManifest, writeKeySet } from "./key-set/key-set.js";
export type {
  BlockCircuit,
  KeySet,
  KeySetBlockCircuitKind,
  KeySetBlockCircuitParameters,
  KeySetCircuit,
  KeySetCircuitEntry,
  KeySetManifest,
  KeySetRole,
} from "./key-set/key-set.js";
export { KeySetError, type KeySetErrorCode } from "./key-set/errors.js";
export { readVerificationKey, type Groth16VerificationKey } from "./key-set/verification-key.js";
export { verifyGroth16 } from "./verify.js";
export { calculateWitness } from "./witness.js";
