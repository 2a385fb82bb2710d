/**
 * Why an in-browser exit proof was refused. Dependency-free so the worker can use it without the client's
 * error class.
 */
export type ExitProverErrorCode =
  /** The input is not a circuit input: a missing or unknown signal, a wrong array length, not a field element. */
  | "BAD_INPUT"
  /** The input is well formed but no witness exists: a circuit constraint fails (e.g. a wrong balance or path). */
  | "CIRCUIT_UNSATISFIED"
  /** The key's hash is not the expected one, or the key is not for this circuit (witness length). */
  | "KEY_MISMATCH"
  /** The zkey or wasm cannot be read (truncated, not a Groth16 zkey, not a circom wasm). */
  | "KEY_INVALID"
  /** A file could not be fetched (network error, HTTP status). */
  | "DOWNLOAD_FAILED"
  /** The caller aborted (AbortSignal) or terminated the prover. */
  | "ABORTED"
  /** The worker could not start, crashed or ran out of memory. */
  | "WORKER_FAILED"
  /** Web Crypto (crypto.subtle) is missing: the page is not a secure context (https or localhost). */
  | "INSECURE_CONTEXT"
  /** snarkjs failed in a way not listed above. */
  | "PROVER_FAILED";

const firstLines = (message: string, lines = 4): string =>
  message.split("\n").map((line) => line.trim()).filter((line) => line !== "").slice(0, lines).join("; ");

/** Maps the messages of circom's witness calculator (circom_runtime, through snarkjs) onto codes. */
export function classifyWitnessError(error: unknown): { code: ExitProverErrorCode; message: string } {
  const message = error instanceof Error ? error.message : String(error);
  if (/Assert Failed/i.test(message)) return { code: "CIRCUIT_UNSATISFIED", message: `no valid witness for this input: ${firstLines(message)}` };
  if (/Signal .*not found|Not enough values|Too many values|Too many signals|Not all inputs have been set|is not an input of the circuit|Cannot convert .* to a BigInt|invalid BigInt/i.test(message)) {
    return { code: "BAD_INPUT", message: `not an input of this circuit: ${firstLines(message)}` };
  }
  if (/WebAssembly|wasm|magic/i.test(message)) return { code: "KEY_INVALID", message: `the circuit's wasm cannot be run: ${firstLines(message)}` };
  return { code: "PROVER_FAILED", message: `witness calculation failed: ${firstLines(message)}` };
}

/** Maps snarkjs' Groth16 prover messages onto codes. */
export function classifyProverError(error: unknown): { code: ExitProverErrorCode; message: string } {
  const message = error instanceof Error ? error.message : String(error);
  if (/Invalid witness length|Curve of the witness does not match/i.test(message)) return { code: "KEY_MISMATCH", message: `the zkey is not for this circuit: ${firstLines(message)}` };
  if (/not groth16|Invalid File format|Invalid Version|Missing section|Invalid section|out of file bounds|Invalid file/i.test(message)) {
    return { code: "KEY_INVALID", message: `the zkey cannot be read: ${firstLines(message)}` };
  }
  if (/out of memory|Out of memory|allocation failed|Array buffer allocation/i.test(message)) return { code: "WORKER_FAILED", message: `out of memory: ${firstLines(message)}` };
  return { code: "PROVER_FAILED", message: `Groth16 proving failed: ${firstLines(message)}` };
}
