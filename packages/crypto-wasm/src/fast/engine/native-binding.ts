/**
 * The engine as a Node-API addon (64-bit limbs, several times faster than the WebAssembly build), built
 * by native/build.mjs when a C compiler and Node's headers are available. Node only: it is reached
 * through process.getBuiltinModule, so browser bundles never see a Node import.
 */
import type { createRequire as CreateRequire } from "node:module";
import { SCRATCH, type EngineBinding } from "./engine-binding.js";

interface EngineAddon {
  bindScratch(buffer: ArrayBuffer): number;
  verifyMusig(message: number, length: number, signature: number): number;
  hashMessage(out: number, message: number, length: number): number;
  signPoints(out: number, privateKey: number, nonce: number, hashedMessage: number): number;
  publicKey(out: number, privateKey: number): number;
  poseidonLoad(width: number, roundsFull: number, roundsPartial: number, constants: number): number;
  poseidonHash(out: number, inputs: number, count: number): number;
}

/** Where the addon may be, relative to this module: a packed dist/ first, then the build folder. */
const ADDON_LOCATIONS = ["../native/zklite-fast.node", "../../../native/build/zklite-fast.node"] as const;

type GetBuiltinModule = (id: string) => unknown;

function nodeBuiltins(): GetBuiltinModule | undefined {
  const process = (globalThis as { process?: { getBuiltinModule?: GetBuiltinModule } }).process;
  return process?.getBuiltinModule?.bind(process);
}

/** The path of a loadable addon file, or undefined (not Node, or not built). */
export function findNativeAddon(): string | undefined {
  const builtins = nodeBuiltins();
  if (builtins === undefined) return undefined;
  const { existsSync } = builtins("node:fs") as { existsSync(path: string): boolean };
  const { fileURLToPath } = builtins("node:url") as { fileURLToPath(url: URL): string };
  for (const location of ADDON_LOCATIONS) {
    const path = fileURLToPath(new URL(location, import.meta.url));
    if (existsSync(path)) return path;
  }
  return undefined;
}

/** Loads the addon at `path` into this thread. Throws when it cannot be loaded. */
export function loadNativeBinding(path: string): EngineBinding {
  const builtins = nodeBuiltins();
  if (builtins === undefined) throw new Error("the native engine needs Node.js");
  const { createRequire } = builtins("node:module") as { createRequire: typeof CreateRequire };
  const addon = createRequire(import.meta.url)(path) as EngineAddon;
  const buffer = new ArrayBuffer(SCRATCH.size);
  addon.bindScratch(buffer);
  return {
    kind: "native",
    scratch: new Uint8Array(buffer),
    verifyMusig: (message, length, signature) => addon.verifyMusig(message, length, signature),
    hashMessage: (out, message, length) => addon.hashMessage(out, message, length),
    signPoints: (out, privateKey, nonce, hashedMessage) => addon.signPoints(out, privateKey, nonce, hashedMessage),
    publicKey: (out, privateKey) => addon.publicKey(out, privateKey),
    poseidonLoad: (width, roundsFull, roundsPartial, constants) =>
      addon.poseidonLoad(width, roundsFull, roundsPartial, constants),
    poseidonHash: (out, inputs, count) => addon.poseidonHash(out, inputs, count),
  };
}
