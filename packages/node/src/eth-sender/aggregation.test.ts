import { describe, expect, it } from "vitest";
import { chooseAggregate, type WaitingBlock } from "./aggregation.js";

const NOW = 1_000_000;
const limits = { maxBlocks: 3, maxTxGas: 1_000n, deadlineMs: 5_000, baseGas: 100n };
const blocks = (count: number, ageMs: number, gas = 100n, first = 1): WaitingBlock[] =>
  Array.from({ length: count }, (_, i) => ({ number: first + i, readyAt: new Date(NOW - ageMs), gas }));

describe("chooseAggregate", () => {
  it("waits for more blocks until the deadline of the oldest", () => {
    expect(chooseAggregate([], limits, NOW)).toBeUndefined();
    expect(chooseAggregate(blocks(2, 4_999), limits, NOW)).toBeUndefined();
    expect(chooseAggregate(blocks(2, 5_000), limits, NOW)).toEqual({ fromBlock: 1, toBlock: 2, reason: "deadline", estimatedGas: 300n });
  });

  it("sends a full aggregate at once, and no more than maxBlocks", () => {
    expect(chooseAggregate(blocks(3, 0, 100n, 7), limits, NOW)).toEqual({ fromBlock: 7, toBlock: 9, reason: "full", estimatedGas: 400n });
    expect(chooseAggregate(blocks(5, 0), limits, NOW)).toMatchObject({ fromBlock: 1, toBlock: 3, reason: "full" });
  });

  it("stops at the gas budget; a single block always goes", () => {
    expect(chooseAggregate(blocks(3, 0, 400n), limits, NOW)).toEqual({ fromBlock: 1, toBlock: 2, reason: "gas", estimatedGas: 900n });
    expect(chooseAggregate(blocks(2, 0, 2_000n), limits, NOW)).toMatchObject({ fromBlock: 1, toBlock: 1, reason: "gas" });
    expect(chooseAggregate(blocks(1, 0, 2_000n), limits, NOW)).toBeUndefined();
    expect(chooseAggregate(blocks(1, 6_000, 2_000n), limits, NOW)).toMatchObject({ fromBlock: 1, toBlock: 1, reason: "deadline" });
  });

  it("refuses a gap", () => {
    const gap = [...blocks(1, 0), ...blocks(1, 0, 100n, 3)];
    expect(() => chooseAggregate(gap, limits, NOW)).toThrow(/contiguous/);
  });
});
