import fc from "fast-check";
import { expect, it } from "vitest";
import { utils } from "@zklite/sdk";
import { anyAmount, decimals, packableAmount, packableFee, tokenSymbol } from "../arbitraries.js";
import { ethersV5, zksync, zksyncTokenSet } from "../oracle.js";

function orFalse(predicate: () => boolean): boolean {
  try {
    return predicate();
  } catch {
    return false;
  }
}

/** Both throw (zkLite with a typed error) or both return the same decimal text. */
function expectSameResult(ours: () => unknown, theirs: () => unknown): void {
  let expected: string;
  try {
    expected = String(theirs());
  } catch {
    expect(ours).toThrow(expect.objectContaining({ name: "ZkLiteError" }));
    return;
  }
  expect(String(ours())).toBe(expected);
}

const RUNS = 5_000;

it(`amount and fee packing: identical to zksync.js on ${RUNS} random amounts`, () => {
  fc.assert(
    fc.property(fc.oneof(anyAmount, packableAmount, packableFee), (amount) => {
      // zksync.js throws "Integer is too big" where zkLite's predicates answer false.
      expect(utils.isTransactionAmountPackable(amount)).toBe(orFalse(() => zksync.utils.isTransactionAmountPackable(amount)));
      expect(utils.isTransactionFeePackable(amount)).toBe(orFalse(() => zksync.utils.isTransactionFeePackable(amount)));
      expectSameResult(() => utils.closestPackableTransactionAmount(amount), () => zksync.utils.closestPackableTransactionAmount(amount));
      expectSameResult(() => utils.closestPackableTransactionFee(amount), () => zksync.utils.closestPackableTransactionFee(amount));
      expectSameResult(
        () => utils.closestGreaterOrEqPackableTransactionAmount(amount),
        () => zksync.utils.closestGreaterOrEqPackableTransactionAmount(amount),
      );
      expectSameResult(
        () => utils.closestGreaterOrEqPackableTransactionFee(amount),
        () => zksync.utils.closestGreaterOrEqPackableTransactionFee(amount),
      );
      expectSameResult(
        () => Buffer.from(utils.packAmountChecked(amount)).toString("hex"),
        () => Buffer.from(zksync.utils.packAmountChecked(ethersV5.BigNumber.from(amount))).toString("hex"),
      );
      expectSameResult(
        () => Buffer.from(utils.packFeeChecked(amount)).toString("hex"),
        () => Buffer.from(zksync.utils.packFeeChecked(ethersV5.BigNumber.from(amount))).toString("hex"),
      );
    }),
    { numRuns: RUNS },
  );
});

it(`token amount formatting: identical to zksync.js on ${RUNS} random amounts`, () => {
  fc.assert(
    fc.property(anyAmount, tokenSymbol, decimals, (amount, symbol, tokenDecimals) => {
      expect(utils.formatUnits(amount, tokenDecimals)).toBe(zksyncTokenSet(symbol, tokenDecimals).formatToken(symbol, amount));
    }),
    { numRuns: RUNS },
  );
});
