/**
 * Straightforward BigInt Poseidon (circomlib's `Poseidon(n)`: state [0, ...inputs], output state[0]).
 * Slow; it is the readable statement of the algorithm that the compiled engine is checked against.
 */
import { FR_MODULUS as FIELD_MODULUS } from "../../ts/field.js";
import { poseidonParams } from "./poseidon-params.js";

const fifthPower = (x: bigint): bigint => {
  const square = (x * x) % FIELD_MODULUS;
  return (((square * square) % FIELD_MODULUS) * x) % FIELD_MODULUS;
};

/** Inputs must be canonical field elements, 1…16 of them (validated by the public API). */
export function poseidonReference(inputs: readonly bigint[]): bigint {
  const { width, roundsFull, roundsPartial, roundConstants, mds } = poseidonParams(inputs.length);
  let state = [0n, ...inputs];
  const rounds = roundsFull + roundsPartial;
  for (let round = 0; round < rounds; round++) {
    state = state.map((value, i) => (value + (roundConstants[round * width + i] ?? 0n)) % FIELD_MODULUS);
    const isFullRound = round < roundsFull / 2 || round >= roundsFull / 2 + roundsPartial;
    state = state.map((value, i) => (isFullRound || i === 0 ? fifthPower(value) : value));
    state = mds.map((row) => row.reduce((sum, m, j) => (sum + m * (state[j] ?? 0n)) % FIELD_MODULUS, 0n));
  }
  return state[0] ?? 0n;
}
