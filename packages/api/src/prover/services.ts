import type { Groth16ProofJson } from "./inputs.js";
import type { ProofPublished, ProverJobView, ProverLease, ProverSession, ProversNeeded } from "./types.js";

/**
 * What the prover router needs from a node. `prover` is the authenticated worker's name (from its token).
 * Refusals are `ZkLiteError`s: `PROVER_UNAUTHORIZED`, `PROVER_TOKEN_EXPIRED`, `PROVER_JOB_NOT_FOUND`,
 * `PROVER_JOB_NOT_HELD`, `PROVER_PROOF_INVALID`, `PROVER_PUBLIC_SIGNAL_MISMATCH`, `PROVER_NO_KEY`.
 */
export interface ProverServices {
  /** Exchanges the shared secret for a short-lived token. */
  login(name: string, secret: string): Promise<ProverSession>;
  /** The prover name of a valid `Authorization: Bearer <token>` header. */
  authenticate(authorization: string | undefined): Promise<string>;
  /** Leases the oldest job of one of `chunkSizes`, or null when there is none. */
  getJob(prover: string, chunkSizes: readonly number[]): Promise<ProverJobView | null>;
  heartbeat(prover: string, jobId: string): Promise<ProverLease>;
  publish(prover: string, jobId: string, proof: Groth16ProofJson, publicSignals: readonly string[]): Promise<ProofPublished>;
  /** Releases every job the prover holds. */
  stopped(prover: string): Promise<{ released: number }>;
  proversNeeded(): Promise<ProversNeeded>;
}
