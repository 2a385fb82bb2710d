/**
 * Worker thread of `PoseidonWorkerPool`: receives flat Poseidon batches of one arity (1..16 inputs
 * per hash), answers with the hashes, or with the typed error hashing threw (e.g. an input that is
 * not a field element), so the pool rejects that batch exactly as `hashBatchOnThisThread` would.
 * Field elements travel as 32-byte little-endian words in one ArrayBuffer each way.
 */
import { parentPort } from "node:worker_threads";
import { ZkLiteError } from "../errors.js";
import { initPoseidon, poseidon } from "../poseidon.js";
import { readWords, writeWords } from "./field-words.js";

interface HashRequest {
  readonly id: number;
  /** Inputs per hash. */
  readonly arity: number;
  readonly inputs: ArrayBuffer;
}

const port = parentPort;
if (port === null) throw new Error("poseidon-worker must run in a worker thread");

await initPoseidon();
port.on("message", (request: HashRequest) => {
  const { arity } = request;
  const inputs = readWords(new Uint8Array(request.inputs));
  let out: Uint8Array<ArrayBuffer>;
  try {
    const hashes: bigint[] = [];
    // The pool checked the arity and the input count (`hashBatchSize`) before sending.
    for (let i = 0; i + arity <= inputs.length; i += arity) hashes.push(poseidon(inputs.slice(i, i + arity)));
    out = writeWords(hashes);
  } catch (error) {
    const code = error instanceof ZkLiteError ? error.code : "INVALID_ARGUMENT";
    port.postMessage({ id: request.id, error: { code, message: error instanceof Error ? error.message : String(error) } });
    return;
  }
  port.postMessage({ id: request.id, hashes: out.buffer }, [out.buffer]);
});
port.postMessage({ ready: true });
