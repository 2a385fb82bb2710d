/**
 * The realm's one fast engine: initFast() loads it (native addon in Node when built, WebAssembly
 * otherwise), after which every function here is synchronous except the batch.
 */
import { cryptoError } from "../crypto-error.js";
import { verifyMusigBatch as verifyBatchWith, type MusigBatchItem } from "./batch/verify-batch.js";
import { WorkerPool } from "./batch/worker-pool.js";
import type { EngineKind } from "./engine/engine-binding.js";
import type { FastEngine } from "./engine/fast-engine.js";
import { engineChoiceFromEnvironment, loadEngine, type EngineChoice, type LoadedEngine } from "./engine/load-engine.js";
import type { MusigVerdict } from "./engine/musig-verdict.js";

export interface FastInitOptions {
  /** Default "auto", or the ZKLITE_CRYPTO_ENGINE environment variable when set. */
  readonly engine?: EngineChoice;
}

let loaded: LoadedEngine | undefined;
let loading: Promise<LoadedEngine> | undefined;
let pool: WorkerPool | undefined;

/** Loads the engine once; concurrent and repeated calls share that load. Resolves to the engine chosen. */
export async function initFast(options: FastInitOptions = {}): Promise<EngineKind> {
  loading ??= loadEngine(options.engine ?? engineChoiceFromEnvironment()).then(
    (engine) => {
      loaded = engine;
      return engine;
    },
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return (await loading).engine.kind;
}

/** The engine in use, or undefined before initFast() resolves. */
export function fastEngineKind(): EngineKind | undefined {
  return loaded?.engine.kind;
}

function engine(): FastEngine {
  if (loaded === undefined) {
    throw cryptoError("CRYPTO_NOT_INITIALIZED", "call and await initFast() from @zklite/crypto-wasm first");
  }
  return loaded.engine;
}

export function verifyMusig(message: Uint8Array, signature: Uint8Array): boolean {
  return engine().verifyMusig(message, signature);
}

export function verifyMusigVerdict(message: Uint8Array, signature: Uint8Array): MusigVerdict {
  return engine().verifyMusigVerdict(message, signature);
}

export function signMusig(privateKey: Uint8Array, message: Uint8Array): Uint8Array {
  return engine().signMusig(privateKey, message);
}

export function privateKeyToPubKey(privateKey: Uint8Array): Uint8Array {
  return engine().privateKeyToPubKey(privateKey);
}

export function rescueHashTxMsg(message: Uint8Array): Uint8Array {
  return engine().rescueHashTxMsg(message);
}

export function poseidon(inputs: readonly bigint[]): bigint {
  return engine().poseidon(inputs);
}

/** Verifies many signatures on all cores (worker_threads in Node; on the calling thread elsewhere). */
export function verifyMusigBatch(items: readonly MusigBatchItem[]): Promise<boolean[]> {
  const current = loaded;
  if (current === undefined) {
    return Promise.reject(cryptoError("CRYPTO_NOT_INITIALIZED", "call and await initFast() from @zklite/crypto-wasm first"));
  }
  pool ??= WorkerPool.create(current.source);
  return verifyBatchWith(items, current.engine, pool);
}

/** Stops the batch workers (they never keep the process alive, but tests and servers may want them gone). */
export async function closeFastWorkers(): Promise<void> {
  const current = pool;
  pool = undefined;
  await current?.close();
}
