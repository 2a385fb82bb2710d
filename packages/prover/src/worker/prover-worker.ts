import type { ProverJobView } from "@zklite/api";
import type { ProverEngine } from "../engines/types.js";
import type { KeySet } from "../key-set/key-set.js";
import { type NodeClient, zkLiteCodeOfCall } from "./node-client.js";
import type { Progress } from "./progress.js";
import { calculateWitnessOffThread } from "./witness-thread.js";

export interface ProverWorkerOptions {
  readonly client: NodeClient;
  readonly keySet: KeySet;
  readonly engine: ProverEngine;
  readonly progress: Progress;
  /** Wait between polls when the queue is empty. */
  readonly pollMs: number;
  /** Keep each job this long (heartbeating) before proving: for tests and demos of reassignment. */
  readonly holdMs?: number;
}

/** The worker lost its job (lease taken by another, or it is stopping): nothing to publish. */
class JobAbandoned extends Error {}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });

/**
 * One prover worker: polls the node for a job of a size it has keys for, computes the witness and the proof
 * (one job at a time), heartbeats while it works, publishes. `stop()` abandons the job in hand and tells the
 * node, which puts the job back in the queue at once; a killed worker's job comes back when its lease ends.
 */
export class ProverWorker {
  private readonly stopping = new AbortController();
  private current: AbortController | undefined;
  private loop: Promise<void> | undefined;
  proved = 0;

  constructor(private readonly options: ProverWorkerOptions) {}

  start(): Promise<void> {
    this.loop ??= this.run();
    return this.loop;
  }

  /** Stops polling, aborts the proof in progress, tells the node (its jobs return to the queue). */
  async stop(): Promise<void> {
    this.stopping.abort();
    this.current?.abort();
    await this.loop?.catch(() => undefined);
    await this.options.client.stopped().catch((error: unknown) => this.options.progress.log(`could not tell the node it stopped: ${describe(error)}`));
  }

  private async run(): Promise<void> {
    const { client, keySet, progress } = this.options;
    let backoffMs = 1000;
    while (!this.stopping.signal.aborted) {
      let job: ProverJobView | null;
      try {
        job = await client.getJob(keySet.chunkSizes);
        backoffMs = 1000;
      } catch (error) {
        const code = zkLiteCodeOfCall(error);
        // a wrong secret or a node without prover API will not fix itself
        if (code === "PROVER_UNAUTHORIZED" || code === "PROVER_API_DISABLED") throw error;
        progress.log(`node unreachable or failing (${describe(error)}); retrying in ${backoffMs / 1000}s`);
        await sleep(backoffMs, this.stopping.signal);
        backoffMs = Math.min(backoffMs * 2, 10_000);
        continue;
      }
      // stopped while asking: the job is released by `stopped()`
      if (this.stopping.signal.aborted) break;
      if (job === null) {
        progress.stage("idle");
        await sleep(this.options.pollMs, this.stopping.signal);
        continue;
      }
      // after a failure, pause before asking again (the job may come straight back)
      if (!(await this.work(job))) await sleep(this.options.pollMs, this.stopping.signal);
    }
  }

  private async publish(jobId: string, proof: Parameters<NodeClient["publish"]>[1], publicSignals: readonly string[]): ReturnType<NodeClient["publish"]> {
    const deadline = Date.now() + PUBLISH_RETRY_MS;
    for (let waitMs = 1000; ; waitMs = Math.min(waitMs * 2, 10_000)) {
      try {
        return await this.options.client.publish(jobId, proof, publicSignals);
      } catch (error) {
        // an answer from the node (a refusal) is final; no answer is retried
        if (zkLiteCodeOfCall(error) !== null || Date.now() + waitMs > deadline || this.stopping.signal.aborted) throw error;
        this.options.progress.log(`publishing job ${jobId} failed (${describe(error)}); retrying in ${waitMs / 1000}s`);
        await sleep(waitMs, this.stopping.signal);
      }
    }
  }

  /** True when the proof was published (accepted or already proven). */
  private async work(job: ProverJobView): Promise<boolean> {
    const { client, keySet, engine, progress } = this.options;
    const circuit = keySet.blocks.get(job.blockChunks);
    if (circuit === undefined) throw new Error(`the node gave a ${job.blockChunks}-chunk job, which this key set cannot prove`);
    const abort = new AbortController();
    this.current = abort;
    if (this.stopping.signal.aborted) abort.abort();
    const info = { blockNumber: job.blockNumber, blockChunks: job.blockChunks, attempt: job.attempt };
    progress.log(`took job ${job.jobId}: block ${job.blockNumber} (${job.blockChunks} chunks, attempt ${job.attempt})`);
    const heartbeat = setInterval(() => {
      client.heartbeat(job.jobId).catch((error: unknown) => {
        if (zkLiteCodeOfCall(error) === "PROVER_JOB_NOT_HELD" || zkLiteCodeOfCall(error) === "PROVER_JOB_NOT_FOUND") {
          progress.log(`lost job ${job.jobId} (block ${job.blockNumber}): ${describe(error)}`);
          abort.abort();
        } else {
          progress.log(`heartbeat failed (${describe(error)}); the lease runs on`);
        }
      });
    }, client.lease?.heartbeatIntervalMs ?? 1000);
    const abandoned = () => {
      if (abort.signal.aborted) throw new JobAbandoned();
    };
    try {
      progress.stage("witness", info);
      const witness = await calculateWitnessOffThread(circuit.wasmPath, job.circuitInput);
      abandoned();
      if (this.options.holdMs !== undefined && this.options.holdMs > 0) await sleep(this.options.holdMs, abort.signal);
      abandoned();
      progress.stage("proving", info);
      const { proof, publicSignals } = await engine.prove(circuit.zkeyPath, witness, { signal: abort.signal });
      abandoned();
      progress.stage("publishing", info);
      const published = await this.publish(job.jobId, proof as Parameters<NodeClient["publish"]>[1], publicSignals);
      this.proved += published.status === "accepted" ? 1 : 0;
      progress.log(`block ${published.blockNumber}: proof ${published.status}`);
      return true;
    } catch (error) {
      if (!(error instanceof JobAbandoned || abort.signal.aborted)) progress.log(`job ${job.jobId} (block ${job.blockNumber}) failed: ${describe(error)}`);
      return false;
    } finally {
      clearInterval(heartbeat);
      this.current = undefined;
      progress.stage("idle");
    }
  }
}

/** A proof is worth keeping through a node restart: network failures are retried for up to 2 minutes. */
const PUBLISH_RETRY_MS = 120_000;

function describe(error: unknown): string {
  const code = zkLiteCodeOfCall(error) ?? (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  return typeof code === "string" ? `${code}: ${message}` : message;
}
