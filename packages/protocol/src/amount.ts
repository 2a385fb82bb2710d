import { MAX_AMOUNT } from "./constants.js";
import { describeValue, protocolError, type ProtocolErrorCode } from "./errors.js";

/** Amount inputs: a bigint or a decimal string (as on the JSON wire). Never a JS number. */
export type AmountLike = bigint | string;

const DECIMAL = /^[0-9]+$/;
// Longer strings cannot be below 2^256; rejecting them early keeps BigInt() cheap on hostile input.
const MAX_DECIMAL_DIGITS = 80;

/** A u128 amount from a bigint or decimal string (digits only, leading zeros allowed); else `INVALID_AMOUNT`. */
export function parseAmount(value: unknown): bigint {
  return parseUint(value, "amount", MAX_AMOUNT, "INVALID_AMOUNT");
}

/** Like `parseAmount` with another bound, label and error code. */
export function parseUint(value: unknown, what: string, max: bigint, code: ProtocolErrorCode = "INVALID_AMOUNT"): bigint {
  let amount: bigint;
  if (typeof value === "bigint") {
    amount = value;
  } else if (typeof value === "string" && DECIMAL.test(value) && value.length <= MAX_DECIMAL_DIGITS) {
    amount = BigInt(value);
  } else {
    throw protocolError(code, `${what} must be a bigint or a decimal string, got ${describeValue(value)}`);
  }
  if (amount < 0n || amount > max) {
    throw protocolError(code, `${what} must be in [0, ${max}], got ${amount}`);
  }
  return amount;
}
