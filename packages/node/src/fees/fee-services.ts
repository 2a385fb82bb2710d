import { ZkLiteError, type Tx } from "@zklite/protocol";
import type { FeeQuote, FeeTypeInput } from "@zklite/api";
import type { FeeQuoter } from "../api/node-services.js";
import type { NodeConfig } from "../config/config.js";
import { ANY_FEE, type FeePolicy } from "../mempool/fee-policy.js";
import { feeOf } from "../mempool/tx-sender.js";
import type { TokenRegistry } from "../tokens/token-registry.js";
import { FeeModel } from "./fee-model.js";
import type { FeeType } from "./fee-type.js";
import { FixedPriceSource } from "./fixed-price-source.js";
import type { FeeToken } from "./price-source.js";

/** The fee type zkSync prices a transaction as (PROTOCOL.md §8.4). */
export function feeTypeOf(tx: Tx): FeeType {
  switch (tx.type) {
    case "Transfer":
      return "Transfer";
    case "Withdraw":
      return tx.fast === true ? "FastWithdraw" : "Withdraw";
    case "ChangePubKey":
      return { ChangePubKey: tx.ethAuthData?.type ?? "Onchain" };
    default:
      return tx.type;
  }
}

/**
 * The node's fees from configuration: the fee model over a fixed price source (ZKLITE_GAS_PRICE_GWEI,
 * ZKLITE_ETH_PRICE_USD, ZKLITE_TOKEN_PRICES_USD), the mempool's policy and the API's quotes.
 */
export function createFeeServices(config: NodeConfig, tokens: TokenRegistry): { model: FeeModel; policy: FeePolicy; quoter: FeeQuoter } {
  const pricesUsd: Record<string, string> = { ETH: String(config.ZKLITE_ETH_PRICE_USD) };
  for (const item of config.ZKLITE_TOKEN_PRICES_USD.split(",").filter((part) => part.trim() !== "")) {
    const [symbol, price] = item.split("=").map((part) => part.trim());
    if (symbol === undefined || price === undefined || symbol === "") throw new ZkLiteError("CONFIG_INVALID", `ZKLITE_TOKEN_PRICES_USD: "${item}" is not SYMBOL=price`);
    pricesUsd[symbol] = price;
  }
  const gasPriceWei = BigInt(Math.round(config.ZKLITE_GAS_PRICE_GWEI * 1e9));
  const model = new FeeModel(new FixedPriceSource({ pricesUsd, gasPriceWei }));
  const feeToken = (id: number): FeeToken => {
    const token = tokens.get(id);
    if (token === undefined) throw new ZkLiteError("UNKNOWN_TOKEN", `token ${id} is not known`);
    return { id: token.id, symbol: token.symbol, decimals: token.decimals };
  };

  const policy: FeePolicy = config.ZKLITE_ZERO_FEES
    ? ANY_FEE
    : {
        async requireSufficientFee(txs, recipientIsNew) {
          const paid = txs.map(feeOf).filter((fee) => fee.amount !== 0n);
          const paidTokens = new Set(paid.map((fee) => fee.token));
          if (paidTokens.size > 1) throw new ZkLiteError("FEE_TOKENS_MIXED", "a batch pays its fees in one token");
          const token = feeToken(paid[0]?.token ?? feeOf(txs[txs.length - 1] as Tx).token);
          const provided = paid.reduce((sum, fee) => sum + fee.amount, 0n);
          const required =
            txs.length === 1
              ? (await model.quoteTx(feeTypeOf(txs[0] as Tx), { token, recipientExists: !recipientIsNew(txs[0] as Tx) })).totalFee
              : (await model.quoteBatch(txs.map((tx) => ({ feeType: feeTypeOf(tx), recipientExists: !recipientIsNew(tx) })), token)).totalFee;
          if (!(await model.isFeeSufficient(provided, required, token))) {
            throw new ZkLiteError("FEE_TOO_LOW", `the fee ${provided} is below the required ${required} (token ${token.symbol})`);
          }
        },
      };

  const quoter: FeeQuoter = {
    async quoteTx(txType: FeeTypeInput, recipientExists: boolean, token: number): Promise<FeeQuote> {
      const quote = await model.quoteTx(txType, { token: feeToken(token), recipientExists });
      return {
        feeType: typeof quote.feeType === "string" ? quote.feeType : `ChangePubKey`,
        gasTxAmount: quote.gasTxAmount.toString(),
        gasPriceWei: quote.gasPriceWei.toString(),
        gasFee: quote.gasFee.toString(),
        zkpFee: quote.zkpFee.toString(),
        totalFee: quote.totalFee.toString(),
      };
    },
    async quoteBatch(items, token) {
      const quote = await model.quoteBatch(items.map((item) => ({ feeType: item.txType, recipientExists: item.recipientExists })), feeToken(token));
      return { totalFee: quote.totalFee.toString() };
    },
  };
  return { model, policy, quoter };
}
