/**
 * Worker thread of `PoseidonWorkerPool`: receives flat 4-input Poseidon batches, answers with the
 * hashes. Field elements travel as 32-byte little-endian words in one ArrayBuffer each way.
 */
import { parentPort } from "node:worker_threads";
import { initPoseidon, poseidon } from "../poseidon.js";
import { readWords, writeWords } from "./field-words.js";

interface HashRequest {
  readonly id: number;
  readonly inputs: ArrayBuffer;
}

const port = parentPort;
if (port === null) throw new Error("poseidon-worker must run in a worker thread");

await initPoseidon();
port.on("message", (request: HashRequest) => {
  const inputs = readWords(new Uint8Array(request.inputs));
  const hashes: bigint[] = [];
  for (let i = 0; i < inputs.length; i += 4) {
    hashes.push(poseidon([inputs[i] as bigint, inputs[i + 1] as bigint, inputs[i + 2] as bigint, inputs[i + 3] as bigint]));
  }
  const out = writeWords(hashes);
  port.postMessage({ id: request.id, hashes: out.buffer }, [out.buffer]);
});
port.postMessage({ ready: true });
