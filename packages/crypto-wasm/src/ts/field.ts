/**
 * Arithmetic in Fr, the BN254 scalar field (the base field of AltBabyJubjub and Rescue's field).
 * Every function expects canonical inputs in [0, p) and returns canonical outputs.
 * BigInt arithmetic: simple and portable, not constant-time.
 */
import { cryptoError } from "../crypto-error.js";

export const FR_MODULUS = 21888242871839275222246405745257275088548364400416034343698204186575808495617n;

/** Bits of an Fr element that always fit below p (`Fr::CAPACITY`): the multipacking chunk size. */
export const FR_CAPACITY_BITS = 253;

export function isFrElement(value: bigint): boolean {
  return value >= 0n && value < FR_MODULUS;
}

export function frAdd(a: bigint, b: bigint): bigint {
  const sum = a + b;
  return sum >= FR_MODULUS ? sum - FR_MODULUS : sum;
}

export function frSub(a: bigint, b: bigint): bigint {
  const difference = a - b;
  return difference < 0n ? difference + FR_MODULUS : difference;
}

export function frNeg(a: bigint): bigint {
  return a === 0n ? 0n : FR_MODULUS - a;
}

export function frMul(a: bigint, b: bigint): bigint {
  return (a * b) % FR_MODULUS;
}

export function frSquare(a: bigint): bigint {
  return (a * a) % FR_MODULUS;
}

/** base^exponent with 4-bit fixed windows (exponent >= 0). */
export function frPow(base: bigint, exponent: bigint): bigint {
  if (exponent === 0n) return 1n;
  const powers: bigint[] = [1n, base];
  for (let i = 2; i < 16; i++) powers.push(frMul(powers[i - 1] as bigint, base));
  const nibbles: number[] = [];
  for (let rest = exponent; rest > 0n; rest >>= 4n) nibbles.push(Number(rest & 0xfn));
  let result = powers[nibbles[nibbles.length - 1] as number] as bigint;
  for (let i = nibbles.length - 2; i >= 0; i--) {
    result = frSquare(frSquare(frSquare(frSquare(result))));
    const nibble = nibbles[i] as number;
    if (nibble !== 0) result = frMul(result, powers[nibble] as bigint);
  }
  return result;
}

const SLIDING_WINDOW_BITS = 5;

/**
 * x -> x^exponent for a fixed exponent > 0 (Rescue's x^(1/5) runs 66 times per permutation): the
 * sliding-window schedule is computed once, and each call needs only the odd powers x, x^3, …, x^31.
 */
export function frFixedPower(exponent: bigint): (base: bigint) => bigint {
  if (exponent <= 0n) throw cryptoError("INVALID_SCALAR", "fixed exponent must be positive");
  const bits = exponent.toString(2);
  // steps[i] = [squarings before the multiplication, index of the odd power to multiply by]
  const steps: [number, number][] = [];
  let pendingSquarings = 0;
  for (let i = 0; i < bits.length; ) {
    if (bits[i] === "0") {
      pendingSquarings++;
      i++;
      continue;
    }
    let end = Math.min(i + SLIDING_WINDOW_BITS, bits.length);
    while (bits[end - 1] === "0") end--;
    steps.push([pendingSquarings + (end - i), parseInt(bits.slice(i, end), 2)]);
    pendingSquarings = 0;
    i = end;
  }
  const trailingSquarings = pendingSquarings;
  const [firstStep, ...laterSteps] = steps as [[number, number], ...[number, number][]];
  return (base) => {
    const oddPowers: bigint[] = [base];
    const square = frSquare(base);
    for (let i = 1; i < 1 << (SLIDING_WINDOW_BITS - 1); i++) oddPowers.push(frMul(oddPowers[i - 1] as bigint, square));
    let result = oddPowers[firstStep[1] >> 1] as bigint;
    for (const [squarings, digit] of laterSteps) {
      for (let i = 0; i < squarings; i++) result = frSquare(result);
      result = frMul(result, oddPowers[digit >> 1] as bigint);
    }
    for (let i = 0; i < trailingSquarings; i++) result = frSquare(result);
    return result;
  };
}

/** Multiplicative inverse (extended Euclid). `a` must be non-zero. */
export function frInv(a: bigint): bigint {
  return modularInverse(a, FR_MODULUS);
}

/** Inverse of `a` modulo `modulus` (any modulus coprime with `a`); throws if none exists. */
export function modularInverse(a: bigint, modulus: bigint): bigint {
  let [oldR, r] = [((a % modulus) + modulus) % modulus, modulus];
  let [oldS, s] = [1n, 0n];
  while (r !== 0n) {
    const quotient = oldR / r;
    [oldR, r] = [r, oldR - quotient * r];
    [oldS, s] = [s, oldS - quotient * s];
  }
  if (oldR !== 1n) throw cryptoError("CRYPTO_INTERNAL_ERROR", "value is not invertible");
  return ((oldS % modulus) + modulus) % modulus;
}

// p - 1 = 2^28 * q with q odd (Tonelli–Shanks parameters).
const TWO_ADICITY = 28n;
const ODD_PART = (FR_MODULUS - 1n) >> TWO_ADICITY;
let rootOfUnityCache: bigint | undefined;

/** A generator of the 2^28-th roots of unity: z^q for the smallest quadratic non-residue z. */
function twoAdicRootOfUnity(): bigint {
  if (rootOfUnityCache === undefined) {
    let candidate = 2n;
    while (frPow(candidate, (FR_MODULUS - 1n) / 2n) !== FR_MODULUS - 1n) candidate++;
    rootOfUnityCache = frPow(candidate, ODD_PART);
  }
  return rootOfUnityCache;
}

/** A square root of `a` (either one), or undefined when `a` is not a square. */
export function frSqrt(a: bigint): bigint | undefined {
  if (a === 0n) return 0n;
  let m = TWO_ADICITY;
  let c = twoAdicRootOfUnity();
  let t = frPow(a, ODD_PART);
  let root = frPow(a, (ODD_PART + 1n) / 2n);
  while (t !== 1n) {
    let i = 0n;
    let t2i = t;
    while (t2i !== 1n) {
      t2i = frSquare(t2i);
      i++;
      if (i === m) return undefined;
    }
    let b = c;
    for (let j = 0n; j < m - i - 1n; j++) b = frSquare(b);
    m = i;
    c = frSquare(b);
    t = frMul(t, c);
    root = frMul(root, b);
  }
  return root;
}
