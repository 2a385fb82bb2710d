/** Exact non-negative rationals over bigint, for prices and fee arithmetic (no floating point anywhere). */
import { FeeError } from "./errors.js";

export interface Ratio {
  readonly num: bigint;
  /** > 0. */
  readonly den: bigint;
}

export const ratio = (num: bigint, den = 1n): Ratio => {
  if (den <= 0n || num < 0n) throw new RangeError(`ratio ${num}/${den}: needs num ≥ 0 and den > 0`);
  return { num, den };
};

/**
 * A decimal string ("2000", "0.001", "1.5e-3" is not accepted) or an exact ratio → Ratio. Throws
 * `FeeError("INVALID_PRICE")` for anything else or a negative value.
 */
export function parseDecimal(value: string | Ratio): Ratio {
  if (typeof value !== "string") return ratio(value.num, value.den);
  const match = /^(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!match) throw new FeeError("INVALID_PRICE", `not a non-negative decimal number: ${JSON.stringify(value)}`);
  const fraction = match[2] ?? "";
  return ratio(BigInt(match[1]! + fraction), 10n ** BigInt(fraction.length));
}

export const add = (a: Ratio, b: Ratio): Ratio => ({ num: a.num * b.den + b.num * a.den, den: a.den * b.den });
export const mul = (a: Ratio, b: Ratio): Ratio => ({ num: a.num * b.num, den: a.den * b.den });
/** a / b; b must be > 0. */
export const div = (a: Ratio, b: Ratio): Ratio => {
  if (b.num === 0n) throw new RangeError("division by zero");
  return { num: a.num * b.den, den: a.den * b.num };
};
export const cmp = (a: Ratio, b: Ratio): -1 | 0 | 1 => {
  const left = a.num * b.den;
  const right = b.num * a.den;
  return left < right ? -1 : left > right ? 1 : 0;
};
export const max = (a: Ratio, b: Ratio): Ratio => (cmp(a, b) >= 0 ? a : b);
/** Smallest integer ≥ the ratio. */
export const ceil = (a: Ratio): bigint => (a.num + a.den - 1n) / a.den;
