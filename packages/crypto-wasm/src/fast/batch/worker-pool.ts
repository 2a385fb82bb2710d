/**
 * A small pool of worker_threads (one per core) that verify chunks of signatures with the same engine
 * as the main thread. Workers are unref'd: an idle pool never keeps the process alive.
 */
import type { Worker as NodeWorker, WorkerOptions } from "node:worker_threads";
import { cryptoError } from "../../crypto-error.js";
import { SCRATCH } from "../engine/engine-binding.js";
import type { EngineSource } from "../engine/load-engine.js";
import { batchWorkerMain, type BatchResult, type BatchTask, type BatchWorkerData } from "./batch-worker-main.js";

type WorkerConstructor = new (code: string, options: WorkerOptions) => NodeWorker;

interface PendingTask {
  resolve(verdicts: Int8Array): void;
  reject(error: unknown): void;
}

interface PooledWorker {
  readonly worker: NodeWorker;
  readonly pending: Map<number, PendingTask>;
}

export class WorkerPool {
  private readonly workers: (PooledWorker | undefined)[] = [];
  private nextTaskId = 0;
  private nextWorker = 0;

  private constructor(
    private readonly Worker: WorkerConstructor,
    private readonly source: EngineSource,
    readonly size: number,
  ) {}

  /** A pool for this engine, or undefined outside Node (no worker_threads). */
  static create(source: EngineSource): WorkerPool | undefined {
    const process = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
    const getBuiltinModule = process?.getBuiltinModule?.bind(process);
    if (getBuiltinModule === undefined) return undefined;
    const { Worker } = getBuiltinModule("node:worker_threads") as { Worker: WorkerConstructor };
    const { availableParallelism } = getBuiltinModule("node:os") as { availableParallelism(): number };
    return new WorkerPool(Worker, source, Math.max(1, availableParallelism()));
  }

  run(task: Omit<BatchTask, "id">): Promise<Int8Array> {
    const pooled = this.workerAt(this.nextWorker++ % this.size);
    const id = this.nextTaskId++;
    return new Promise<Int8Array>((resolve, reject) => {
      pooled.pending.set(id, { resolve, reject });
      pooled.worker.ref();
      const message: BatchTask = { id, ...task };
      pooled.worker.postMessage(message, [task.messages.buffer, task.lengths.buffer, task.signatures.buffer]);
    });
  }

  async close(): Promise<void> {
    const workers = this.workers.splice(0);
    await Promise.all(workers.map((pooled) => pooled?.worker.terminate()));
  }

  private workerAt(index: number): PooledWorker {
    const existing = this.workers[index];
    if (existing !== undefined) return existing;
    const workerData: BatchWorkerData = {
      source: this.source,
      layout: { message: SCRATCH.message, signature: SCRATCH.signature, size: SCRATCH.size },
    };
    const worker = new this.Worker(`(${String(batchWorkerMain)})()`, { eval: true, workerData });
    worker.unref();
    const pooled: PooledWorker = { worker, pending: new Map() };
    worker.on("message", (result: BatchResult) => {
      const task = pooled.pending.get(result.id);
      pooled.pending.delete(result.id);
      if (pooled.pending.size === 0) worker.unref();
      task?.resolve(result.verdicts);
    });
    const fail = (cause: unknown): void => {
      if (this.workers[index] === pooled) this.workers[index] = undefined; // the next task starts a new worker
      const error = cryptoError("CRYPTO_INTERNAL_ERROR", `a verification worker stopped: ${String(cause)}`, cause);
      for (const task of pooled.pending.values()) task.reject(error);
      pooled.pending.clear();
    };
    worker.on("error", fail);
    worker.on("exit", (code) => {
      if (pooled.pending.size > 0) fail(new Error(`worker exited with code ${code}`));
    });
    this.workers[index] = pooled;
    return pooled;
  }
}
