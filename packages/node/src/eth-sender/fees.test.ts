import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bump, initialFees, replacementFees } from "./fees.js";

const GWEI = 10n ** 9n;

describe("fees", () => {
  it("offers twice the base fee plus the tip", () => {
    expect(initialFees(10n * GWEI, 2n * GWEI)).toEqual({ maxFeePerGas: 22n * GWEI, maxPriorityFeePerGas: 2n * GWEI });
  });

  it("bumps a stuck transaction by at least 12.5 % on both fields, rounding up", () => {
    expect(bump(8n)).toBe(9n);
    expect(bump(9n)).toBe(11n);
    expect(bump(0n)).toBe(1n);
    expect(replacementFees({ maxFeePerGas: 100n * GWEI, maxPriorityFeePerGas: 2n * GWEI }, initialFees(GWEI, GWEI))).toEqual({
      maxFeePerGas: 112_500_000_000n,
      maxPriorityFeePerGas: 2_250_000_000n,
    });
  });

  it("follows the network when it asks for more than the bump", () => {
    const stuck = { maxFeePerGas: 3n * GWEI, maxPriorityFeePerGas: GWEI };
    expect(replacementFees(stuck, initialFees(50n * GWEI, 3n * GWEI))).toEqual({ maxFeePerGas: 103n * GWEI, maxPriorityFeePerGas: 3n * GWEI });
  });

  it("never goes below the stuck transaction (zkSync's capped replacement bug), for any prices", () => {
    const fee = fc.bigInt({ min: 0n, max: 10n ** 13n });
    fc.assert(
      fc.property(fee, fee, fee, fee, (stuckFee, stuckTip, baseFee, tip) => {
        const stuck = { maxFeePerGas: stuckFee + stuckTip, maxPriorityFeePerGas: stuckTip };
        const next = replacementFees(stuck, initialFees(baseFee, tip));
        expect(next.maxFeePerGas * 1000n).toBeGreaterThanOrEqual(stuck.maxFeePerGas * 1125n);
        expect(next.maxPriorityFeePerGas * 1000n).toBeGreaterThanOrEqual(stuck.maxPriorityFeePerGas * 1125n);
        expect(next.maxFeePerGas).toBeGreaterThanOrEqual(next.maxPriorityFeePerGas);
        expect(next.maxFeePerGas).toBeGreaterThanOrEqual(2n * baseFee + tip);
      }),
    );
  });
});
