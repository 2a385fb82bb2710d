import { buildPoseidon } from "circomlibjs";

/** circomlibjs' Poseidon (its own constants and WebAssembly field code): an oracle independent of src/. */
export type ReferencePoseidon = (inputs: readonly bigint[]) => bigint;

let instance: Promise<ReferencePoseidon> | undefined;

export function referencePoseidon(): Promise<ReferencePoseidon> {
  instance ??= buildPoseidon().then((hash) => (inputs: readonly bigint[]) => hash.F.toObject(hash(inputs)));
  return instance;
}
