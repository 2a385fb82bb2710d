// The oracles: zksync.js 0.13.1 (with its ethers v5) and zksync-crypto, loaded from this test-only
// workspace so they never meet ethers v6.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

export const zksync = require("zksync") as typeof import("zksync");
export const ethersV5 = require("ethers") as typeof import("ethers");
export const zksyncCrypto = require("zksync-crypto") as typeof import("zksync-crypto");

/** A zksync.js TokenSet with one token, for formatting amounts the way zksync.js does. */
export function zksyncTokenSet(symbol: string, decimals: number): InstanceType<typeof zksync.utils.TokenSet> {
  return new zksync.utils.TokenSet({
    [symbol]: { address: "0x" + "ab".repeat(20), id: 1, symbol, decimals, enabledForFees: true },
  } as never);
}
