// Body of the witness thread (witness-thread.ts): one witness, posted back, then the thread ends.
import { parentPort, workerData } from "node:worker_threads";
import { calculateWitness } from "../witness.js";

const { wasmPath, input } = workerData as { wasmPath: string; input: unknown };
calculateWitness(wasmPath, input).then(
  (witness) => parentPort?.postMessage({ witness }, [witness.buffer as ArrayBuffer]),
  (error: unknown) => parentPort?.postMessage({ error: error instanceof Error ? error.message : String(error) }),
);
