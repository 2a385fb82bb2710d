import { requireBytes } from "./bytes.js";
import { describeValue, protocolError, type ProtocolErrorCode } from "./errors.js";

/** Returns `value` if it is an integer number in `[min, max]`, else throws `code`. */
export function requireInteger(value: unknown, min: number, max: number, what: string, code: ProtocolErrorCode): number {
  if (typeof value !== "number" || !Number.isInteger(value)) {
    throw protocolError(code, `${what} must be an integer number, got ${describeValue(value)}`);
  }
  if (value < min || value > max) {
    throw protocolError(code, `${what} must be in [${min}, ${max}], got ${value}`);
  }
  return value;
}

/**
 * Big-endian encoding of an unsigned integer (safe-integer number or bigint) in exactly `byteLength`
 * bytes; throws `VALUE_OUT_OF_RANGE` if it does not fit.
 */
export function encodeUintBE(value: number | bigint, byteLength: number): Uint8Array {
  return encodeUint(value, byteLength, "value", "VALUE_OUT_OF_RANGE");
}

/** `encodeUintBE` with a label and error code of the caller's choice. */
export function encodeUint(value: number | bigint, byteLength: number, what: string, code: ProtocolErrorCode): Uint8Array {
  requireInteger(byteLength, 0, 64, "byteLength", "VALUE_OUT_OF_RANGE");
  let n: bigint;
  if (typeof value === "bigint") n = value;
  else if (typeof value === "number" && Number.isSafeInteger(value)) n = BigInt(value);
  else throw protocolError(code, `${what} must be an integer, got ${describeValue(value)}`);
  if (n < 0n || n >> BigInt(8 * byteLength) !== 0n) {
    throw protocolError(code, `${what} does not fit in ${byteLength} unsigned bytes: ${n}`);
  }
  const out = new Uint8Array(byteLength);
  for (let i = byteLength - 1; i >= 0; i--) {
    out[i] = Number(n & 0xffn);
    n >>= 8n;
  }
  return out;
}

/** Reads `byteLength` big-endian bytes at `offset`; throws `VALUE_OUT_OF_RANGE` when out of bounds. */
export function decodeUintBE(bytes: Uint8Array, offset: number, byteLength: number): bigint {
  requireBytes(bytes, "bytes", "VALUE_OUT_OF_RANGE");
  requireInteger(byteLength, 0, 64, "byteLength", "VALUE_OUT_OF_RANGE");
  requireInteger(offset, 0, bytes.length - byteLength, "offset", "VALUE_OUT_OF_RANGE");
  let n = 0n;
  for (let i = 0; i < byteLength; i++) n = (n << 8n) | BigInt(bytes[offset + i] ?? 0);
  return n;
}
