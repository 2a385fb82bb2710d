import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { ZkLiteError } from "@zklite/crypto-wasm";

import type { CircuitInput } from "./circuit-input.js";

export type { CircuitInput, CircuitSignalValue } from "./circuit-input.js";

interface GeneratedCalculator {
  calculateWitness(input: unknown, sanityCheck: boolean): Promise<bigint[]>;
}
type GeneratedBuilder = (code: Buffer) => Promise<GeneratedCalculator>;

const require = createRequire(import.meta.url);
const calculators = new Map<string, Promise<GeneratedCalculator>>();

/**
 * Runs the witness calculator circom generated next to `wasmPath`. Every constraint written with
 * `===` or `<==` is checked while computing, so an input that satisfies no witness throws
 * `ZkLiteError("CIRCUIT_UNSATISFIED")`. Returns the full witness (index 0 is the constant 1, then the
 * public outputs, then the public inputs).
 */
export async function calculateWitness(wasmPath: string, input: CircuitInput): Promise<bigint[]> {
  let calculator = calculators.get(wasmPath);
  if (calculator === undefined) {
    const builder = require(path.join(path.dirname(wasmPath), "witness_calculator.js")) as GeneratedBuilder;
    calculator = builder(readFileSync(wasmPath));
    calculators.set(wasmPath, calculator);
  }
  try {
    return await (await calculator).calculateWitness(input, true);
  } catch (error) {
    // the generated calculator appends every failure to a message buffer it never clears: start afresh
    calculators.delete(wasmPath);
    // circom reports the failed assertion, then the template chain: "Error in template T_12 line: 40", …
    const reason = error instanceof Error ? error.message.split("\n").filter((line) => line.trim() !== "").slice(0, 6).join("; ") : String(error);
    throw new ZkLiteError("CIRCUIT_UNSATISFIED", `no valid witness for this input: ${reason}`, { cause: error });
  }
}
