import type { AppRouter, Groth16ProofJson, ProverJobView, ProverSession } from "@zklite/api";
import { createTRPCClient, httpLink, TRPCClientError } from "@trpc/client";

/** The stable zkLite code of a failed call (`data.zkLiteCode`), or null (network failure, timeout). */
export function zkLiteCodeOfCall(error: unknown): string | null {
  if (!(error instanceof TRPCClientError)) return null;
  const data = (error as TRPCClientError<AppRouter>).data as { zkLiteCode?: unknown } | undefined;
  return typeof data?.zkLiteCode === "string" ? data.zkLiteCode : null;
}

export interface NodeClientOptions {
  /** The node's API, e.g. http://127.0.0.1:3030 (the tRPC endpoint is `${url}/trpc`). */
  readonly url: string;
  readonly secret: string;
  readonly name: string;
  /** Per request; zkSync's was 10 s. */
  readonly requestTimeoutMs?: number;
}

/**
 * The worker's side of the prover API: logs in with the shared secret, keeps its token fresh (logs in again
 * shortly before expiry, or once when the node says `PROVER_TOKEN_EXPIRED`), and calls the `prover.*` procedures.
 */
export class NodeClient {
  private session: ProverSession | undefined;
  /** When to log in again: after 80 % of the token's life. */
  private renewAt = 0;
  private readonly trpc;

  constructor(private readonly options: NodeClientOptions) {
    const timeoutMs = options.requestTimeoutMs ?? 10_000;
    this.trpc = createTRPCClient<AppRouter>({
      links: [
        httpLink({
          url: `${options.url.replace(/\/$/, "")}/trpc`,
          headers: () => (this.session === undefined ? {} : { authorization: `Bearer ${this.session.token}` }),
          fetch: (url, init) => {
            const signals = [AbortSignal.timeout(timeoutMs), ...(init?.signal ? [init.signal] : [])];
            return fetch(url, { ...(init as RequestInit), signal: AbortSignal.any(signals) });
          },
        }),
      ],
    });
  }

  /** The lease terms of the current session (after the first call). */
  get lease(): Pick<ProverSession, "leaseMs" | "heartbeatIntervalMs"> | undefined {
    return this.session;
  }

  async login(): Promise<ProverSession> {
    this.session = undefined;
    const now = Date.now();
    const session = await this.trpc.prover.login.mutate({ name: this.options.name, secret: this.options.secret });
    this.session = session;
    this.renewAt = now + (session.expiresAt - now) * 0.8;
    return session;
  }

  getJob(chunkSizes: readonly number[]): Promise<ProverJobView | null> {
    return this.authed(() => this.trpc.prover.getJob.mutate({ chunkSizes: [...chunkSizes] }));
  }

  heartbeat(jobId: string): Promise<{ leaseUntil: string }> {
    return this.authed(() => this.trpc.prover.heartbeat.mutate({ jobId }));
  }

  publish(jobId: string, proof: Groth16ProofJson, publicSignals: readonly string[]): Promise<{ blockNumber: number; status: "accepted" | "already_proven" }> {
    return this.authed(() => this.trpc.prover.publish.mutate({ jobId, proof, publicSignals: [...publicSignals] }));
  }

  stopped(): Promise<{ released: number }> {
    return this.authed(() => this.trpc.prover.stopped.mutate());
  }

  needed(): Promise<{ queued: number; inProgress: number; activeProvers: number; needed: number }> {
    return this.authed(() => this.trpc.prover.needed.query());
  }

  private async authed<T>(call: () => Promise<T>): Promise<T> {
    if (this.session === undefined || Date.now() >= this.renewAt) await this.login();
    try {
      return await call();
    } catch (error) {
      if (zkLiteCodeOfCall(error) !== "PROVER_TOKEN_EXPIRED") throw error;
      await this.login();
      return call();
    }
  }
}
