/**
 * Chooses the engine: the Node addon when it is built and loads, else the WebAssembly module.
 * ZKLITE_CRYPTO_ENGINE=wasm|native (or the `engine` option) forces one; forcing "native" where the addon
 * is missing is an error instead of a silent fallback.
 */
import { cryptoError } from "../../crypto-error.js";
import type { EngineBinding, EngineKind } from "./engine-binding.js";
import { FastEngine } from "./fast-engine.js";
import { findNativeAddon, loadNativeBinding } from "./native-binding.js";
import { compileEngineWasm, instantiateWasmBinding } from "./wasm-binding.js";

export type EngineChoice = EngineKind | "auto";

/** How a worker thread recreates the same engine: the addon's path, or the compiled module. */
export type EngineSource = { readonly kind: "native"; readonly path: string } | { readonly kind: "wasm"; readonly module: WebAssembly.Module };

export interface LoadedEngine {
  readonly engine: FastEngine;
  readonly source: EngineSource;
}

export function engineChoiceFromEnvironment(): EngineChoice {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  const value = env?.ZKLITE_CRYPTO_ENGINE;
  if (value === undefined || value === "" || value === "auto") return "auto";
  if (value === "native" || value === "wasm") return value;
  throw cryptoError("CRYPTO_INIT_FAILED", `ZKLITE_CRYPTO_ENGINE must be auto, native or wasm, got "${value}"`);
}

export async function loadEngine(choice: EngineChoice): Promise<LoadedEngine> {
  if (choice !== "wasm") {
    const native = tryNative(choice === "native");
    if (native !== undefined) return native;
  }
  try {
    const module = await compileEngineWasm();
    const binding: EngineBinding = await instantiateWasmBinding(module);
    return { engine: new FastEngine(binding), source: { kind: "wasm", module } };
  } catch (cause) {
    throw cryptoError("CRYPTO_INIT_FAILED", `could not load the WebAssembly crypto engine: ${String(cause)}`, cause);
  }
}

function tryNative(required: boolean): LoadedEngine | undefined {
  const path = findNativeAddon();
  if (path === undefined) {
    if (required) throw cryptoError("CRYPTO_INIT_FAILED", "the native crypto engine is not built (run the package build)");
    return undefined;
  }
  try {
    return { engine: new FastEngine(loadNativeBinding(path)), source: { kind: "native", path } };
  } catch (cause) {
    if (required) throw cryptoError("CRYPTO_INIT_FAILED", `could not load the native crypto engine: ${String(cause)}`, cause);
    return undefined;
  }
}
