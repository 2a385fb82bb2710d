/**
 * The engine as a Node-API addon, built by native/build.mjs when a C compiler and Node's headers are
 * available, in two variants: "x64" (BMI2/ADX assembly plus an AVX-512 IFMA Rescue kernel picked at run
 * time; it refuses to load on CPUs without BMI2/ADX) and "portable" (plain C). Node only: it is reached
 * through process.getBuiltinModule, so browser bundles never see a Node import.
 */
import type { createRequire as CreateRequire } from "node:module";
import { SCRATCH, type EngineBinding } from "./engine-binding.js";

export type NativeVariant = "x64" | "portable";

interface EngineAddon {
  bindScratch(buffer: ArrayBuffer): number;
  verifyMusig(message: number, length: number, signature: number): number;
  hashMessage(out: number, message: number, length: number): number;
  signPoints(out: number, privateKey: number, nonce: number, hashedMessage: number): number;
  publicKey(out: number, privateKey: number): number;
  poseidonLoad(width: number, roundsFull: number, roundsPartial: number, constants: number): number;
  poseidonHash(out: number, inputs: number, count: number): number;
  kernel(): string;
  /** Process-wide switch between the vector and the scalar Rescue kernel (tests and benchmarks). */
  useVectorKernel(enable: boolean): boolean;
}

const ADDON_FILES: Readonly<Record<NativeVariant, string>> = {
  x64: "zklite-fast-x64.node",
  portable: "zklite-fast.node",
};
/** Where the addons may be, relative to this module: a packed dist/ first, then the build folder. */
const ADDON_DIRECTORIES = ["../native/", "../../../native/build/"] as const;

type GetBuiltinModule = (id: string) => unknown;

function nodeBuiltins(): GetBuiltinModule | undefined {
  const process = (globalThis as { process?: { getBuiltinModule?: GetBuiltinModule } }).process;
  return process?.getBuiltinModule?.bind(process);
}

/** The path of the `variant` addon, or undefined (not Node, or not built). */
export function findNativeAddon(variant: NativeVariant): string | undefined {
  const builtins = nodeBuiltins();
  if (builtins === undefined) return undefined;
  const { existsSync } = builtins("node:fs") as { existsSync(path: string): boolean };
  const { fileURLToPath } = builtins("node:url") as { fileURLToPath(url: URL): string };
  for (const directory of ADDON_DIRECTORIES) {
    const path = fileURLToPath(new URL(directory + ADDON_FILES[variant], import.meta.url));
    if (existsSync(path)) return path;
  }
  return undefined;
}

/** The addons to try, best first. */
export function nativeVariantsForThisMachine(): NativeVariant[] {
  const process = (globalThis as { process?: { arch?: string } }).process;
  return process?.arch === "x64" ? ["x64", "portable"] : ["portable"];
}

export interface NativeBindingOptions {
  /** false: force the scalar Rescue kernel (for the whole process). Default: the best the CPU has. */
  readonly vectorKernel?: boolean;
}

/** One binding per addon and thread: an addon instance has a single scratch buffer, which all share. */
const bindings = new Map<string, EngineBinding>();

/** Loads the addon at `path` into this thread. Throws when it cannot be loaded (missing, wrong CPU). */
export function loadNativeBinding(path: string, options: NativeBindingOptions = {}): EngineBinding {
  const builtins = nodeBuiltins();
  if (builtins === undefined) throw new Error("the native engine needs Node.js");
  const { createRequire } = builtins("node:module") as { createRequire: typeof CreateRequire };
  const addon = createRequire(import.meta.url)(path) as EngineAddon;
  if (options.vectorKernel !== undefined) addon.useVectorKernel(options.vectorKernel);
  const existing = bindings.get(path);
  if (existing !== undefined) return { ...existing, variant: addon.kernel() };
  const buffer = new ArrayBuffer(SCRATCH.size);
  addon.bindScratch(buffer);
  const binding: EngineBinding = {
    kind: "native",
    variant: addon.kernel(),
    scratch: new Uint8Array(buffer),
    verifyMusig: (message, length, signature) => addon.verifyMusig(message, length, signature),
    hashMessage: (out, message, length) => addon.hashMessage(out, message, length),
    signPoints: (out, privateKey, nonce, hashedMessage) => addon.signPoints(out, privateKey, nonce, hashedMessage),
    publicKey: (out, privateKey) => addon.publicKey(out, privateKey),
    poseidonLoad: (width, roundsFull, roundsPartial, constants) =>
      addon.poseidonLoad(width, roundsFull, roundsPartial, constants),
    poseidonHash: (out, inputs, count) => addon.poseidonHash(out, inputs, count),
  };
  bindings.set(path, binding);
  return binding;
}
