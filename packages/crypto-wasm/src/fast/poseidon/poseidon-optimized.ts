/**
 * An equivalent form of circomlib's Poseidon that makes partial rounds cheap (Poseidon paper, appendix B):
 *  1. Constants: in a partial round only state[0] passes the S-box, so the constants of state[1..] are
 *     pushed through the MDS matrix into the next round's constants; each partial round keeps one.
 *  2. Matrices: M = S · M̂, with M̂ = diag(1, N) and S sparse (first row, first column, identity
 *     elsewhere). M̂ leaves state[0] alone, so it commutes with the partial round's S-box and constant
 *     and moves into the previous round's matrix. Walking backwards from the last partial round turns
 *     every partial-round matrix into a sparse one (2t - 1 products instead of t^2) and the matrix of
 *     the last full round before them into a dense `preSparse` matrix.
 * poseidonOptimizedReference evaluates this form with BigInt; the engine runs the same steps.
 */
import { FR_MODULUS } from "../../ts/field.js";
import { poseidonParams } from "./poseidon-params.js";

type Matrix = bigint[][];

export interface OptimizedPoseidonParams {
  readonly width: number;
  readonly roundsFull: number;
  readonly roundsPartial: number;
  /** roundsFull·width constants: the first roundsFull/2 full rounds, then the last roundsFull/2. */
  readonly fullRoundConstants: readonly bigint[];
  /** One constant (for state[0]) per partial round. */
  readonly partialRoundConstants: readonly bigint[];
  /** The MDS matrix, for every full round except the last one before the partial rounds. */
  readonly mds: Matrix;
  /** Matrix of the last full round before the partial rounds. */
  readonly preSparse: Matrix;
  /**
   * Per partial round, 2·width − 1 entries [a, v_1..v_{t-1}, w_1..w_{t-1}] of the sparse matrix
   * [[a, v], [w, I]]: out0 = a·s0 + Σ v_j s_j, out_j = w_j·s0 + s_j.
   */
  readonly sparse: readonly (readonly bigint[])[];
}

const mod = (value: bigint): bigint => {
  const reduced = value % FR_MODULUS;
  return reduced < 0n ? reduced + FR_MODULUS : reduced;
};

function inverse(value: bigint): bigint {
  let [a, b, x, y] = [mod(value), FR_MODULUS, 1n, 0n];
  while (b !== 0n) {
    const q = a / b;
    [a, b, x, y] = [b, a - q * b, y, x - q * y];
  }
  if (a !== 1n) throw new RangeError("not invertible");
  return mod(x);
}

function multiply(a: Matrix, b: Matrix): Matrix {
  return a.map((row) => b[0]!.map((_, j) => mod(row.reduce((sum, value, k) => sum + value * b[k]![j]!, 0n))));
}

function applyMatrix(matrix: Matrix, vector: readonly bigint[]): bigint[] {
  return matrix.map((row) => mod(row.reduce((sum, value, j) => sum + value * vector[j]!, 0n)));
}

/** Gauss-Jordan inverse modulo p. */
function invert(matrix: Matrix): Matrix {
  const n = matrix.length;
  const rows = matrix.map((row, i) => [...row, ...Array.from({ length: n }, (_, j) => (i === j ? 1n : 0n))]);
  for (let column = 0; column < n; column++) {
    const pivot = rows.findIndex((row, i) => i >= column && row[column] !== 0n);
    if (pivot < 0) throw new RangeError("singular matrix");
    [rows[column], rows[pivot]] = [rows[pivot]!, rows[column]!];
    const scale = inverse(rows[column]![column]!);
    rows[column] = rows[column]!.map((value) => mod(value * scale));
    for (let i = 0; i < n; i++) {
      const factor = rows[i]![column]!;
      if (i === column || factor === 0n) continue;
      rows[i] = rows[i]!.map((value, j) => mod(value - factor * rows[column]![j]!));
    }
  }
  return rows.map((row) => row.slice(n));
}

const cache = new Map<number, OptimizedPoseidonParams>();

export function optimizedPoseidonParams(inputCount: number): OptimizedPoseidonParams {
  let params = cache.get(inputCount);
  if (params === undefined) {
    params = optimize(inputCount);
    cache.set(inputCount, params);
  }
  return params;
}

function optimize(inputCount: number): OptimizedPoseidonParams {
  const { width: t, roundsFull, roundsPartial, roundConstants, mds } = poseidonParams(inputCount);
  const half = roundsFull / 2;
  const constantsOf = (round: number): bigint[] => roundConstants.slice(round * t, round * t + t);
  const matrix = mds.map((row) => [...row]);

  // 1. constants: carry everything but state[0] of each partial round into the next round
  const partialRoundConstants: bigint[] = [];
  let carried = new Array<bigint>(t).fill(0n);
  for (let p = 0; p < roundsPartial; p++) {
    const constants = constantsOf(half + p).map((value, i) => mod(value + carried[i]!));
    partialRoundConstants.push(constants[0]!);
    carried = applyMatrix(matrix, [0n, ...constants.slice(1)]);
  }
  const secondHalf = Array.from({ length: half }, (_, r) => constantsOf(half + roundsPartial + r));
  secondHalf[0] = secondHalf[0]!.map((value, i) => mod(value + carried[i]!));
  const fullRoundConstants = [...Array.from({ length: half }, (_, r) => constantsOf(r)), ...secondHalf].flat();

  // 2. matrices: from the last partial round backwards, M_p = S_p · diag(1, N_p), and diag(1, N_p) joins M_{p-1}
  const sparse: bigint[][] = new Array<bigint[]>(roundsPartial);
  let current = matrix; // M_p as modified by the rounds after it
  for (let p = roundsPartial - 1; p >= 0; p--) {
    const n = current.slice(1).map((row) => row.slice(1));
    const firstRowRest = current[0]!.slice(1);
    const nInverse = invert(n);
    const v = firstRowRest.map((_, j) => mod(firstRowRest.reduce((sum, value, k) => sum + value * nInverse[k]![j]!, 0n)));
    const w = current.slice(1).map((row) => row[0]!);
    sparse[p] = [current[0]![0]!, ...v, ...w];
    const hat: Matrix = Array.from({ length: t }, (_, i) =>
      Array.from({ length: t }, (_, j) => (i === 0 || j === 0 ? (i === j ? 1n : 0n) : n[i - 1]![j - 1]!)),
    );
    current = multiply(hat, matrix);
  }
  return { width: t, roundsFull, roundsPartial, fullRoundConstants, partialRoundConstants, mds: matrix, preSparse: current, sparse };
}

const fifthPower = (x: bigint): bigint => {
  const square = (x * x) % FR_MODULUS;
  return (((square * square) % FR_MODULUS) * x) % FR_MODULUS;
};

/** circomlib's Poseidon through the optimized form (BigInt); equals poseidonReference. */
export function poseidonOptimizedReference(inputs: readonly bigint[]): bigint {
  const { width: t, roundsFull, roundsPartial, fullRoundConstants, partialRoundConstants, mds, preSparse, sparse } =
    optimizedPoseidonParams(inputs.length);
  const half = roundsFull / 2;
  let state = [0n, ...inputs];
  const fullRound = (round: number, matrix: Matrix): void => {
    state = state.map((value, i) => fifthPower(mod(value + fullRoundConstants[round * t + i]!)));
    state = applyMatrix(matrix, state);
  };
  for (let r = 0; r < half; r++) fullRound(r, r === half - 1 ? preSparse : mds);
  for (let p = 0; p < roundsPartial; p++) {
    const s0 = fifthPower(mod(state[0]! + partialRoundConstants[p]!));
    const entries = sparse[p]!;
    const out0 = mod(entries[0]! * s0 + state.slice(1).reduce((sum, value, j) => sum + entries[1 + j]! * value, 0n));
    state = [out0, ...state.slice(1).map((value, j) => mod(entries[t + j]! * s0 + value))];
  }
  for (let r = half; r < roundsFull; r++) fullRound(r, mds);
  return state[0]!;
}
