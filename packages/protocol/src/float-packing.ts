import { parseAmount, parseUint, type AmountLike } from "./amount.js";
import { requireBytes } from "./bytes.js";
import {
  MAX_AMOUNT,
  AMOUNT_EXPONENT_BIT_WIDTH,
  AMOUNT_MANTISSA_BIT_WIDTH,
  FEE_EXPONENT_BIT_WIDTH,
  FEE_MANTISSA_BIT_WIDTH,
} from "./constants.js";
import { protocolError, type ProtocolErrorCode } from "./errors.js";
import { decodeUintBE, encodeUintBE } from "./integers.js";

/**
 * zkSync's decimal floats (§1.2): value = mantissa * 10^exponent, stored as the big-endian integer
 * `(mantissa << exponentBits) | exponent`.
 */
interface FloatFormat {
  readonly what: "amount" | "fee";
  readonly exponentBits: number;
  readonly byteLength: number;
  readonly maxMantissa: bigint;
  readonly maxExponent: number;
  readonly maxValue: bigint;
  readonly notPackable: ProtocolErrorCode;
}

function floatFormat(
  what: FloatFormat["what"],
  exponentBits: number,
  mantissaBits: number,
  notPackable: ProtocolErrorCode,
): FloatFormat {
  const maxMantissa = (1n << BigInt(mantissaBits)) - 1n;
  const maxExponent = 2 ** exponentBits - 1;
  return {
    what,
    exponentBits,
    byteLength: (exponentBits + mantissaBits) / 8,
    maxMantissa,
    maxExponent,
    maxValue: maxMantissa * 10n ** BigInt(maxExponent),
    notPackable,
  };
}

const AMOUNT_FORMAT = floatFormat("amount", AMOUNT_EXPONENT_BIT_WIDTH, AMOUNT_MANTISSA_BIT_WIDTH, "AMOUNT_NOT_PACKABLE");
const FEE_FORMAT = floatFormat("fee", FEE_EXPONENT_BIT_WIDTH, FEE_MANTISSA_BIT_WIDTH, "FEE_NOT_PACKABLE");

/** Largest value each format can represent. */
export const MAX_PACKABLE_AMOUNT = AMOUNT_FORMAT.maxValue;
export const MAX_PACKABLE_FEE = FEE_FORMAT.maxValue;

interface DecimalFloat {
  mantissa: bigint;
  exponent: number;
}

/** Smallest exponent whose range covers `value`, as in zksync.js `integerToFloat`. */
function minimalExponent(value: bigint, format: FloatFormat): number {
  if (value > format.maxValue) {
    throw protocolError(format.notPackable, `${format.what} ${value} exceeds the largest packable ${format.what}`);
  }
  let exponent = 0;
  let scale = 1n;
  while (value > format.maxMantissa * scale) {
    exponent += 1;
    scale *= 10n;
  }
  return exponent;
}

/** Closest representable value not above `value`. */
function roundDown(value: bigint, format: FloatFormat): DecimalFloat {
  const exponent = minimalExponent(value, format);
  const scale = 10n ** BigInt(exponent);
  const mantissa = value / scale;
  if (exponent > 0) {
    // One step finer with the largest mantissa may be closer (e.g. 34359738368 -> 34359738367).
    const finer = format.maxMantissa * (scale / 10n);
    if (value - finer < value - mantissa * scale) return { mantissa: format.maxMantissa, exponent: exponent - 1 };
  }
  return { mantissa, exponent };
}

/** Closest representable value not below `value`. */
function roundUp(value: bigint, format: FloatFormat): DecimalFloat {
  const exponent = minimalExponent(value, format);
  const scale = 10n ** BigInt(exponent);
  return { mantissa: (value + scale - 1n) / scale, exponent };
}

const floatValue = ({ mantissa, exponent }: DecimalFloat): bigint => mantissa * 10n ** BigInt(exponent);

function encodeFloat({ mantissa, exponent }: DecimalFloat, format: FloatFormat): Uint8Array {
  return encodeUintBE((mantissa << BigInt(format.exponentBits)) | BigInt(exponent), format.byteLength);
}

function decodeFloat(bytes: Uint8Array, format: FloatFormat): bigint {
  requireBytes(bytes, `packed ${format.what}`, "INVALID_AMOUNT", format.byteLength);
  const packed = decodeUintBE(bytes, 0, format.byteLength);
  const exponent = Number(packed & BigInt(format.maxExponent));
  return floatValue({ mantissa: packed >> BigInt(format.exponentBits), exponent });
}

function packExact(value: AmountLike, format: FloatFormat): Uint8Array {
  const amount = parseUint(value, format.what, MAX_AMOUNT);
  const float = roundDown(amount, format);
  if (floatValue(float) !== amount) {
    throw protocolError(format.notPackable, `${format.what} ${amount} is not packable (closest: ${floatValue(float)})`);
  }
  return encodeFloat(float, format);
}

function isPackable(value: AmountLike, format: FloatFormat): boolean {
  const amount = parseUint(value, format.what, MAX_AMOUNT);
  return amount <= format.maxValue && floatValue(roundDown(amount, format)) === amount;
}

/** 5-byte packed amount; throws `AMOUNT_NOT_PACKABLE` unless the amount is exactly representable. */
export function packAmount(amount: AmountLike): Uint8Array {
  return packExact(amount, AMOUNT_FORMAT);
}

/** 2-byte packed fee; throws `FEE_NOT_PACKABLE` unless the fee is exactly representable. */
export function packFee(fee: AmountLike): Uint8Array {
  return packExact(fee, FEE_FORMAT);
}

/** Value of a 5-byte packed amount (any bit pattern; may exceed u128 for the largest exponents). */
export function unpackAmount(packed: Uint8Array): bigint {
  return decodeFloat(packed, AMOUNT_FORMAT);
}

/** Value of a 2-byte packed fee. */
export function unpackFee(packed: Uint8Array): bigint {
  return decodeFloat(packed, FEE_FORMAT);
}

/** zksync.js: the closest packable amount not above `amount` (e.g. 1000000003 -> 1000000000). */
export function closestPackableTransactionAmount(amount: AmountLike): bigint {
  return floatValue(roundDown(parseAmount(amount), AMOUNT_FORMAT));
}

/** zksync.js: the smallest packable amount not below `amount`. */
export function closestGreaterOrEqPackableTransactionAmount(amount: AmountLike): bigint {
  return floatValue(roundUp(parseAmount(amount), AMOUNT_FORMAT));
}

export function isTransactionAmountPackable(amount: AmountLike): boolean {
  return isPackable(amount, AMOUNT_FORMAT);
}

/** zksync.js: the closest packable fee not above `fee`; throws `FEE_NOT_PACKABLE` above `MAX_PACKABLE_FEE`. */
export function closestPackableTransactionFee(fee: AmountLike): bigint {
  return floatValue(roundDown(parseUint(fee, "fee", MAX_AMOUNT), FEE_FORMAT));
}

/** zksync.js: the smallest packable fee not below `fee`; throws `FEE_NOT_PACKABLE` above `MAX_PACKABLE_FEE`. */
export function closestGreaterOrEqPackableTransactionFee(fee: AmountLike): bigint {
  return floatValue(roundUp(parseUint(fee, "fee", MAX_AMOUNT), FEE_FORMAT));
}

export function isTransactionFeePackable(fee: AmountLike): boolean {
  return isPackable(fee, FEE_FORMAT);
}
