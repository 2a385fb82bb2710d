/** Where the fee model gets prices: token prices in USD and the L1 gas price. */
import type { Ratio } from "./ratio.js";

/** A token as the fee model needs it: id and symbol to look the price up, decimals to convert base units. */
export interface FeeToken {
  readonly id: number;
  readonly symbol: string;
  readonly decimals: number;
}

/** ETH, token 0 of every zkSync network. */
export const ETH_FEE_TOKEN: FeeToken = { id: 0, symbol: "ETH", decimals: 18 };

export interface PriceSource {
  /** USD price of one whole token (10^decimals base units); undefined when unknown — then no fees in it. */
  tokenPriceUsd(token: FeeToken): Promise<Ratio | undefined>;
  /** The L1 gas price the node pays (before the fee model's risk factor). */
  gasPriceWei(): Promise<bigint>;
}
