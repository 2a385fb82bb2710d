/** The Rescue permutation and franklin's fixed-length sponge `rescue_hash` (PROTOCOL.md §2.3, mode 1). */
import { cryptoError } from "../crypto-error.js";
import { FR_MODULUS, frAdd, frFixedPower, frMul, isFrElement } from "./field.js";
import {
  RESCUE_ALPHA_INVERSE,
  RESCUE_MDS,
  RESCUE_RATE,
  RESCUE_ROUNDS,
  RESCUE_STATE_WIDTH,
  rescueRoundConstants,
} from "./rescue-params.js";

export type RescueState = [bigint, bigint, bigint];

/** Largest input accepted by the fixed-length sponge (its length must fit the u8 written into the capacity). */
export const RESCUE_MAX_INPUT_ELEMENTS = 255;

const inverseSbox = frFixedPower(RESCUE_ALPHA_INVERSE);

/**
 * s += RC[0..3]; then 44 half-rounds alternating x^(1/5) (even) and x^5 (odd) S-boxes, each followed by
 * the MDS matrix and the next three round constants. Mutates and returns `state` (elements must be < p).
 */
export function permuteRescueState(state: RescueState): RescueState {
  const constants = rescueRoundConstants();
  const [row0, row1, row2] = RESCUE_MDS;
  let s0 = frAdd(state[0], constants[0] as bigint);
  let s1 = frAdd(state[1], constants[1] as bigint);
  let s2 = frAdd(state[2], constants[2] as bigint);
  for (let halfRound = 0; halfRound < 2 * RESCUE_ROUNDS; halfRound++) {
    if (halfRound % 2 === 0) {
      s0 = inverseSbox(s0);
      s1 = inverseSbox(s1);
      s2 = inverseSbox(s2);
    } else {
      s0 = fifthPower(s0);
      s1 = fifthPower(s1);
      s2 = fifthPower(s2);
    }
    // Sums of three products and a constant, reduced once per row.
    const offset = (halfRound + 1) * RESCUE_STATE_WIDTH;
    const next0 = (row0[0] * s0 + row0[1] * s1 + row0[2] * s2 + (constants[offset] as bigint)) % FR_MODULUS;
    const next1 = (row1[0] * s0 + row1[1] * s1 + row1[2] * s2 + (constants[offset + 1] as bigint)) % FR_MODULUS;
    const next2 = (row2[0] * s0 + row2[1] * s1 + row2[2] * s2 + (constants[offset + 2] as bigint)) % FR_MODULUS;
    s0 = next0;
    s1 = next1;
    s2 = next2;
  }
  state[0] = s0;
  state[1] = s1;
  state[2] = s2;
  return state;
}

function fifthPower(x: bigint): bigint {
  const square = frMul(x, x);
  return frMul(frMul(square, square), x);
}

/** The Rescue permutation of a width-3 state, as a pure function with input checks. */
export function rescuePermutation(state: readonly bigint[]): bigint[] {
  if (state.length !== RESCUE_STATE_WIDTH) {
    throw cryptoError("INVALID_LENGTH", `Rescue state must have ${RESCUE_STATE_WIDTH} elements, got ${state.length}`);
  }
  assertFieldElements(state);
  return permuteRescueState([...state] as RescueState);
}

/**
 * franklin-crypto `rescue_hash` (fixed-length sponge): state [0, 0, n] with n = input length, absorb
 * two elements per permutation by addition (the input padded with ones to an even length), output s[0].
 * Used for PubKeyHash, tx-message hashing, orders hashing and NFT token hashes.
 */
export function rescueHash(fieldElements: readonly bigint[]): bigint {
  const length = fieldElements.length;
  if (length < 1 || length > RESCUE_MAX_INPUT_ELEMENTS) {
    throw cryptoError(
      "INVALID_LENGTH",
      `rescueHash takes 1 to ${RESCUE_MAX_INPUT_ELEMENTS} field elements, got ${length}`,
    );
  }
  assertFieldElements(fieldElements);
  const state: RescueState = [0n, 0n, BigInt(length)];
  for (let i = 0; i < length; i += RESCUE_RATE) {
    state[0] = frAdd(state[0], fieldElements[i] as bigint);
    state[1] = frAdd(state[1], i + 1 < length ? (fieldElements[i + 1] as bigint) : 1n);
    permuteRescueState(state);
  }
  return state[0];
}

export function assertFieldElements(elements: readonly unknown[]): asserts elements is readonly bigint[] {
  elements.forEach((element, index) => {
    if (typeof element !== "bigint" || !isFrElement(element)) {
      throw cryptoError("INVALID_FIELD_ELEMENT", `element ${index} is not a field element in [0, p)`);
    }
  });
}
