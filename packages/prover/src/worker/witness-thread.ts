import { Worker } from "node:worker_threads";

/**
 * The circuit's witness, computed on a worker thread: circom's wasm witness calculator runs synchronously
 * (seconds for a large block circuit), and the worker's heartbeats must keep coming meanwhile.
 */
export function calculateWitnessOffThread(wasmPath: string, input: unknown): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const thread = new Worker(new URL("./witness-thread-worker.js", import.meta.url), { workerData: { wasmPath, input } });
    let settled = false;
    thread.once("message", (message: { witness?: Uint8Array; error?: string }) => {
      settled = true;
      if (message.witness !== undefined) resolve(message.witness);
      else reject(new Error(message.error ?? "the witness thread failed"));
      void thread.terminate();
    });
    thread.once("error", (error) => {
      settled = true;
      reject(error);
    });
    thread.once("exit", (code) => {
      if (!settled) reject(new Error(`the witness thread exited (${code}) without a witness`));
    });
  });
}
