import type { Groth16ProofJson, ProofPublished, ProverJobView, ProverLease, ProverServices, ProverSession, ProversNeeded } from "@zklite/api";
import { ZkLiteError } from "@zklite/protocol";
import type { ProverJobRepository } from "../prover-jobs/prover-job-repository.js";
import type { ProverTokens } from "./prover-token.js";

export interface ProverApiOptions {
  readonly leaseMs: number;
  /** Block sizes the node has verification keys for: only those jobs are handed out. */
  readonly chunkSizes: readonly number[];
}

/** `ProverServices` of `@zklite/api` over the job queue and the token issuer. */
export class ProverApiServices implements ProverServices {
  constructor(
    private readonly jobs: ProverJobRepository,
    private readonly tokens: ProverTokens,
    private readonly options: ProverApiOptions,
  ) {}

  async login(name: string, secret: string): Promise<ProverSession> {
    if (!this.tokens.secretMatches(secret)) throw new ZkLiteError("PROVER_UNAUTHORIZED", "prover authentication failed: wrong secret");
    await this.jobs.seen(name);
    const { token, expiresAt } = this.tokens.issue(name);
    return { token, expiresAt, leaseMs: this.options.leaseMs, heartbeatIntervalMs: heartbeatInterval(this.options.leaseMs) };
  }

  async authenticate(authorization: string | undefined): Promise<string> {
    const match = /^Bearer (\S+)$/.exec(authorization ?? "");
    if (match?.[1] === undefined) throw new ZkLiteError("PROVER_UNAUTHORIZED", "prover authentication failed: no `Authorization: Bearer <token>` header");
    return this.tokens.verify(match[1]);
  }

  async getJob(prover: string, chunkSizes: readonly number[]): Promise<ProverJobView | null> {
    const servable = chunkSizes.filter((size) => this.options.chunkSizes.includes(size));
    const job = await this.jobs.claim(prover, servable);
    if (job === null) return null;
    return {
      jobId: job.jobId.toString(),
      blockNumber: job.blockNumber,
      blockChunks: job.blockChunks,
      circuitInput: job.circuitInput,
      leaseUntil: job.leaseUntil.toISOString(),
      attempt: job.attempt,
    };
  }

  async heartbeat(prover: string, jobId: string): Promise<ProverLease> {
    const leaseUntil = await this.jobs.heartbeat(BigInt(jobId), prover);
    return { jobId, leaseUntil: leaseUntil.toISOString() };
  }

  async publish(prover: string, jobId: string, proof: Groth16ProofJson, publicSignals: readonly string[]): Promise<ProofPublished> {
    return this.jobs.publish(BigInt(jobId), prover, proof, publicSignals);
  }

  async stopped(prover: string): Promise<{ released: number }> {
    return { released: await this.jobs.stopped(prover) };
  }

  async proversNeeded(): Promise<ProversNeeded> {
    return this.jobs.proversNeeded();
  }
}

/** A quarter of the lease: three heartbeats may be lost before the job is given to another prover. */
export function heartbeatInterval(leaseMs: number): number {
  return Math.max(50, Math.floor(leaseMs / 4));
}
