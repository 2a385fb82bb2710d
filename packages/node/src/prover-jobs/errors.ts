import { ZkLiteError } from "@zklite/protocol";

/**
 * Refusals of the prover job queue. The API maps them to tRPC statuses (`@zklite/api` errors.ts):
 * NOT_FOUND → 404, NOT_HELD → 409, NO_KEY → 412, the proof refusals → 400.
 */
export type ProverJobErrorCode =
  | "PROVER_JOB_NOT_FOUND"
  | "PROVER_JOB_NOT_HELD"
  | "PROVER_BLOCK_MISSING"
  | "PROVER_WITNESS_MISSING"
  | "PROVER_NO_KEY"
  | "PROVER_PROOF_INVALID"
  | "PROVER_PUBLIC_SIGNAL_MISMATCH";

export class ProverJobError extends ZkLiteError<ProverJobErrorCode> {}

/** Refusals that say the proof is wrong (the job goes back to the queue), not that the request is. */
export function isProofRefusal(error: unknown): error is ProverJobError {
  return error instanceof ProverJobError && (error.code === "PROVER_PROOF_INVALID" || error.code === "PROVER_PUBLIC_SIGNAL_MISMATCH");
}
