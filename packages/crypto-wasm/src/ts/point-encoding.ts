/**
 * franklin-crypto's 32-byte point encoding: y as a 256-bit little-endian integer with bit 255 set to
 * the parity of x. Decoding follows `edwards::Point::read` exactly, including its acceptance of a set
 * sign bit when x = 0 (the encodings of (0, ±1) with bit 255 set), so both implementations accept the
 * same byte strings.
 */
import { bigIntToBytesLE, bytesToBigIntLE } from "./bytes.js";
import { CURVE_D } from "./curve-params.js";
import { FR_MODULUS, frAdd, frInv, frMul, frNeg, frSqrt, frSquare, frSub } from "./field.js";
import { AltBabyJubjubPoint } from "./point.js";

export const ENCODED_POINT_BYTES = 32;

const SIGN_BIT = 1n << 255n;

export function compressPoint(point: AltBabyJubjubPoint): Uint8Array {
  const { x, y } = point.toAffine();
  return bigIntToBytesLE((x & 1n) === 1n ? y | SIGN_BIT : y, ENCODED_POINT_BYTES);
}

/** The curve point encoded by `bytes` (32 bytes), or undefined if they encode none. */
export function decompressPoint(bytes: Uint8Array): AltBabyJubjubPoint | undefined {
  if (bytes.length !== ENCODED_POINT_BYTES) return undefined;
  const encoded = bytesToBigIntLE(bytes);
  const xIsOdd = encoded >= SIGN_BIT;
  const y = encoded & (SIGN_BIT - 1n);
  if (y >= FR_MODULUS) return undefined;
  // x² = (y² − 1) / (d·y² + 1); the denominator never vanishes because d is not a square.
  const yy = frSquare(y);
  const denominator = frAdd(frMul(CURVE_D, yy), 1n);
  if (denominator === 0n) return undefined;
  let x = frSqrt(frMul(frSub(yy, 1n), frInv(denominator)));
  if (x === undefined) return undefined;
  if (((x & 1n) === 1n) !== xIsOdd) x = frNeg(x);
  return AltBabyJubjubPoint.fromAffine({ x, y });
}
