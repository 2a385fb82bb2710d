import type { CircuitInput } from "@zklite/circuits/witness";

/** A circuit input as the JSON circom's witness calculators and snarkjs take: field elements as decimal strings. */
export function circuitInputJson(input: CircuitInput): string {
  return JSON.stringify(input, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value));
}
