/**
 * circomlib's Poseidon parameters for t = inputs + 1 (2 ≤ t ≤ 17), generated from scratch with the Grain
 * LFSR exactly as the Poseidon reference script does: (R_F + R_P)·t round constants by rejection
 * sampling, then a Cauchy MDS matrix M[i][j] = 1/(x_i + y_j) from 2t further draws.
 * poseidon-params.test.ts checks every value against circomlibjs.
 */
import { FR_MODULUS, frAdd, frInv } from "../../ts/field.js";
import { GrainLfsr } from "./grain-lfsr.js";

/** Bits per Grain draw: the bit length of p. */
const FIELD_BITS = 254;
export const POSEIDON_FULL_ROUNDS = 8;
/** circomlib's partial-round counts, indexed by the number of inputs minus one. */
export const POSEIDON_PARTIAL_ROUNDS = [56, 57, 56, 60, 60, 63, 64, 63, 60, 66, 60, 65, 70, 60, 64, 68] as const;
export const POSEIDON_MAX_INPUTS = POSEIDON_PARTIAL_ROUNDS.length;

export interface PoseidonParams {
  /** State width: inputs + 1. */
  readonly width: number;
  readonly roundsFull: number;
  readonly roundsPartial: number;
  /** (roundsFull + roundsPartial)·width constants, round after round. */
  readonly roundConstants: readonly bigint[];
  /** mds[i][j]: new state[i] = Σ_j mds[i][j]·state[j]. */
  readonly mds: readonly (readonly bigint[])[];
}

const cache = new Map<number, PoseidonParams>();

/** Parameters for `inputCount` inputs (1…16); the caller validates the count. */
export function poseidonParams(inputCount: number): PoseidonParams {
  let params = cache.get(inputCount);
  if (params === undefined) {
    params = generate(inputCount);
    cache.set(inputCount, params);
  }
  return params;
}

function generate(inputCount: number): PoseidonParams {
  const roundsPartial = POSEIDON_PARTIAL_ROUNDS[inputCount - 1];
  if (roundsPartial === undefined) throw new RangeError(`no Poseidon parameters for ${inputCount} inputs`);
  const width = inputCount + 1;
  const lfsr = new GrainLfsr(FIELD_BITS, width, POSEIDON_FULL_ROUNDS, roundsPartial);

  const roundConstants: bigint[] = [];
  const count = (POSEIDON_FULL_ROUNDS + roundsPartial) * width;
  while (roundConstants.length < count) {
    const candidate = lfsr.nextInteger(FIELD_BITS);
    if (candidate < FR_MODULUS) roundConstants.push(candidate);
  }
  return { width, roundsFull: POSEIDON_FULL_ROUNDS, roundsPartial, roundConstants, mds: cauchyMatrix(lfsr, width) };
}

/** Draws until the 2t field elements are distinct and every x_i + y_j is invertible, as the script does. */
function cauchyMatrix(lfsr: GrainLfsr, width: number): bigint[][] {
  for (;;) {
    const draws = Array.from({ length: 2 * width }, () => lfsr.nextInteger(FIELD_BITS) % FR_MODULUS);
    if (new Set(draws).size !== draws.length) continue;
    const xs = draws.slice(0, width);
    const ys = draws.slice(width);
    if (xs.some((x) => ys.some((y) => frAdd(x, y) === 0n))) continue;
    return xs.map((x) => ys.map((y) => frInv(frAdd(x, y))));
  }
}
