import fc from "fast-check";
import { formatUnits as ethersFormatUnits } from "ethers";
import { describe, expect, it } from "vitest";
import { MAX_AMOUNT } from "./constants.js";
import { formatTokenAmount, formatUnits, parseUnits } from "./units.js";
import { withVectors } from "./testing/vector-file.js";

describe("token amount formatting", () => {
  it(
    "matches utils.tokenFormatting vectors",
    withVectors((vectors) => {
      const items = vectors.utils.tokenFormatting.items;
      expect(items.length).toBeGreaterThan(0);
      for (const { inputs, outputs } of items) {
        expect(formatTokenAmount(inputs.amount, { symbol: inputs.token, decimals: inputs.decimals })).toBe(outputs.formatted);
      }
    }),
  );

  it("agrees with ethers' formatUnits plus zksync.js' \".0\" rule", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: MAX_AMOUNT }), fc.integer({ min: 0, max: 40 }), (amount, decimals) => {
        const ethers = ethersFormatUnits(amount, decimals);
        expect(formatUnits(amount, decimals)).toBe(ethers.includes(".") ? ethers : `${ethers}.0`);
      }),
    );
  });

  it("parses what it formats", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: MAX_AMOUNT }), fc.integer({ min: 0, max: 40 }), (amount, decimals) => {
        expect(parseUnits(formatUnits(amount, decimals), decimals)).toBe(amount);
      }),
    );
    expect(parseUnits("1.500", 2)).toBe(150n);
    expect(parseUnits("7", 3)).toBe(7000n);
  });

  it("rejects malformed text, excess precision and bad decimals", () => {
    for (const text of ["", ".5", "1.", "-1", "1e3", " 1", "0x10", "1.2.3"]) {
      expect(() => parseUnits(text, 6)).toThrow(expect.objectContaining({ code: "INVALID_AMOUNT" }));
    }
    expect(() => parseUnits("1.001", 2)).toThrow(expect.objectContaining({ code: "INVALID_AMOUNT" }));
    expect(() => formatUnits(1n, -1)).toThrow(expect.objectContaining({ code: "INVALID_DECIMALS" }));
    expect(() => formatUnits(1n, 1.5)).toThrow(expect.objectContaining({ code: "INVALID_DECIMALS" }));
  });
});
