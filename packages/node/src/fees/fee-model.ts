/**
 * The fee model (PROTOCOL.md §8.4, zkSync's fee ticker): in base units of the fee token,
 *
 *   zkpFee = zkpCostChunkUsd × chunks / tokenPriceUsd
 *   gasFee = gasTxAmount × gasPriceWei × gasRiskPercent/100 × ethPriceUsd/10^18 / tokenPriceUsd  (× scaleFeePercent/100
 *            for L2-only types: Transfer, TransferToNew, MintNFT, Swap)
 *   totalFee = the smallest packable fee ≥ ceil(zkpFee) + ceil(gasFee)
 *
 * with token prices per whole token (converted by the token's decimals). Computed exactly with rationals.
 */
import { closestGreaterOrEqPackableTransactionFee } from "@zklite/protocol";

import { FeeError } from "./errors.js";
import { fastWithdrawalGas, type FastWithdrawalContext } from "./fast-withdrawal.js";
import { isFeeType, outputFeeType, type FeeType, type OutputFeeType } from "./fee-type.js";
import { isFeeSufficientUsd } from "./fee-tolerance.js";
import { BASE_GAS_COST, feeTypeChunks, standardGasCost } from "./gas-costs.js";
import { ETH_FEE_TOKEN, type FeeToken, type PriceSource } from "./price-source.js";
import { add, ceil, div, mul, parseDecimal, ratio, type Ratio } from "./ratio.js";

export interface FeeModelConfig {
  /** Proof cost per chunk in USD (zkSync: 0.001). */
  readonly zkpCostChunkUsd?: string | Ratio;
  /** Gas price risk factor in percent (zkSync: 130). */
  readonly gasRiskPercent?: bigint;
  /** Extra scale on the gas part of L2-only types, in percent (zkSync `scale_fee_percent`: 100). */
  readonly scaleFeePercent?: bigint;
  /** Fast withdrawals without chain context cost this × a normal withdrawal's gas (zkSync: 10). */
  readonly fastProcessingCoeff?: bigint;
  /** Blocks per aggregated commit / prove / execute, for fast-withdrawal pricing (default 5). */
  readonly maxBlocksToAggregate?: number;
  /** Extra rule for fee tokens, on top of "has a price" (zkSync: Uniswap liquidity). ETH is always allowed. */
  readonly feeTokenAllowed?: (token: FeeToken) => boolean;
}

export interface QuoteOptions {
  /** The token the fee is paid in. */
  readonly token: FeeToken;
  /** For `"Transfer"`: whether the recipient has an account (default false: priced as TransferToNew). */
  readonly recipientExists?: boolean;
  /** For fast withdrawals: the pending blocks (else the standard `fastProcessingCoeff` estimate). */
  readonly fastWithdrawal?: FastWithdrawalContext;
}

/** zkSync's `Fee`: all amounts in base units of the fee token (gas in gas units, gas price in wei). */
export interface TxFeeQuote {
  readonly feeType: OutputFeeType;
  readonly gasTxAmount: bigint;
  /** The L1 gas price used, before the risk factor. */
  readonly gasPriceWei: bigint;
  readonly gasFee: bigint;
  readonly zkpFee: bigint;
  /** Packable, ≥ gasFee + zkpFee. */
  readonly totalFee: bigint;
}

export interface BatchFeeQuote {
  readonly gasFee: bigint;
  readonly zkpFee: bigint;
  readonly totalFee: bigint;
}

export interface BatchItem {
  readonly feeType: FeeType;
  readonly recipientExists?: boolean;
  readonly fastWithdrawal?: FastWithdrawalContext;
}

const L2_ONLY: ReadonlySet<string> = new Set(["Transfer", "TransferToNew", "MintNFT", "Swap"]);

interface ExactFee {
  readonly feeType: OutputFeeType;
  readonly gasTxAmount: bigint;
  readonly gas: Ratio;
  readonly zkp: Ratio;
}

interface Prices {
  readonly gasPriceWei: bigint;
  /** USD per wei of ETH. */
  readonly weiUsd: Ratio;
  /** Base units of the fee token per USD. */
  readonly tokenPerUsd: Ratio;
}

export class FeeModel {
  readonly #prices: PriceSource;
  readonly #zkpCostChunkUsd: Ratio;
  readonly #gasRisk: Ratio;
  readonly #scaleFee: Ratio;
  readonly #fastProcessingCoeff: bigint;
  readonly #maxBlocksToAggregate: number;
  readonly #feeTokenAllowed: (token: FeeToken) => boolean;

  constructor(prices: PriceSource, config: FeeModelConfig = {}) {
    this.#prices = prices;
    this.#zkpCostChunkUsd = parseDecimal(config.zkpCostChunkUsd ?? "0.001");
    this.#gasRisk = ratio(config.gasRiskPercent ?? 130n, 100n);
    this.#scaleFee = ratio(config.scaleFeePercent ?? 100n, 100n);
    this.#fastProcessingCoeff = config.fastProcessingCoeff ?? 10n;
    this.#maxBlocksToAggregate = config.maxBlocksToAggregate ?? 5;
    if (!Number.isInteger(this.#maxBlocksToAggregate) || this.#maxBlocksToAggregate < 1) {
      throw new RangeError("maxBlocksToAggregate must be a positive integer");
    }
    this.#feeTokenAllowed = config.feeTokenAllowed ?? (() => true);
  }

  /** The fee of one transaction, as zkSync's `get_tx_fee` answers it. Throws `FeeError` for a bad type or token. */
  async quoteTx(feeType: FeeType, options: QuoteOptions): Promise<TxFeeQuote> {
    const prices = await this.#pricesFor(options.token);
    const exact = this.#exactFee(feeType, options.recipientExists ?? false, options.fastWithdrawal, prices);
    const gasFee = ceil(exact.gas);
    const zkpFee = ceil(exact.zkp);
    return {
      feeType: exact.feeType,
      gasTxAmount: exact.gasTxAmount,
      gasPriceWei: prices.gasPriceWei,
      gasFee,
      zkpFee,
      totalFee: closestGreaterOrEqPackableTransactionFee(gasFee + zkpFee),
    };
  }

  /** The fee of a batch paid in one token: the exact sums of the parts, rounded once. */
  async quoteBatch(items: readonly BatchItem[], token: FeeToken): Promise<BatchFeeQuote> {
    const prices = await this.#pricesFor(token);
    let gas = ratio(0n);
    let zkp = ratio(0n);
    for (const item of items) {
      const exact = this.#exactFee(item.feeType, item.recipientExists ?? false, item.fastWithdrawal, prices);
      gas = add(gas, exact.gas);
      zkp = add(zkp, exact.zkp);
    }
    const gasFee = ceil(gas);
    const zkpFee = ceil(zkp);
    return { gasFee, zkpFee, totalFee: closestGreaterOrEqPackableTransactionFee(gasFee + zkpFee) };
  }

  /**
   * Whether a provided fee covers a required one (both in base units of `token`), with zkSync's tolerance for price
   * moves (fee-tolerance.ts), judged in USD at the price source's current price of the token.
   */
  async isFeeSufficient(provided: bigint, required: bigint, token: FeeToken): Promise<boolean> {
    const price = await this.#tokenPrice(token);
    const unitUsd = div(price, ratio(10n ** BigInt(token.decimals)));
    return isFeeSufficientUsd(mul(ratio(provided), unitUsd), mul(ratio(required), unitUsd));
  }

  /** Fees can be paid in `token` (it has a price and passes `feeTokenAllowed`). */
  async isTokenAllowedForFees(token: FeeToken): Promise<boolean> {
    try {
      await this.#tokenPrice(token);
      return true;
    } catch (error) {
      if (error instanceof FeeError && error.code === "FEE_TOKEN_NOT_ALLOWED") return false;
      throw error;
    }
  }

  #exactFee(feeType: FeeType, recipientExists: boolean, fast: FastWithdrawalContext | undefined, prices: Prices): ExactFee {
    if (!isFeeType(feeType)) throw new FeeError("INVALID_FEE_TYPE", `unknown fee type ${JSON.stringify(feeType)}`);
    const output = outputFeeType(feeType, recipientExists);
    const chunks = feeTypeChunks(output);
    const gasTxAmount = this.#gasTxAmount(output, chunks, fast);
    const zkp = mul(mul(this.#zkpCostChunkUsd, ratio(BigInt(chunks))), prices.tokenPerUsd);
    let gas = mul(mul(mul(ratio(gasTxAmount * prices.gasPriceWei), this.#gasRisk), prices.weiUsd), prices.tokenPerUsd);
    if (typeof output === "string" && L2_ONLY.has(output)) gas = mul(gas, this.#scaleFee);
    return { feeType: output, gasTxAmount, gas, zkp };
  }

  #gasTxAmount(feeType: OutputFeeType, chunks: number, fast: FastWithdrawalContext | undefined): bigint {
    if (feeType === "FastWithdraw" || feeType === "FastWithdrawNFT") {
      if (fast) return fastWithdrawalGas(chunks, fast, this.#maxBlocksToAggregate);
      const normal = feeType === "FastWithdraw" ? BASE_GAS_COST.Withdraw : BASE_GAS_COST.WithdrawNFT;
      return normal * this.#fastProcessingCoeff;
    }
    return standardGasCost(feeType);
  }

  async #pricesFor(token: FeeToken): Promise<Prices> {
    const [gasPriceWei, ethPrice, tokenPrice] = await Promise.all([
      this.#prices.gasPriceWei(),
      this.#prices.tokenPriceUsd(ETH_FEE_TOKEN),
      this.#tokenPrice(token),
    ]);
    if (ethPrice === undefined || ethPrice.num === 0n) throw new FeeError("FEE_PRICE_UNAVAILABLE", "no USD price for ETH");
    return {
      gasPriceWei,
      weiUsd: div(ethPrice, ratio(10n ** 18n)),
      tokenPerUsd: div(ratio(10n ** BigInt(token.decimals)), tokenPrice),
    };
  }

  async #tokenPrice(token: FeeToken): Promise<Ratio> {
    const price = await this.#prices.tokenPriceUsd(token);
    const allowed = token.id === ETH_FEE_TOKEN.id || this.#feeTokenAllowed(token);
    if (price === undefined || price.num === 0n || !allowed) {
      throw new FeeError("FEE_TOKEN_NOT_ALLOWED", `fees cannot be paid in ${token.symbol} (token ${token.id})`);
    }
    return price;
  }
}

