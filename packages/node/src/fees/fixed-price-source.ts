/** A `PriceSource` with fixed prices, for devnets and tests. */
import { parseDecimal, type Ratio } from "./ratio.js";
import type { FeeToken, PriceSource } from "./price-source.js";

export interface FixedPrices {
  /** USD price of one whole token, by symbol (e.g. `{ ETH: "2000", DAI: "1" }`) or by token id. */
  readonly pricesUsd: Readonly<Record<string, string | Ratio>>;
  readonly gasPriceWei: bigint;
}

export class FixedPriceSource implements PriceSource {
  readonly #prices = new Map<string, Ratio>();
  #gasPriceWei: bigint;

  constructor(prices: FixedPrices) {
    for (const [key, price] of Object.entries(prices.pricesUsd)) this.#prices.set(key, parseDecimal(price));
    this.#gasPriceWei = prices.gasPriceWei;
  }

  async tokenPriceUsd(token: FeeToken): Promise<Ratio | undefined> {
    return this.#prices.get(String(token.id)) ?? this.#prices.get(token.symbol);
  }

  async gasPriceWei(): Promise<bigint> {
    return this.#gasPriceWei;
  }

  /** Changes a price (tests of price moves). */
  setTokenPriceUsd(symbolOrId: string, price: string | Ratio): void {
    this.#prices.set(symbolOrId, parseDecimal(price));
  }

  setGasPriceWei(gasPriceWei: bigint): void {
    this.#gasPriceWei = gasPriceWei;
  }
}
