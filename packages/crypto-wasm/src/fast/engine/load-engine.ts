/**
 * Chooses the engine: the best Node addon that builds and loads on this machine, else the WebAssembly
 * module. ZKLITE_CRYPTO_ENGINE=wasm|native (or the `engine` option) forces one; forcing "native" where
 * no addon loads is an error instead of a silent fallback.
 */
import { cryptoError } from "../../crypto-error.js";
import type { EngineKind } from "./engine-binding.js";
import { FastEngine } from "./fast-engine.js";
import {
  findNativeAddon,
  loadNativeBinding,
  nativeVariantsForThisMachine,
  type NativeBindingOptions,
  type NativeVariant,
} from "./native-binding.js";
import { compileEngineWasm, instantiateWasmBinding } from "./wasm-binding.js";

export type EngineChoice = EngineKind | "auto";

/** How a worker thread recreates the same engine: the addon's path, or the compiled module. */
export type EngineSource =
  | { readonly kind: "native"; readonly path: string }
  | { readonly kind: "wasm"; readonly module: WebAssembly.Module };

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
    const failures: string[] = [];
    for (const variant of nativeVariantsForThisMachine()) {
      const loaded = loadNativeEngine(variant, {}, failures);
      if (loaded !== undefined) return loaded;
    }
    if (choice === "native") {
      throw cryptoError("CRYPTO_INIT_FAILED", `no native crypto engine loads here: ${failures.join("; ") || "not built"}`);
    }
  }
  return loadWasmEngine();
}

export async function loadWasmEngine(): Promise<LoadedEngine> {
  try {
    const module = await compileEngineWasm();
    return { engine: new FastEngine(await instantiateWasmBinding(module)), source: { kind: "wasm", module } };
  } catch (cause) {
    throw cryptoError("CRYPTO_INIT_FAILED", `could not load the WebAssembly crypto engine: ${String(cause)}`, cause);
  }
}

/** One specific addon, or undefined when it is not built or does not load here (reason added to `failures`). */
export function loadNativeEngine(
  variant: NativeVariant,
  options: NativeBindingOptions = {},
  failures: string[] = [],
): LoadedEngine | undefined {
  const path = findNativeAddon(variant);
  if (path === undefined) return undefined;
  try {
    return { engine: new FastEngine(loadNativeBinding(path, options)), source: { kind: "native", path } };
  } catch (cause) {
    failures.push(`${variant}: ${String(cause)}`);
    return undefined;
  }
}
