/**
 * Main-thread side of the in-browser exit prover: validates the input, starts the worker
 * (`exit-prover.worker.ts`), forwards progress, and turns the worker's replies into a result or an
 * `ExitProverError`. Cancellation terminates the worker (and ffjavascript's threads with it).
 */
import { ExitProverError } from "./errors.js";
import { InputError, normalizeCircuitInput, type CircuitInputLike } from "./input.js";
import { DEFAULT_CACHE_NAME, normalizeSha256 } from "./key-store.js";
import type { ExitProverProgress, ExitProverTimings, FileSource, ProveRequest, SnarkjsGroth16Proof, WorkerReply } from "./protocol.js";

export interface ExitProveOptions {
  /** The circuit's witness calculator (circom's `.wasm`): a URL or its bytes. */
  readonly wasmUrl?: string | URL;
  readonly wasmBytes?: Uint8Array;
  /** Expected SHA-256 (hex) of the wasm: with a URL it is cached by this hash; with bytes they are checked. */
  readonly wasmSha256?: string;
  /** The Groth16 proving key (`.zkey`): a URL or its bytes. */
  readonly zkeyUrl?: string | URL;
  readonly zkeyBytes?: Uint8Array;
  /** Expected SHA-256 (hex) of the zkey (from the key set the contract's verifier was made from). Without it a URL is downloaded every time and never cached. */
  readonly zkeySha256?: string;
  /** The circuit input (e.g. `buildExitWitness(...).input`): bigints, safe integers, or decimal / 0x strings. */
  readonly input: CircuitInputLike;
  readonly onProgress?: (event: ExitProverProgress) => void;
  /** Aborting terminates the worker; the promise rejects with `ABORTED`. */
  readonly signal?: AbortSignal;
  /** Cache API cache for downloaded files (default `zklite-prover-keys-v1`); null: no persistent cache. */
  readonly cacheName?: string | null;
  /** Prove on the worker's thread only (no ffjavascript threads): for pages whose CSP forbids `data:` workers. */
  readonly singleThread?: boolean;
}

export interface ExitProof {
  /** snarkjs' proof.json: verify with `snarkjs.groth16.verify(vkey, publicSignals, proof)` or the Solidity verifier. */
  readonly proof: SnarkjsGroth16Proof;
  /** snarkjs' public.json: decimal strings. */
  readonly publicSignals: string[];
  readonly timings: ExitProverTimings;
}

export interface ExitProverOptions {
  /** Makes the worker. Default: the module worker next to this file (bundlers follow the `new URL(…, import.meta.url)`). */
  readonly createWorker?: () => Worker;
  /** Or: the URL of a bundled `exit-prover.worker.js` (started as a module worker). */
  readonly workerUrl?: string | URL;
}

function defaultWorker(): Worker {
  return new Worker(new URL("./exit-prover.worker.js", import.meta.url), { type: "module" });
}

/**
 * A long-lived prover: one worker, kept between proofs so the zkey stays in its memory and snarkjs' curve is
 * built once (an exodus needs one proof per token). Proofs run one at a time, in call order.
 */
export class ExitProver {
  private worker: Worker | undefined;
  private nextId = 1;
  private queue: Promise<unknown> = Promise.resolve();
  private current: { reject(error: ExitProverError): void } | undefined;
  private readonly createWorker: () => Worker;

  constructor(options: ExitProverOptions = {}) {
    const { workerUrl, createWorker } = options;
    this.createWorker = createWorker ?? (workerUrl !== undefined ? () => new Worker(workerUrl, { type: "module" }) : defaultWorker);
  }

  prove(options: ExitProveOptions): Promise<ExitProof> {
    const run = this.queue.then(() => this.run(options));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Stops the worker; a running proof rejects with `ABORTED`. The next `prove` starts a new worker. */
  terminate(): void {
    this.worker?.terminate();
    this.worker = undefined;
    this.current?.reject(new ExitProverError("ABORTED", "the exit prover was terminated"));
    this.current = undefined;
  }

  private run(options: ExitProveOptions): Promise<ExitProof> {
    let request: ProveRequest;
    try {
      if (options.signal?.aborted) throw new ExitProverError("ABORTED", "aborted before the proof started");
      request = {
        type: "prove",
        id: this.nextId++,
        wasm: fileSource("wasm", options.wasmUrl, options.wasmBytes, options.wasmSha256),
        zkey: fileSource("zkey", options.zkeyUrl, options.zkeyBytes, options.zkeySha256),
        input: normalizeCircuitInput(options.input),
        cacheName: options.cacheName === undefined ? DEFAULT_CACHE_NAME : options.cacheName,
        singleThread: options.singleThread === true,
      };
    } catch (error) {
      return Promise.reject(asExitProverError(error));
    }
    let worker: Worker;
    try {
      worker = this.worker ??= this.createWorker();
    } catch (error) {
      return Promise.reject(new ExitProverError("WORKER_FAILED", `cannot start the prover worker: ${messageOf(error)}`, { cause: error }));
    }
    return new Promise<ExitProof>((resolve, reject) => {
      const cleanup = (): void => {
        worker.removeEventListener("message", onMessage);
        worker.removeEventListener("error", onError);
        worker.removeEventListener("messageerror", onMessageError);
        options.signal?.removeEventListener("abort", onAbort);
        this.current = undefined;
      };
      const fail = (error: ExitProverError, kill: boolean): void => {
        cleanup();
        if (kill && this.worker === worker) {
          worker.terminate();
          this.worker = undefined;
        }
        reject(error);
      };
      const onMessage = (event: MessageEvent<WorkerReply>): void => {
        const reply = event.data;
        if (reply?.id !== request.id) return;
        if (reply.type === "progress") {
          try {
            options.onProgress?.(reply.event);
          } catch {
            // a throwing progress callback must not break the proof
          }
        } else if (reply.type === "result") {
          cleanup();
          resolve({ proof: reply.proof, publicSignals: reply.publicSignals, timings: reply.timings });
        } else {
          // refusals leave the worker usable; a crash-like failure gets a fresh worker next time
          fail(new ExitProverError(reply.code, reply.message), reply.code === "WORKER_FAILED");
        }
      };
      const onError = (event: ErrorEvent): void => {
        event.preventDefault?.();
        fail(new ExitProverError("WORKER_FAILED", `the prover worker failed: ${event.message || "it could not be loaded or crashed"}`), true);
      };
      const onMessageError = (): void => fail(new ExitProverError("WORKER_FAILED", "a message from the prover worker could not be read"), true);
      const onAbort = (): void => fail(new ExitProverError("ABORTED", "the exit proof was aborted"), true);
      this.current = { reject: (error) => fail(error, false) };
      worker.addEventListener("message", onMessage);
      worker.addEventListener("error", onError);
      worker.addEventListener("messageerror", onMessageError);
      options.signal?.addEventListener("abort", onAbort, { once: true });
      worker.postMessage(request);
    });
  }
}

/** One proof in a worker of its own, terminated afterwards (the zkey stays in the Cache API for the next one). */
export async function proveInWorker(options: ExitProveOptions & ExitProverOptions): Promise<ExitProof> {
  const prover = new ExitProver(options);
  try {
    return await prover.prove(options);
  } finally {
    prover.terminate();
  }
}

function fileSource(file: string, url: string | URL | undefined, bytes: Uint8Array | undefined, sha256: string | undefined): FileSource {
  if ((url === undefined) === (bytes === undefined)) throw new ExitProverError("BAD_INPUT", `give exactly one of ${file}Url and ${file}Bytes`);
  const hash = sha256 === undefined ? undefined : normalizeSha256(sha256);
  if (bytes !== undefined) {
    if (!(bytes instanceof Uint8Array) || bytes.byteLength === 0) throw new ExitProverError("BAD_INPUT", `${file}Bytes: empty or not a Uint8Array`);
    return hash === undefined ? { bytes } : { bytes, sha256: hash };
  }
  // resolved against the page, so a relative URL means the same in the worker
  const absolute = new URL(String(url), globalThis.location?.href).href;
  return hash === undefined ? { url: absolute } : { url: absolute, sha256: hash };
}

function asExitProverError(error: unknown): ExitProverError {
  if (error instanceof ExitProverError) return error;
  if (error instanceof InputError) return new ExitProverError("BAD_INPUT", error.message);
  const code = (error as { code?: unknown } | null)?.code;
  if (code === "BAD_INPUT") return new ExitProverError("BAD_INPUT", messageOf(error));
  return new ExitProverError("PROVER_FAILED", messageOf(error), { cause: error });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
