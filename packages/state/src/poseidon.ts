/**
 * The one place where @zklite/state gets its Poseidon hash (circomlib's parameters: BN254 scalar
 * field, x^5 S-box, 8 full rounds, circomlib's partial-round counts, Grain-LFSR constants).
 *
 * Everything else in the package calls `poseidon` from here, so switching to a faster
 * implementation (e.g. the one in @zklite/crypto-wasm) means changing this file only.
 * The current implementation is @noble/curves' generic Poseidon: correct, but slow
 * (≈ 0.3 ms for 2 inputs, ≈ 0.6 ms for 4 inputs on this machine).
 */
import { grainGenConstants, poseidon as poseidonPermutation } from "@noble/curves/abstract/poseidon.js";
import { Field } from "@noble/curves/abstract/modular.js";
import { stateError } from "./errors.js";

/** BN254 scalar field modulus (the field of every tree node). */
export const FIELD_MODULUS = 21888242871839275222246405745257275088548364400416034343698204186575808495617n;

/** circomlib's partial-round counts, indexed by the number of inputs minus one (t = inputs + 1). */
const PARTIAL_ROUNDS = [56, 57, 56, 60, 60, 63, 64, 63, 60, 66, 60, 65, 70, 60, 64, 68] as const;
const FULL_ROUNDS = 8;

const field = Field(FIELD_MODULUS);
const permutations = new Map<number, (state: bigint[]) => bigint[]>();

function permutationFor(inputCount: number): (state: bigint[]) => bigint[] {
  let permutation = permutations.get(inputCount);
  if (permutation === undefined) {
    const t = inputCount + 1;
    const roundsPartial = PARTIAL_ROUNDS[inputCount - 1] ?? 0;
    const constants = grainGenConstants({ Fp: field, t, roundsFull: FULL_ROUNDS, roundsPartial });
    permutation = poseidonPermutation({ Fp: field, t, roundsFull: FULL_ROUNDS, roundsPartial, sboxPower: 5, ...constants });
    permutations.set(inputCount, permutation);
  }
  return permutation;
}

/**
 * Prepares the implementation (a no-op for the pure-JS one). Call and await once per thread before
 * hashing, so that an implementation needing asynchronous set-up (e.g. WebAssembly) can be dropped in.
 */
export async function initPoseidon(): Promise<void> {}

/**
 * circomlib's `Poseidon(n)`: state `[0, ...inputs]`, permute, output `state[0]`.
 * Inputs must be canonical field elements (0 ≤ x < p); 1 to 16 of them.
 */
export function poseidon(inputs: readonly bigint[]): bigint {
  if (inputs.length < 1 || inputs.length > PARTIAL_ROUNDS.length) {
    throw stateError("INVALID_ARGUMENT", `Poseidon takes 1 to ${PARTIAL_ROUNDS.length} inputs, got ${inputs.length}`);
  }
  for (const input of inputs) {
    if (input < 0n || input >= FIELD_MODULUS) {
      throw stateError("NOT_A_FIELD_ELEMENT", `Poseidon input ${input} is not a canonical field element`);
    }
  }
  const output = permutationFor(inputs.length)([0n, ...inputs])[0];
  if (output === undefined) throw stateError("INVALID_ARGUMENT", "Poseidon permutation returned no state");
  return output;
}
