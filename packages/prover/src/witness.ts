import * as snarkjs from "snarkjs";

/**
 * Runs circom's wasm witness calculator on a circuit input (snarkjs `wtns.calculate`) and returns the
 * `.wtns` bytes, ready for `ProverEngine.prove`. The input is whatever the circuit takes (decimal strings).
 */
export async function calculateWitness(wasmPath: string, input: unknown): Promise<Uint8Array> {
  const wtns: { type: "mem"; data?: Uint8Array } = { type: "mem" };
  await snarkjs.wtns.calculate(input, wasmPath, wtns);
  if (wtns.data === undefined) throw new Error(`the witness calculator ${wasmPath} wrote nothing`);
  return wtns.data;
}
