import type { ExitProverErrorCode } from "./error-codes.js";

/** BN254's scalar field order: every circom signal is an element of the field of this size. */
export const SNARK_SCALAR_FIELD = 21888242871839275222246405745257275088548364400416034343698204186575808495617n;

/** A circuit input as `buildExitWitness` returns it (bigints), or as JSON (decimal or 0x strings, safe integers). */
export type CircuitInputValue = bigint | number | string | readonly CircuitInputValue[];
export type CircuitInputLike = { readonly [signal: string]: CircuitInputValue };

export class InputError extends Error {
  readonly code: ExitProverErrorCode = "BAD_INPUT";
}

/**
 * Checks that every signal is a field element (or a nested array of them) and returns the input with every
 * value as a decimal string, ready for postMessage and snarkjs. Throws `InputError` otherwise.
 */
export function normalizeCircuitInput(input: unknown): Record<string, unknown> {
  if (typeof input !== "object" || input === null || Array.isArray(input)) throw new InputError("the circuit input must be an object of signals");
  const out: Record<string, unknown> = {};
  const entries = Object.entries(input as Record<string, unknown>);
  if (entries.length === 0) throw new InputError("the circuit input has no signals");
  for (const [name, value] of entries) out[name] = normalizeValue(value, name, 0);
  return out;
}

function normalizeValue(value: unknown, path: string, depth: number): unknown {
  if (Array.isArray(value)) {
    if (depth > 8) throw new InputError(`${path}: arrays nested too deep`);
    if (value.length === 0) throw new InputError(`${path}: empty array`);
    return value.map((item, i) => normalizeValue(item, `${path}[${i}]`, depth + 1));
  }
  let element: bigint;
  if (typeof value === "bigint") element = value;
  else if (typeof value === "number") {
    if (!Number.isSafeInteger(value)) throw new InputError(`${path}: ${value} is not a safe integer`);
    element = BigInt(value);
  } else if (typeof value === "string" && /^(0x[0-9a-fA-F]+|[0-9]+)$/.test(value)) element = BigInt(value);
  else throw new InputError(`${path}: ${describe(value)} is not a field element`);
  if (element < 0n || element >= SNARK_SCALAR_FIELD) throw new InputError(`${path}: ${element} is outside the field`);
  return element.toString();
}

function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return value === null ? "null" : typeof value;
}
