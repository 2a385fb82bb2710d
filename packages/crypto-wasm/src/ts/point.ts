/**
 * Points of AltBabyJubjub in extended twisted Edwards coordinates (X : Y : Z : T) with x = X/Z,
 * y = Y/Z, x·y = T/Z (Hisil–Wong–Carter–Dawson 2008). The curve has a = −1 and a non-square d, so
 * the addition law is complete: no special cases for the identity, doubling or inverses.
 */
import { cryptoError } from "../crypto-error.js";
import { CURVE_D, SUBGROUP_ORDER } from "./curve-params.js";
import { FR_MODULUS, frAdd, frInv, frMul, frNeg, frSquare, frSub } from "./field.js";

const TWO_D = (2n * CURVE_D) % FR_MODULUS;

export interface AffinePoint {
  readonly x: bigint;
  readonly y: bigint;
}

export class AltBabyJubjubPoint {
  static readonly IDENTITY = new AltBabyJubjubPoint(0n, 1n, 1n, 0n);

  private constructor(
    readonly X: bigint,
    readonly Y: bigint,
    readonly Z: bigint,
    readonly T: bigint,
  ) {}

  /** Wraps affine coordinates (elements of Fr) that the caller knows to be on the curve. */
  static fromAffine({ x, y }: AffinePoint): AltBabyJubjubPoint {
    return new AltBabyJubjubPoint(x, y, 1n, frMul(x, y));
  }

  static isOnCurve({ x, y }: AffinePoint): boolean {
    const xx = frSquare(x);
    const yy = frSquare(y);
    return frSub(yy, xx) === frAdd(1n, frMul(CURVE_D, frMul(xx, yy)));
  }

  toAffine(): AffinePoint {
    if (this.Z === 1n) return { x: this.X, y: this.Y };
    const zInverse = frInv(this.Z);
    return { x: frMul(this.X, zInverse), y: frMul(this.Y, zInverse) };
  }

  /** add-2008-hwcd-3 (a = −1): 8 multiplications plus one by 2d. */
  add(other: AltBabyJubjubPoint): AltBabyJubjubPoint {
    const a = frMul(frSub(this.Y, this.X), frSub(other.Y, other.X));
    const b = frMul(frAdd(this.Y, this.X), frAdd(other.Y, other.X));
    const c = frMul(frMul(this.T, TWO_D), other.T);
    const d = frMul(2n * this.Z, other.Z);
    const e = frSub(b, a);
    const f = frSub(d, c);
    const g = frAdd(d, c);
    const h = frAdd(b, a);
    return new AltBabyJubjubPoint(frMul(e, f), frMul(g, h), frMul(f, g), frMul(e, h));
  }

  /** dbl-2008-hwcd (a = −1): 4 multiplications and 4 squarings. */
  double(): AltBabyJubjubPoint {
    const a = frSquare(this.X);
    const b = frSquare(this.Y);
    const c = frMul(2n, frSquare(this.Z));
    const d = frNeg(a);
    const e = frSub(frSub(frSquare(frAdd(this.X, this.Y)), a), b);
    const g = frAdd(d, b);
    const f = frSub(g, c);
    const h = frSub(d, b);
    return new AltBabyJubjubPoint(frMul(e, f), frMul(g, h), frMul(f, g), frMul(e, h));
  }

  negate(): AltBabyJubjubPoint {
    return new AltBabyJubjubPoint(frNeg(this.X), this.Y, this.Z, frNeg(this.T));
  }

  /** scalar · this for any scalar >= 0, with 4-bit fixed windows. */
  multiply(scalar: bigint): AltBabyJubjubPoint {
    if (scalar < 0n) throw cryptoError("INVALID_SCALAR", "scalar must be non-negative");
    if (scalar === 0n) return AltBabyJubjubPoint.IDENTITY;
    const multiples: AltBabyJubjubPoint[] = [AltBabyJubjubPoint.IDENTITY, this];
    for (let i = 2; i < 16; i++) multiples.push((multiples[i - 1] as AltBabyJubjubPoint).add(this));
    const nibbles: number[] = [];
    for (let rest = scalar; rest > 0n; rest >>= 4n) nibbles.push(Number(rest & 0xfn));
    let result = multiples[nibbles[nibbles.length - 1] as number] as AltBabyJubjubPoint;
    for (let i = nibbles.length - 2; i >= 0; i--) {
      result = result.double().double().double().double();
      const nibble = nibbles[i] as number;
      if (nibble !== 0) result = result.add(multiples[nibble] as AltBabyJubjubPoint);
    }
    return result;
  }

  equals(other: AltBabyJubjubPoint): boolean {
    return (
      frMul(this.X, other.Z) === frMul(other.X, this.Z) && frMul(this.Y, other.Z) === frMul(other.Y, this.Z)
    );
  }

  isIdentity(): boolean {
    return this.X === 0n && this.Y === this.Z;
  }

  /** l · P = O, i.e. P lies in the prime-order subgroup. */
  isInPrimeSubgroup(): boolean {
    return this.multiply(SUBGROUP_ORDER).isIdentity();
  }
}
