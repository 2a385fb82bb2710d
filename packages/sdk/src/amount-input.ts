/** The amounts the Wallet accepts (zksync.js's `BigNumberish` without ethers v5): bigint, decimal string, safe integer. */
import { parseAmount } from "@zklite/protocol";
import { walletError } from "./wallet-errors.js";

export type BigNumberish = bigint | string | number;

/** `value` as a u128 bigint; INVALID_AMOUNT (protocol) or INVALID_ARGUMENT for other types. */
export function toAmount(value: BigNumberish, what: string): bigint {
  if (typeof value === "number") {
    if (!Number.isSafeInteger(value) || value < 0) throw walletError("INVALID_ARGUMENT", `${what} must be a non-negative safe integer, got ${value}`);
    return BigInt(value);
  }
  if (typeof value !== "bigint" && typeof value !== "string") throw walletError("INVALID_ARGUMENT", `${what} must be a bigint, a decimal string or a safe integer`);
  return parseAmount(value);
}

/** A non-negative safe integer (nonces, ids, timestamps) or INVALID_ARGUMENT. */
export function toInteger(value: unknown, what: string): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) throw walletError("INVALID_ARGUMENT", `${what} must be a non-negative integer, got ${String(value)}`);
  return value;
}

/** Narrows an options argument to an object, so reading its fields cannot throw a TypeError. */
export function requireArgs<T extends object>(value: T, what: string): T {
  if (typeof value !== "object" || value === null) throw walletError("INVALID_ARGUMENT", `${what} must be an object`);
  return value;
}
