import { bytesToHex, concatBytes as concatChecked, hexToBytes } from "@noble/hashes/utils.js";
import { describeValue, protocolError, type ProtocolErrorCode } from "./errors.js";

/** Lowercase `0x`-prefixed hex of `bytes`. */
export function toHex(bytes: Uint8Array): string {
  return `0x${bytesToHex(requireBytes(bytes, "bytes", "INVALID_HEX"))}`;
}

/** Concatenation of byte arrays (throws `INVALID_HEX` if a part is not a `Uint8Array`). */
export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  parts.forEach((part, i) => requireBytes(part, `part ${i}`, "INVALID_HEX"));
  return concatChecked(...parts);
}

export interface HexOptions {
  /** Required byte length; any length when omitted. */
  length?: number;
  /** `"0x"`: prefix required (default); `"none"`: forbidden; `"optional"`: either. */
  prefix?: "0x" | "none" | "optional";
  /** Names the value in error messages. */
  what?: string;
  code?: ProtocolErrorCode;
}

const HEX_DIGITS = /^[0-9a-fA-F]*$/;

/** Parses hex text (any letter case) into bytes, or throws `INVALID_HEX` (or `options.code`). */
export function parseHex(value: unknown, options: HexOptions = {}): Uint8Array {
  const { length, prefix = "0x", what = "hex value", code = "INVALID_HEX" } = options;
  if (typeof value !== "string") {
    throw protocolError(code, `${what} must be a hex string, got ${describeValue(value)}`);
  }
  const hasPrefix = value.startsWith("0x") || value.startsWith("0X");
  if (prefix === "0x" && !hasPrefix) throw protocolError(code, `${what} must start with 0x, got ${describeValue(value)}`);
  if (prefix === "none" && hasPrefix) throw protocolError(code, `${what} must not start with 0x, got ${describeValue(value)}`);
  const digits = hasPrefix ? value.slice(2) : value;
  if (digits.length % 2 !== 0 || !HEX_DIGITS.test(digits)) {
    throw protocolError(code, `${what} is not valid hex: ${describeValue(value)}`);
  }
  if (length !== undefined && digits.length !== length * 2) {
    throw protocolError(code, `${what} must be ${length} bytes, got ${digits.length / 2}`);
  }
  return hexToBytes(digits);
}

/** Bytes of `0x`-prefixed hex (any letter case), of exactly `length` bytes when given; else `INVALID_HEX`. */
export function fromHex(value: string, length?: number): Uint8Array {
  if (length !== undefined && (typeof length !== "number" || !Number.isSafeInteger(length) || length < 0)) {
    throw protocolError("INVALID_HEX", `length must be a non-negative integer, got ${describeValue(length)}`);
  }
  return parseHex(value, length === undefined ? {} : { length });
}

/** Throws unless `value` is a `Uint8Array` (of `length` bytes when given). */
export function requireBytes(value: unknown, what: string, code: ProtocolErrorCode, length?: number): Uint8Array {
  if (!(value instanceof Uint8Array)) {
    throw protocolError(code, `${what} must be a Uint8Array, got ${describeValue(value)}`);
  }
  if (length !== undefined && value.length !== length) {
    throw protocolError(code, `${what} must be ${length} bytes, got ${value.length}`);
  }
  return value;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  requireBytes(a, "bytes", "INVALID_HEX");
  requireBytes(b, "bytes", "INVALID_HEX");
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}
