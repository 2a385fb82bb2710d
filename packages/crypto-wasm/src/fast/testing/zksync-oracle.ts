/**
 * zksync-crypto (the Rust implementation, ~20 ms per sign or verify) as a test oracle, run on every core
 * through worker_threads so that thousands of comparisons fit in a test's time budget.
 */
import { availableParallelism } from "node:os";
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

/** verify_musig's outcome: a boolean, or the message it threw. */
export type OracleVerdict = boolean | { readonly threw: string };

interface OracleRequest {
  readonly id: number;
  readonly op: "sign" | "verify";
  readonly items: readonly (readonly [Uint8Array, Uint8Array])[];
}

// zksync-crypto leaks wasm memory on every input it rejects and traps ("memory access out of bounds")
// after ~1,450 of them; the instance is unusable from then on. A trap therefore reloads the module
// (a fresh instance) and retries the call once.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
let zksync = require(workerData.zksyncPath);
function reload() {
  for (const key of Object.keys(require.cache)) if (key.includes("zksync-crypto")) delete require.cache[key];
  zksync = require(workerData.zksyncPath);
}
function call(op, a, b) {
  return op === "sign" ? zksync.sign_musig(a, b) : zksync.verify_musig(a, b);
}
parentPort.on("message", ({ id, op, items }) => {
  const results = items.map(([a, b]) => {
    for (let attempt = 0; ; attempt++) {
      try {
        return call(op, a, b);
      } catch (error) {
        if (error instanceof WebAssembly.RuntimeError && attempt === 0) { reload(); continue; }
        return { threw: String(error) };
      }
    }
  });
  parentPort.postMessage({ id, results });
});
`;

export class ZkSyncOracle {
  private readonly workers: Worker[];
  private nextId = 0;
  private readonly pending = new Map<number, (results: unknown[]) => void>();

  constructor(threads = availableParallelism()) {
    const zksyncPath = createRequire(import.meta.url).resolve("zksync-crypto");
    this.workers = Array.from({ length: threads }, () => {
      const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { zksyncPath } });
      worker.on("message", ({ id, results }: { id: number; results: unknown[] }) => {
        this.pending.get(id)?.(results);
        this.pending.delete(id);
      });
      return worker;
    });
  }

  /** sign_musig(privateKey, message) for each pair. */
  async signMany(items: readonly (readonly [Uint8Array, Uint8Array])[]): Promise<Uint8Array[]> {
    const results = await this.spread("sign", items);
    return results.map((result) => {
      if (!(result instanceof Uint8Array)) throw new Error(`zksync-crypto failed to sign: ${JSON.stringify(result)}`);
      return result;
    });
  }

  /** verify_musig(message, signature) for each pair. */
  async verifyMany(items: readonly (readonly [Uint8Array, Uint8Array])[]): Promise<OracleVerdict[]> {
    return (await this.spread("verify", items)) as OracleVerdict[];
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }

  private async spread(op: OracleRequest["op"], items: readonly (readonly [Uint8Array, Uint8Array])[]): Promise<unknown[]> {
    const chunkSize = Math.max(1, Math.ceil(items.length / (this.workers.length * 8)));
    const chunks: Promise<unknown[]>[] = [];
    for (let start = 0, n = 0; start < items.length; start += chunkSize, n++) {
      const worker = this.workers[n % this.workers.length] as Worker;
      const id = this.nextId++;
      const request: OracleRequest = { id, op, items: items.slice(start, start + chunkSize) };
      chunks.push(new Promise((resolve) => this.pending.set(id, resolve)));
      worker.postMessage(request);
    }
    return (await Promise.all(chunks)).flat();
  }
}
