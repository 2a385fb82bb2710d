import fc from "fast-check";
import { hexlify } from "ethers";
import { describe, expect, it } from "vitest";
import { MAX_AMOUNT } from "./constants.js";
import {
  closestGreaterOrEqPackableTransactionAmount,
  closestGreaterOrEqPackableTransactionFee,
  closestPackableTransactionAmount,
  closestPackableTransactionFee,
  isTransactionAmountPackable,
  isTransactionFeePackable,
  MAX_PACKABLE_FEE,
  packAmount,
  packFee,
  unpackAmount,
  unpackFee,
} from "./float-packing.js";
import { AMOUNT_SPEC, bruteForcePack, FEE_SPEC } from "./testing/oracles.js";
import { withVectors } from "./testing/vector-file.js";

/** Values near powers of ten and near mantissa limits hit the rounding corner cases. */
const interestingValue = fc.oneof(
  fc.bigInt({ min: 0n, max: MAX_AMOUNT }),
  fc.bigInt({ min: 0n, max: 10n ** 15n }),
  fc
    .tuple(fc.bigInt({ min: 1n, max: 2n ** 35n }), fc.integer({ min: 0, max: 28 }), fc.bigInt({ min: -3n, max: 3n }))
    .map(([m, e, delta]) => m * 10n ** BigInt(e) + delta)
    .filter((v) => v >= 0n && v <= MAX_AMOUNT),
);

describe("amount and fee packing", () => {
  it(
    "matches utils.amountPacking and utils.feePacking vectors",
    withVectors((vectors) => {
      const cases = [
        [vectors.utils.amountPacking.items, packAmount, closestPackableTransactionAmount, isTransactionAmountPackable],
        [vectors.utils.feePacking.items, packFee, closestPackableTransactionFee, isTransactionFeePackable],
      ] as const;
      for (const [items, pack, closest, isPackable] of cases) {
        expect(items.length).toBeGreaterThan(0);
        for (const { inputs, outputs } of items) {
          expect(isPackable(inputs.value)).toBe(outputs.packable);
          expect(closest(inputs.value).toString()).toBe(outputs.closestPackable);
          // For unpackable values the vector's packedValue is the packing of the closest value.
          expect(hexlify(pack(outputs.closestPackable))).toBe(outputs.packedValue);
          if (!outputs.packable) expect(() => pack(inputs.value)).toThrow(expect.objectContaining({ code: expect.stringMatching(/_NOT_PACKABLE$/) }));
        }
      }
    }),
  );

  it("rounds down like a brute-force search of all exponents", () => {
    fc.assert(
      fc.property(interestingValue, (value) => {
        const amount = bruteForcePack(value, AMOUNT_SPEC, "down");
        expect(closestPackableTransactionAmount(value)).toBe(amount?.value);
        expect(hexlify(packAmount(amount?.value ?? 0n))).toBe(amount?.bytes);
        expect(isTransactionAmountPackable(value)).toBe(amount?.value === value);
        if (value <= MAX_PACKABLE_FEE) {
          const fee = bruteForcePack(value, FEE_SPEC, "down");
          expect(closestPackableTransactionFee(value)).toBe(fee?.value);
          expect(hexlify(packFee(fee?.value ?? 0n))).toBe(fee?.bytes);
          expect(isTransactionFeePackable(value)).toBe(fee?.value === value);
        }
      }),
      { numRuns: 400 },
    );
  });

  it("rounds up like a brute-force search of all exponents", () => {
    fc.assert(
      fc.property(interestingValue, (value) => {
        expect(closestGreaterOrEqPackableTransactionAmount(value)).toBe(bruteForcePack(value, AMOUNT_SPEC, "up")?.value);
        if (value <= MAX_PACKABLE_FEE) {
          expect(closestGreaterOrEqPackableTransactionFee(value)).toBe(bruteForcePack(value, FEE_SPEC, "up")?.value);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("unpacks what it packs and accepts decimal strings", () => {
    fc.assert(
      fc.property(interestingValue, (value) => {
        const amount = closestPackableTransactionAmount(value.toString());
        expect(unpackAmount(packAmount(amount))).toBe(amount);
        if (value <= MAX_PACKABLE_FEE) {
          const fee = closestPackableTransactionFee(value);
          expect(unpackFee(packFee(fee.toString()))).toBe(fee);
        }
      }),
    );
  });

  it("uses the documented wire layout (mantissa bits, then exponent bits)", () => {
    expect(hexlify(packAmount(1000n))).toBe("0x0000007d00");
    expect(hexlify(packFee(10n ** 13n))).toBe("0x7d0a");
    expect(unpackFee(Uint8Array.of(0xff, 0xff))).toBe(2047n * 10n ** 31n);
  });

  it("rejects fees above the largest packable fee and non-amounts", () => {
    expect(isTransactionFeePackable(MAX_PACKABLE_FEE + 1n)).toBe(false);
    expect(() => closestPackableTransactionFee(MAX_PACKABLE_FEE + 1n)).toThrow(expect.objectContaining({ code: "FEE_NOT_PACKABLE" }));
    expect(() => packAmount(MAX_AMOUNT + 1n)).toThrow(expect.objectContaining({ code: "INVALID_AMOUNT" }));
    expect(() => packAmount("1e3")).toThrow(expect.objectContaining({ code: "INVALID_AMOUNT" }));
    expect(() => packAmount(-1n)).toThrow(expect.objectContaining({ code: "INVALID_AMOUNT" }));
    expect(() => unpackAmount(new Uint8Array(4))).toThrow(expect.objectContaining({ code: "INVALID_AMOUNT" }));
  });
});
