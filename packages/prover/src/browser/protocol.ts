/**
 * Messages between the main-thread client (`client.ts`) and the exit prover worker
 * (`exit-prover.worker.ts`). Plain structured-cloneable data only: the worker imports no class of the client.
 */
import type { ExitProverErrorCode } from "./error-codes.js";

/** A file the worker needs: bytes the caller already has, or a URL to fetch (and cache, keyed by its hash). */
export type FileSource =
  | { readonly bytes: Uint8Array; readonly sha256?: string }
  | { readonly url: string; readonly sha256: string }
  /** A URL without a known hash: fetched every time, never cached (tests, dev servers). */
  | { readonly url: string; readonly sha256?: undefined };

export type ProverFile = "wasm" | "zkey";

/** Progress of one proof, in order: download (or cache) of both files, witness, proving (snarkjs' steps), done. */
export type ExitProverProgress =
  | { readonly stage: "download"; readonly file: ProverFile; readonly loaded: number; readonly total: number | undefined }
  | { readonly stage: "cache"; readonly file: ProverFile; readonly hit: boolean; readonly bytes: number }
  | { readonly stage: "witness"; readonly done: boolean }
  | { readonly stage: "proving"; readonly step: string; readonly fraction: number }
  | { readonly stage: "done"; readonly timings: ExitProverTimings };

export interface ExitProverTimings {
  /** Fetching (network or cache) and hashing both files. */
  readonly loadMs: number;
  readonly witnessMs: number;
  readonly provingMs: number;
  readonly totalMs: number;
  /** True when the zkey came from the worker's memory or the Cache API, with no network request. */
  readonly zkeyCached: boolean;
}

/** snarkjs' proof.json. */
export interface SnarkjsGroth16Proof {
  readonly pi_a: string[];
  readonly pi_b: string[][];
  readonly pi_c: string[];
  readonly protocol: string;
  readonly curve: string;
}

export interface ProveRequest {
  readonly type: "prove";
  readonly id: number;
  readonly wasm: FileSource;
  readonly zkey: FileSource;
  /** Circuit input, every field element as a decimal string (normalised by the client). */
  readonly input: Record<string, unknown>;
  /** Cache API cache name, or null for no persistent cache. */
  readonly cacheName: string | null;
  /** ffjavascript without its own worker threads (e.g. under a CSP that forbids `data:` workers). */
  readonly singleThread: boolean;
}

export type WorkerReply =
  | { readonly type: "progress"; readonly id: number; readonly event: ExitProverProgress }
  | { readonly type: "result"; readonly id: number; readonly proof: SnarkjsGroth16Proof; readonly publicSignals: string[]; readonly timings: ExitProverTimings }
  | { readonly type: "error"; readonly id: number; readonly code: ExitProverErrorCode; readonly message: string };
