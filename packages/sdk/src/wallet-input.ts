/** Parsing of the Wallet's inputs. The amounts it accepts (zksync.js's `BigNumberish` without ethers v5): bigint, decimal string, safe integer. */
import { parseAddress, parseAmount } from "@zklite/protocol";
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
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) throw walletError("INVALID_ARGUMENT", `${what} must be a non-negative integer, got ${describeInput(value)}`);
  return value;
}

/** Narrows an options argument to an object, so reading its fields cannot throw a TypeError. */
export function requireArgs<T extends object>(value: T, what: string): T {
  if (typeof value !== "object" || value === null) throw walletError("INVALID_ARGUMENT", `${what} must be an object`);
  return value;
}

/** An Ethereum address as given (case kept, as zksync.js keeps it in the tx JSON); INVALID_ADDRESS otherwise. */
export function requireAddress(value: unknown, what: string): string {
  if (typeof value !== "string") throw walletError("INVALID_ARGUMENT", `${what} must be an address string`);
  parseAddress(value);
  return value;
}

/** A short description of any value for error messages (never throws, unlike String() on odd objects). */
export function describeInput(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
  if (typeof value === "number" || typeof value === "boolean" || value === undefined || value === null) return String(value);
  if (typeof value === "bigint") return `${value}n`;
  return Array.isArray(value) ? "an array" : `a ${typeof value}`;
}
