/** circomlibjs as a Poseidon oracle for tests and benchmarks (it is a dev dependency, never shipped). */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { buildPoseidon } from "circomlibjs";

export interface CircomlibPoseidonConstants {
  /** C[inputs - 1]: round constants as hex strings. */
  readonly C: readonly (readonly string[])[];
  /** M[inputs - 1][i][j]: MDS matrices as hex strings. */
  readonly M: readonly (readonly (readonly string[])[])[];
}

export function loadCircomlibPoseidonConstants(): CircomlibPoseidonConstants {
  const entry = createRequire(import.meta.url).resolve("circomlibjs");
  const file = join(dirname(entry), "..", "src", "poseidon_constants.json");
  return JSON.parse(readFileSync(file, "utf8")) as CircomlibPoseidonConstants;
}

/** circomlibjs' wasm Poseidon with bigint in and out. */
export async function buildCircomlibPoseidon(): Promise<(inputs: readonly bigint[]) => bigint> {
  const poseidon = await buildPoseidon();
  return (inputs) => poseidon.F.toObject(poseidon(inputs));
}
