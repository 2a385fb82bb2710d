/**
 * The one place where @zklite/state gets its Poseidon hash: circomlib's parameters (BN254 scalar field,
 * x^5 S-box, 8 full rounds, circomlib's partial-round counts, Grain-LFSR constants), computed by
 * @zklite/crypto-wasm's fast engine (native addon in Node, WebAssembly in browsers).
 *
 * The engine is loaded when this module is first imported (top-level await), so callers never have to
 * initialise anything; `initPoseidon` remains for code that wants to await it explicitly.
 */
import { init, poseidon as fastPoseidon } from "@zklite/crypto-wasm";
import { stateError } from "./errors.js";

/** BN254 scalar field modulus (the field of every tree node). */
export const FIELD_MODULUS = 21888242871839275222246405745257275088548364400416034343698204186575808495617n;

const MAX_INPUTS = 16;

await init();

/** Resolves once the Poseidon engine is loaded (it already is once this module has been imported). */
export async function initPoseidon(): Promise<void> {
  await init();
}

/**
 * circomlib's `Poseidon(n)`: state `[0, ...inputs]`, permute, output `state[0]`.
 * Inputs must be canonical field elements (0 ≤ x < p); 1 to 16 of them.
 */
export function poseidon(inputs: readonly bigint[]): bigint {
  if (inputs.length < 1 || inputs.length > MAX_INPUTS) {
    throw stateError("INVALID_ARGUMENT", `Poseidon takes 1 to ${MAX_INPUTS} inputs, got ${inputs.length}`);
  }
  for (const input of inputs) {
    if (input < 0n || input >= FIELD_MODULUS) {
      throw stateError("NOT_A_FIELD_ELEMENT", `Poseidon input ${input} is not a canonical field element`);
    }
  }
  return fastPoseidon(inputs);
}
