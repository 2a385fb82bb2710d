import { ZkLiteError } from "@zklite/crypto-wasm";

/**
 * Why a proof was refused. The native prover reports the same codes (one JSON line on stderr); snarkjs'
 * messages are mapped onto them where they match.
 */
export type ProverErrorCode =
  | "FILE_NOT_FOUND"
  | "IO_ERROR"
  | "OUT_OF_MEMORY"
  | "USAGE"
  | "ZKEY_INVALID"
  | "ZKEY_TRUNCATED"
  | "ZKEY_CORRUPT"
  | "ZKEY_UNSUPPORTED"
  | "WTNS_INVALID"
  | "WTNS_TRUNCATED"
  | "WTNS_CORRUPT"
  | "WTNS_UNSUPPORTED"
  | "WITNESS_LENGTH_MISMATCH"
  | "R1CS_INVALID"
  | "R1CS_TRUNCATED"
  | "R1CS_CORRUPT"
  | "R1CS_UNSUPPORTED"
  | "R1CS_MISMATCH"
  | "R1CS_UNSATISFIED"
  | "DEVKEYS_BAD_SECRET"
  | "NATIVE_UNAVAILABLE"
  | "NATIVE_CRASHED"
  | "ABORTED"
  | "PROOF_INVALID"
  | "SNARKJS_FAILED";

export class ProverError extends ZkLiteError<ProverErrorCode> {}

const KNOWN = new Set<string>([
  "FILE_NOT_FOUND", "IO_ERROR", "OUT_OF_MEMORY", "USAGE", "ZKEY_INVALID", "ZKEY_TRUNCATED", "ZKEY_CORRUPT",
  "ZKEY_UNSUPPORTED", "WTNS_INVALID", "WTNS_TRUNCATED", "WTNS_CORRUPT", "WTNS_UNSUPPORTED", "WITNESS_LENGTH_MISMATCH",
  "R1CS_INVALID", "R1CS_TRUNCATED", "R1CS_CORRUPT", "R1CS_UNSUPPORTED", "R1CS_MISMATCH", "R1CS_UNSATISFIED",
  "DEVKEYS_BAD_SECRET",
]);

export function isProverErrorCode(code: string): code is ProverErrorCode {
  return KNOWN.has(code);
}
