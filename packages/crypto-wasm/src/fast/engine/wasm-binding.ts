/** The engine compiled to WebAssembly (29-bit limbs); runs in Node, browsers and workers alike. */
import { engineWasmBase64 } from "../generated/engine-wasm.js";
import { SCRATCH, type EngineBinding } from "./engine-binding.js";

interface EngineExports {
  readonly memory: WebAssembly.Memory;
  scratch_pointer(): number;
  scratch_size(): number;
  init(): void;
  verify_musig(message: number, length: number, signature: number): number;
  hash_message(out: number, message: number, length: number): number;
  sign_points(out: number, privateKey: number, nonce: number, hashedMessage: number): number;
  public_key(out: number, privateKey: number): number;
  poseidon_load(width: number, roundsFull: number, roundsPartial: number, constants: number): number;
  poseidon_hash(out: number, inputs: number, count: number): number;
}

let compiled: Promise<WebAssembly.Module> | undefined;

/** Compiles the embedded module once per realm (asynchronously: browsers refuse large synchronous compiles). */
export function compileEngineWasm(): Promise<WebAssembly.Module> {
  compiled ??= WebAssembly.compile(decodeBase64(engineWasmBase64));
  return compiled;
}

export async function instantiateWasmBinding(module?: WebAssembly.Module): Promise<EngineBinding> {
  const instance = await WebAssembly.instantiate(module ?? (await compileEngineWasm()), {});
  const exports = instance.exports as unknown as EngineExports;
  exports.init();
  if (exports.scratch_size() < SCRATCH.size) throw new Error("engine scratch area is smaller than expected");
  const scratch = new Uint8Array(exports.memory.buffer, exports.scratch_pointer(), SCRATCH.size);
  // The exports take offsets into the scratch area, exactly like the Node addon.
  return {
    kind: "wasm",
    variant: "wasm",
    scratch,
    verifyMusig: (message, length, signature) => exports.verify_musig(message, length, signature),
    hashMessage: (out, message, length) => exports.hash_message(out, message, length),
    signPoints: (out, privateKey, nonce, hashedMessage) => exports.sign_points(out, privateKey, nonce, hashedMessage),
    publicKey: (out, privateKey) => exports.public_key(out, privateKey),
    poseidonLoad: (width, roundsFull, roundsPartial, constants) =>
      exports.poseidon_load(width, roundsFull, roundsPartial, constants),
    poseidonHash: (out, inputs, count) => exports.poseidon_hash(out, inputs, count),
  };
}

function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
