import { describe, expect, it } from "vitest";
import { isZkLiteError } from "@zklite/protocol";
import { TEST_TOKENS } from "./testing/memory-provider.js";
import { TokenSet } from "./token-set.js";

const codeOf = (action: () => unknown): string => {
  try {
    action();
  } catch (error) {
    if (isZkLiteError(error)) return error.code;
    throw error;
  }
  throw new Error("no error");
};

describe("TokenSet", () => {
  const tokens = new TokenSet(TEST_TOKENS);

  it("resolves ids, symbols, addresses (any case) and decimal-string ids to the same token", () => {
    for (const like of [1, "1", "DAI", "0x" + "11".repeat(20), "0x" + "11".repeat(20).toUpperCase().replace("X", "x")]) {
      expect(tokens.resolveTokenId(like)).toBe(1);
      expect(tokens.resolveTokenSymbol(like)).toBe("DAI");
    }
    expect(tokens.isETH("ETH")).toBe(true);
    expect(tokens.isETH(0)).toBe(true);
    expect(tokens.isETH("0x" + "00".repeat(20))).toBe(true);
    expect(tokens.isETH("DAI")).toBe(false);
  });

  it("formats and parses with each token's decimals", () => {
    expect(tokens.formatToken("USDC", 1_500_000n)).toBe("1.5");
    expect(tokens.formatToken("ETH", "1000000000000000000")).toBe("1.0");
    expect(tokens.parseToken("USDC", "2.25")).toBe(2_250_000n);
  });

  it("passes NFT ids through with zksync.js's display, and has no L1 address for them", () => {
    expect(tokens.resolveTokenId(65_536)).toBe(65_536);
    expect(tokens.resolveTokenSymbol(70_000)).toBe("NFT-70000");
    expect(tokens.formatToken(70_000, 1n)).toBe("1.0");
    expect(codeOf(() => tokens.resolveTokenAddress(70_000))).toBe("NOT_FUNGIBLE");
  });

  it("refuses unknown tokens with UNKNOWN_TOKEN", () => {
    for (const like of ["NOPE", 3, 1.5, -1, "0x" + "99".repeat(20), "", null as never, {} as never]) expect(codeOf(() => tokens.resolve(like))).toBe("UNKNOWN_TOKEN");
    expect(tokens.has("NOPE")).toBe(false);
    expect(tokens.list().map((token) => token.symbol)).toEqual(["ETH", "DAI", "USDC"]);
  });
});
