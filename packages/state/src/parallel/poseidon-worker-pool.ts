import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { stateError, type StateErrorCode } from "../errors.js";
import { hashBatchOnThisThread, hashBatchSize, type HashBatch } from "../tree/rehash.js";
import { readWords, writeWords } from "./field-words.js";

export interface PoseidonWorkerPoolOptions {
  /** Worker threads (default: available cores). */
  readonly threads?: number;
  /** Batches smaller than this many hashes are done on the calling thread (default 64). */
  readonly minParallelBatch?: number;
  /** Worker script; default: the compiled `poseidon-worker.js` next to this module. */
  readonly workerUrl?: URL;
}

/** A worker's message: ready, or the hashes of request `id`, or the typed error hashing it threw. */
interface WorkerReply {
  readonly ready?: boolean;
  readonly id?: number;
  readonly hashes?: ArrayBuffer;
  readonly error?: { readonly code: StateErrorCode; readonly message: string };
}

interface Pending {
  resolve(hashes: bigint[]): void;
  reject(error: unknown): void;
}

/**
 * Node-only `AsyncBatchHasher` that spreads Poseidon batches (any arity 1..16: 4-input tree nodes,
 * 5-input account leaves) over worker threads, for
 * `StateTree.rehashWith` / `BlockBuilder.sealWith`. The calling thread hashes a share as well.
 * Call `close()` when done (workers are unref'd, so they never keep the process alive).
 */
export class PoseidonWorkerPool {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, Pending>();
  private readonly minParallelBatch: number;
  private nextId = 0;
  private failure: unknown;

  private constructor(minParallelBatch: number) {
    this.minParallelBatch = minParallelBatch;
  }

  /** Starts the workers and waits until each has loaded Poseidon. */
  static async start(options: PoseidonWorkerPoolOptions = {}): Promise<PoseidonWorkerPool> {
    const threads = options.threads ?? availableParallelism();
    if (!Number.isInteger(threads) || threads < 1) throw stateError("INVALID_ARGUMENT", `threads must be a positive integer, got ${threads}`);
    const pool = new PoseidonWorkerPool(options.minParallelBatch ?? 64);
    const url = options.workerUrl ?? new URL("./poseidon-worker.js", import.meta.url);
    await Promise.all(Array.from({ length: threads }, () => pool.spawn(url)));
    return pool;
  }

  get threads(): number {
    return this.workers.length;
  }

  /** Hashes `batch` (`arity` field elements per hash); same result as `hashBatchOnThisThread`. */
  readonly hashBatch = async (batch: HashBatch): Promise<bigint[]> => {
    if (this.failure !== undefined) throw stateError("INVALID_ARGUMENT", `the Poseidon worker pool failed: ${String(this.failure)}`);
    const count = hashBatchSize(batch);
    const { arity, inputs } = batch;
    if (count < this.minParallelBatch || this.workers.length === 0) return hashBatchOnThisThread(batch);
    // Workers and this thread each take an equal share; this thread takes the first one.
    const shares = this.workers.length + 1;
    const per = Math.ceil(count / shares);
    const requests = this.workers.map((worker, w) => {
      const start = (w + 1) * per;
      const end = Math.min(count, start + per);
      return start >= end ? Promise.resolve([]) : this.request(worker, arity, inputs.slice(start * arity, end * arity));
    });
    const theirs = Promise.all(requests);
    let mine: bigint[];
    try {
      mine = hashBatchOnThisThread({ arity, inputs: inputs.slice(0, Math.min(count, per) * arity) });
    } catch (error) {
      theirs.catch(() => undefined); // this batch has failed already: the workers' answers do not matter
      throw error;
    }
    return mine.concat(...(await theirs));
  };

  async close(): Promise<void> {
    const workers = this.workers.splice(0);
    await Promise.all(workers.map((worker) => worker.terminate()));
  }

  private spawn(url: URL): Promise<void> {
    return new Promise((resolve, reject) => {
      const worker = new Worker(url);
      worker.unref();
      worker.once("error", reject);
      worker.on("message", (message: WorkerReply) => {
        if (message.ready === true) {
          this.workers.push(worker);
          worker.off("error", reject);
          worker.on("error", (error) => this.fail(error));
          resolve();
          return;
        }
        const pending = this.pending.get(message.id as number);
        this.pending.delete(message.id as number);
        if (message.error !== undefined) pending?.reject(stateError(message.error.code, message.error.message));
        else pending?.resolve(readWords(new Uint8Array(message.hashes as ArrayBuffer)));
      });
    });
  }

  private request(worker: Worker, arity: number, inputs: readonly bigint[]): Promise<bigint[]> {
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      this.pending.set(id, { resolve, reject });
      const words = writeWords(inputs);
      worker.postMessage({ id, arity, inputs: words.buffer }, [words.buffer]);
    });
  }

  private fail(error: unknown): void {
    this.failure = error;
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }
}
