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
