import { parseAmount, type AmountLike } from "./amount.js";
import { describeValue, protocolError } from "./errors.js";
import { requireInteger } from "./integers.js";

/** What Ethereum messages need to know about a token. */
export interface TokenDisplay {
  symbol: string;
  decimals: number;
}

/** Token decimals are a u8 on L1 and in the server. */
const MAX_DECIMALS = 255;

function requireDecimals(decimals: unknown): number {
  return requireInteger(decimals, 0, MAX_DECIMALS, "decimals", "INVALID_DECIMALS");
}

/**
 * zkSync's amount formatting (Rust `format_units`, zksync.js `TokenSet.formatToken`): the integer part, a dot
 * and the fraction without trailing zeros, keeping at least one digit: 10^6 @ 6 -> "1.0", 0 -> "0.0".
 */
export function formatUnits(amount: AmountLike, decimals: number): string {
  const digits = parseAmount(amount).toString().padStart(requireDecimals(decimals) + 1, "0");
  const integer = digits.slice(0, digits.length - decimals);
  const fraction = digits.slice(digits.length - decimals).replace(/0+$/, "");
  return `${integer}.${fraction === "" ? "0" : fraction}`;
}

const DECIMAL_TEXT = /^([0-9]+)(?:\.([0-9]+))?$/;

/**
 * Inverse of `formatUnits` (ethers `parseUnits` rules): "1.5" @ 6 -> 1500000n. Trailing fractional zeros
 * beyond `decimals` are allowed; other extra precision, signs and exponents throw `INVALID_AMOUNT`.
 */
export function parseUnits(text: string, decimals: number): bigint {
  requireDecimals(decimals);
  const match = typeof text === "string" ? DECIMAL_TEXT.exec(text) : null;
  if (match === null) {
    throw protocolError("INVALID_AMOUNT", `not a decimal amount: ${describeValue(text)}`);
  }
  const integer = match[1] ?? "0";
  const fraction = (match[2] ?? "").replace(/0+$/, "");
  if (fraction.length > decimals) {
    throw protocolError("INVALID_AMOUNT", `${describeValue(text)} has more than ${decimals} decimals`);
  }
  return parseAmount(integer + fraction.padEnd(decimals, "0"));
}

/** "1.0 DAI": the formatted amount followed by the token symbol. */
export function formatTokenAmount(amount: AmountLike, token: TokenDisplay): string {
  const symbol = requireSymbol(token);
  return `${formatUnits(amount, token.decimals)} ${symbol}`;
}

export function requireSymbol(token: TokenDisplay): string {
  if (typeof token !== "object" || token === null || typeof token.symbol !== "string") {
    throw protocolError("INVALID_MESSAGE_INPUT", `token must be {symbol, decimals}, got ${describeValue(token)}`);
  }
  return token.symbol;
}
