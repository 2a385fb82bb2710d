import { utf8ToBytes } from "@noble/hashes/utils.js";
import { describe, expect, it } from "vitest";
import { TestRandom } from "../../test/random.js";
import { bigIntToBytesLE, bytesToBigIntBE } from "./bytes.js";
import { CURVE_D, SUBGROUP_ORDER } from "./curve-params.js";
import { FR_MODULUS, frAdd, frInv, frMul, frNeg, frSub } from "./field.js";
import { GENERATOR, multiplyGenerator } from "./generator.js";
import { findGroupHash } from "./group-hash.js";
import { AltBabyJubjubPoint, type AffinePoint } from "./point.js";
import { compressPoint, decompressPoint } from "./point-encoding.js";

const random = new TestRandom();
const randomScalar = (): bigint => bytesToBigIntBE(random.bytes(40)) % SUBGROUP_ORDER;
const G = AltBabyJubjubPoint.fromAffine(GENERATOR);
/** (0, −1): the point of order 2. */
const ORDER_TWO = AltBabyJubjubPoint.fromAffine({ x: 0n, y: FR_MODULUS - 1n });

/** The affine addition law of PROTOCOL.md §2.2, written independently of the projective formulas. */
function affineAdd(p: AffinePoint, q: AffinePoint): AffinePoint {
  const t = frMul(CURVE_D, frMul(frMul(p.x, q.x), frMul(p.y, q.y)));
  return {
    x: frMul(frAdd(frMul(p.x, q.y), frMul(p.y, q.x)), frInv(frAdd(1n, t))),
    y: frMul(frAdd(frMul(p.y, q.y), frMul(p.x, q.x)), frInv(frSub(1n, t))),
  };
}

describe("the generator", () => {
  it("is the group hash of the empty message with personalization Zcash_G_ (franklin's SpendingKeyGenerator)", () => {
    const derived = findGroupHash(new Uint8Array(0), utf8ToBytes("Zcash_G_")).toAffine();
    expect(derived).toEqual(GENERATOR);
  });

  it("lies on the curve and has prime order l", () => {
    expect(AltBabyJubjubPoint.isOnCurve(GENERATOR)).toBe(true);
    expect(G.isIdentity()).toBe(false);
    expect(G.multiply(SUBGROUP_ORDER).isIdentity()).toBe(true);
    expect(multiplyGenerator(SUBGROUP_ORDER).isIdentity()).toBe(true);
  });
});

describe(`AltBabyJubjub arithmetic (seed ${random.seed})`, () => {
  it("adds like the affine formulas and stays on the curve", () => {
    for (let i = 0; i < 10; i++) {
      const p = multiplyGenerator(randomScalar());
      const q = multiplyGenerator(randomScalar());
      const sum = p.add(q).toAffine();
      expect(sum).toEqual(affineAdd(p.toAffine(), q.toAffine()));
      expect(AltBabyJubjubPoint.isOnCurve(sum)).toBe(true);
      expect(p.double().toAffine()).toEqual(affineAdd(p.toAffine(), p.toAffine()));
    }
  });

  it("has identity, inverses and a complete law (no exceptions at O, P = Q, P = −Q, torsion)", () => {
    const p = multiplyGenerator(randomScalar());
    expect(AltBabyJubjubPoint.IDENTITY.add(p).equals(p)).toBe(true);
    expect(p.add(p.negate()).isIdentity()).toBe(true);
    expect(p.add(p).equals(p.double())).toBe(true);
    expect(AltBabyJubjubPoint.IDENTITY.double().isIdentity()).toBe(true);
    expect(ORDER_TWO.double().isIdentity()).toBe(true);
    expect(ORDER_TWO.add(ORDER_TWO).isIdentity()).toBe(true);
    expect(p.add(ORDER_TWO).toAffine()).toEqual({ x: frNeg(p.toAffine().x), y: frNeg(p.toAffine().y) });
  });

  it("multiplies by scalars consistently: windowed, fixed-base and (a + b)G = aG + bG", () => {
    for (let i = 0; i < 5; i++) {
      const [a, b] = [randomScalar(), randomScalar()];
      expect(G.multiply(a).equals(multiplyGenerator(a))).toBe(true);
      expect(multiplyGenerator((a + b) % SUBGROUP_ORDER).equals(multiplyGenerator(a).add(multiplyGenerator(b)))).toBe(true);
      expect(multiplyGenerator(a).multiply(b).equals(multiplyGenerator((a * b) % SUBGROUP_ORDER))).toBe(true);
    }
    expect(G.multiply(0n).isIdentity()).toBe(true);
    expect(G.multiply(1n).equals(G)).toBe(true);
    expect(G.multiply(2n).equals(G.double())).toBe(true);
    expect(multiplyGenerator(0n).isIdentity()).toBe(true);
    expect(() => G.multiply(-1n)).toThrow(expect.objectContaining({ code: "INVALID_SCALAR" }));
    expect(() => multiplyGenerator(1n << 256n)).toThrow(expect.objectContaining({ code: "INVALID_SCALAR" }));
  });

  it("tells prime-order points from points with a torsion component", () => {
    const p = multiplyGenerator(randomScalar());
    expect(p.isInPrimeSubgroup()).toBe(true);
    expect(ORDER_TWO.isInPrimeSubgroup()).toBe(false);
    expect(p.add(ORDER_TWO).isInPrimeSubgroup()).toBe(false);
    expect(AltBabyJubjubPoint.IDENTITY.isInPrimeSubgroup()).toBe(true);
  });
});

describe(`point compression (seed ${random.seed})`, () => {
  it("round-trips points and puts the parity of x into bit 255", () => {
    for (let i = 0; i < 10; i++) {
      const p = multiplyGenerator(randomScalar());
      const encoded = compressPoint(p);
      const { x, y } = p.toAffine();
      expect(encoded).toEqual(bigIntToBytesLE(y + ((x & 1n) << 255n), 32));
      expect(decompressPoint(encoded)?.equals(p)).toBe(true);
    }
  });

  it("rejects wrong lengths, y >= p and y without a matching x", () => {
    expect(decompressPoint(new Uint8Array(31))).toBeUndefined();
    expect(decompressPoint(new Uint8Array(33))).toBeUndefined();
    expect(decompressPoint(bigIntToBytesLE(FR_MODULUS, 32))).toBeUndefined();
    expect(decompressPoint(new Uint8Array(32).fill(0xff))).toBeUndefined();
    let rejected = 0;
    for (let y = 2n; y < 40n; y++) if (decompressPoint(bigIntToBytesLE(y, 32)) === undefined) rejected++;
    expect(rejected).toBeGreaterThan(0);
  });

  it("accepts a set sign bit when x = 0, as franklin-crypto's Point::read does", () => {
    const identityWithSignBit = bigIntToBytesLE(1n | (1n << 255n), 32);
    expect(decompressPoint(identityWithSignBit)?.isIdentity()).toBe(true);
    expect(decompressPoint(bigIntToBytesLE(1n, 32))?.isIdentity()).toBe(true);
    expect(decompressPoint(bigIntToBytesLE(FR_MODULUS - 1n, 32))?.equals(ORDER_TWO)).toBe(true);
  });
});
