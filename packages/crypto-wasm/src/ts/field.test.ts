import { describe, expect, it } from "vitest";
import { TestRandom } from "../../test/random.js";
import { bytesToBigIntBE } from "./bytes.js";
import { FR_MODULUS, frAdd, frFixedPower, frInv, frMul, frNeg, frPow, frSqrt, frSub, isFrElement, modularInverse } from "./field.js";

const random = new TestRandom();
const randomElement = (): bigint => bytesToBigIntBE(random.bytes(40)) % FR_MODULUS;
const randomElements = (count: number): bigint[] => Array.from({ length: count }, randomElement);

/** Plain right-to-left square-and-multiply, the textbook definition frPow must agree with. */
function naivePow(base: bigint, exponent: bigint): bigint {
  let result = 1n;
  let power = base % FR_MODULUS;
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * power) % FR_MODULUS;
    power = (power * power) % FR_MODULUS;
  }
  return result;
}

describe(`Fr arithmetic (seed ${random.seed})`, () => {
  it("adds, subtracts and negates with wrap-around", () => {
    expect(frAdd(FR_MODULUS - 1n, 1n)).toBe(0n);
    expect(frAdd(FR_MODULUS - 1n, 5n)).toBe(4n);
    expect(frSub(0n, 1n)).toBe(FR_MODULUS - 1n);
    expect(frNeg(0n)).toBe(0n);
    expect(frNeg(1n)).toBe(FR_MODULUS - 1n);
    for (const a of randomElements(50)) {
      const b = randomElement();
      expect(frSub(frAdd(a, b), b)).toBe(a);
      expect(frAdd(a, frNeg(a))).toBe(0n);
      expect(isFrElement(frAdd(a, b))).toBe(true);
    }
  });

  it("exponentiates like square-and-multiply, including Fermat's little theorem", () => {
    for (const a of randomElements(20)) {
      const exponent = bytesToBigIntBE(random.bytes(32));
      expect(frPow(a, exponent)).toBe(naivePow(a, exponent));
      if (a !== 0n) expect(frPow(a, FR_MODULUS - 1n)).toBe(1n);
    }
    expect(frPow(7n, 0n)).toBe(1n);
    for (const exponent of [1n, 2n, 5n, 0b100000n, 0b1000001n, 0xffffn, FR_MODULUS - 2n, bytesToBigIntBE(random.bytes(32))]) {
      const power = frFixedPower(exponent);
      for (const a of randomElements(3)) expect(power(a), `exponent ${exponent}`).toBe(naivePow(a, exponent));
      expect(power(0n)).toBe(0n);
    }
    expect(() => frFixedPower(0n)).toThrow(expect.objectContaining({ code: "INVALID_SCALAR" }));
    expect(frPow(0n, 5n)).toBe(0n);
  });

  it("inverts every non-zero element and refuses zero with a ZkLiteError", () => {
    for (const a of randomElements(50)) if (a !== 0n) expect(frMul(a, frInv(a))).toBe(1n);
    expect(frInv(1n)).toBe(1n);
    expect(() => frInv(0n)).toThrow(expect.objectContaining({ code: "CRYPTO_INTERNAL_ERROR" }));
    expect(modularInverse(3n, 7n)).toBe(5n);
  });

  it("finds square roots of squares and none for non-residues", () => {
    let nonResidues = 0;
    for (const a of randomElements(40)) {
      const square = frMul(a, a);
      const root = frSqrt(square);
      expect(root === a || root === frNeg(a)).toBe(true);
      const isResidue = naivePow(a, (FR_MODULUS - 1n) / 2n) !== FR_MODULUS - 1n;
      if (!isResidue) nonResidues++;
      const rootOfA = frSqrt(a);
      if (isResidue) expect(frMul(rootOfA as bigint, rootOfA as bigint)).toBe(a);
      else expect(rootOfA).toBeUndefined();
    }
    expect(nonResidues).toBeGreaterThan(0);
    expect(frSqrt(0n)).toBe(0n);
  });
});
