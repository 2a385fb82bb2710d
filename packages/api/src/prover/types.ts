import type { JsonValue } from "../types.js";

/** What `prover.login` returns: a bearer token for the other prover procedures, and the lease terms. */
export interface ProverSession {
  readonly token: string;
  /** Milliseconds since the epoch; log in again before (a call with an expired token: `PROVER_TOKEN_EXPIRED`). */
  readonly expiresAt: number;
  /** How long a job is held without a heartbeat. */
  readonly leaseMs: number;
  /** How often a worker should heartbeat the job it holds (a fraction of the lease). */
  readonly heartbeatIntervalMs: number;
}

/** A job handed to a prover: prove block `blockNumber` of size `blockChunks` on `circuitInput`. */
export interface ProverJobView {
  readonly jobId: string;
  readonly blockNumber: number;
  readonly blockChunks: number;
  /** The circuit's input, opaque to the node: passed as is to the circuit's witness calculator. */
  readonly circuitInput: JsonValue;
  /** ISO time the lease ends unless renewed by a heartbeat. */
  readonly leaseUntil: string;
  /** 1 for the first prover to take the job, 2 after one lease expired or one proof was refused, … */
  readonly attempt: number;
}

export interface ProverLease {
  readonly jobId: string;
  readonly leaseUntil: string;
}

export interface ProofPublished {
  readonly blockNumber: number;
  /** accepted: verified and stored now; already_proven: a proof of this block was stored before. */
  readonly status: "accepted" | "already_proven";
}

/** zkSync's scaler answer: how many workers the queue can keep busy. */
export interface ProversNeeded {
  readonly queued: number;
  readonly inProgress: number;
  /** Workers seen within one lease that did not say they stopped. */
  readonly activeProvers: number;
  /** queued + in progress: one worker per job (a worker proves one job at a time). */
  readonly needed: number;
}
