/**
 * The raw calls of the compiled engine (native/src), identical for the WebAssembly module and the Node
 * addon: inputs and outputs live in `scratch`, and every argument that names data is an offset into it.
 */
export type EngineKind = "native" | "wasm";

export interface EngineBinding {
  readonly kind: EngineKind;
  /** The arithmetic in use: "wasm", or the addon's "x64-ifma", "x64-adx" or "portable". */
  readonly variant: string;
  readonly scratch: Uint8Array;
  /** A MusigVerdictCode: 1 valid, 0 invalid, -1 bad public key, -2 bad R or s, -3 message too long. */
  verifyMusig(message: number, length: number, signature: number): number;
  hashMessage(out: number, message: number, length: number): number;
  signPoints(out: number, privateKey: number, nonce: number, hashedMessage: number): number;
  publicKey(out: number, privateKey: number): number;
  poseidonLoad(width: number, roundsFull: number, roundsPartial: number, constants: number): number;
  poseidonHash(out: number, inputs: number, count: number): number;
}

/** Where FastEngine puts each argument in the scratch area (128 KiB in both builds). */
export const SCRATCH = {
  message: 0,
  signature: 128,
  out: 256,
  privateKey: 384,
  nonce: 416,
  hashedMessage: 448,
  poseidonInputs: 512,
  poseidonOut: 1024,
  poseidonConstants: 2048,
  size: 131072,
} as const;
