/**
 * The exit prover's web worker: loads the circuit's wasm and zkey (key-store.ts), runs circom's witness
 * calculator and snarkjs' Groth16 prover (its browser build; ffjavascript starts its own worker threads
 * unless `singleThread`), and posts progress, the proof, or a coded error (protocol.ts). One proof at a time;
 * the client cancels by terminating the worker.
 *
 * Bundle it as a module worker: `new Worker(new URL("./exit-prover.worker.js", import.meta.url), { type: "module" })`
 * (what `client.ts` does by default; webpack/Next.js and Vite recognise that pattern).
 */
import { groth16, wtns } from "snarkjs";
import { classifyProverError, classifyWitnessError, type ExitProverErrorCode } from "./error-codes.js";
import { KeyStoreError, loadFile } from "./key-store.js";
import type { ExitProverProgress, ProveRequest, WorkerReply } from "./protocol.js";

interface WorkerScope {
  postMessage(message: WorkerReply): void;
  addEventListener(type: "message", listener: (event: MessageEvent<ProveRequest>) => void): void;
}
const scope = globalThis as unknown as WorkerScope;

/** snarkjs' debug lines during `groth16.prove`, in order: the progress fraction of the proving stage. */
const PROVING_STEPS = [
  "Reading Wtns", "Reading Coeffs", "Building ABC", "IFFT_A", "FFT_A", "IFFT_B", "FFT_B", "IFFT_C", "FFT_C", "Join ABC",
  "Reading A Points", "multiexp A", "Reading B1 Points", "multiexp B1", "Reading B2 Points", "multiexp B2",
  "Reading C Points", "multiexp C", "Reading H Points", "multiexp H",
];

class CodedFailure extends Error {
  constructor(readonly reply: { code: ExitProverErrorCode; message: string }) {
    super(reply.message);
  }
}

scope.addEventListener("message", (event) => {
  const request = event.data;
  if (request?.type !== "prove") return;
  prove(request).then(
    (reply) => scope.postMessage(reply),
    (error: unknown) => scope.postMessage({ type: "error", id: request.id, ...failure(error) }),
  );
});

function failure(error: unknown): { code: ExitProverErrorCode; message: string } {
  if (error instanceof CodedFailure) return error.reply;
  if (error instanceof KeyStoreError) return { code: error.code, message: error.message };
  return { code: "PROVER_FAILED", message: error instanceof Error ? error.message : String(error) };
}

async function prove(request: ProveRequest): Promise<WorkerReply> {
  const { id } = request;
  const progress = (event: ExitProverProgress): void => scope.postMessage({ type: "progress", id, event });
  const started = performance.now();

  const [wasm, zkey] = await Promise.all([
    loadFile("wasm", request.wasm, request.cacheName, progress),
    loadFile("zkey", request.zkey, request.cacheName, progress),
  ]);
  const loaded = performance.now();

  progress({ stage: "witness", done: false });
  const witness: { type: "mem"; data?: Uint8Array } = { type: "mem" };
  try {
    await wtns.calculate(request.input, { type: "mem", data: wasm.bytes }, witness);
  } catch (error) {
    throw new CodedFailure(classifyWitnessError(error));
  }
  if (witness.data === undefined) throw new CodedFailure({ code: "PROVER_FAILED", message: "the witness calculator returned no witness" });
  const witnessed = performance.now();
  progress({ stage: "witness", done: true });

  let step = -1;
  const onLog = (message: string): void => {
    const index = PROVING_STEPS.findIndex((name, i) => i > step && message.startsWith(name));
    if (index < 0) return;
    step = index;
    progress({ stage: "proving", step: PROVING_STEPS[index] as string, fraction: index / PROVING_STEPS.length });
  };
  const logger = { debug: onLog, info: onLog, warn: () => undefined, error: () => undefined };
  let result: { proof: { pi_a: string[]; pi_b: string[][]; pi_c: string[]; protocol: string; curve: string }; publicSignals: string[] };
  try {
    result = await groth16.prove({ type: "mem", data: zkey.bytes }, { type: "mem", data: witness.data }, logger, { singleThread: request.singleThread });
  } catch (error) {
    throw new CodedFailure(classifyProverError(error));
  }
  const proved = performance.now();
  progress({ stage: "proving", step: "done", fraction: 1 });
  const timings = {
    loadMs: loaded - started,
    witnessMs: witnessed - loaded,
    provingMs: proved - witnessed,
    totalMs: proved - started,
    zkeyCached: zkey.from === "memory" || zkey.from === "cache",
  };
  progress({ stage: "done", timings });
  return { type: "result", id, proof: result.proof, publicSignals: result.publicSignals, timings };
}
