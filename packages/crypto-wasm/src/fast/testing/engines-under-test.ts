/**
 * Every engine build that can run on this machine, so that oracle tests cover each arithmetic:
 * the WebAssembly module, the x64 addon with its vector (IFMA) and scalar (ADX) Rescue kernels, and the
 * portable addon. Missing native builds are reported, not skipped silently: the tests require them.
 */
import type { FastEngine } from "../engine/fast-engine.js";
import { loadNativeEngine, loadWasmEngine } from "../engine/load-engine.js";
import { nativeVariantsForThisMachine } from "../engine/native-binding.js";

export type EngineUnderTest = "wasm" | "native-portable" | "native-x64" | "native-x64-scalar-rescue";

export function enginesForThisMachine(): EngineUnderTest[] {
  const native: EngineUnderTest[] = nativeVariantsForThisMachine().includes("x64")
    ? ["native-x64", "native-x64-scalar-rescue", "native-portable"]
    : ["native-portable"];
  return [...native, "wasm"];
}

/**
 * Loads one engine. "native-x64" and "native-x64-scalar-rescue" share one addon whose Rescue kernel is
 * a process-wide switch: loading either one sets it, so load right before using.
 */
export async function loadEngineUnderTest(name: EngineUnderTest): Promise<FastEngine> {
  if (name === "wasm") return (await loadWasmEngine()).engine;
  const failures: string[] = [];
  const loaded =
    name === "native-portable"
      ? loadNativeEngine("portable", {}, failures)
      : loadNativeEngine("x64", { vectorKernel: name === "native-x64" }, failures);
  if (loaded === undefined) {
    throw new Error(`${name} is not available (run node native/build.mjs): ${failures.join("; ") || "not built"}`);
  }
  return loaded.engine;
}
