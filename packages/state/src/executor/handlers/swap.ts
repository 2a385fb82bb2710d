import type { Order, Swap, SwapOp } from "@zklite/protocol";
import { stateError } from "../../errors.js";
import type { AccountView } from "../../state/state-tree.js";
import type { ExecutionContext } from "../context.js";
import {
  credit,
  debit,
  incrementNonce,
  requireAccountByAddress,
  requireAccountById,
  requireAmountPackable,
  requireFeePackable,
  requireFeeToken,
  requireNonce,
  requireSignedBy,
  requireTimeRange,
  requireToken,
} from "../rules.js";

/**
 * Swap (§3.2, §3.4): two signed orders filled against each other by a submitter who pays the fee.
 * `amounts[0]` is what A (first maker) sells, `amounts[1]` what B sells. A non-zero order amount must
 * be filled exactly and bumps the maker's nonce (unless the maker is the submitter, whose nonce is
 * bumped once anyway); amount 0 is a limit order, reusable while its nonce stands. All nonces are
 * checked against the state before the swap.
 */
export function applySwap(ctx: ExecutionContext, tx: Swap): SwapOp {
  const [orderA, orderB] = tx.orders;
  const [amountA, amountB] = tx.amounts;
  requireAmountPackable(amountA, "amount A");
  requireAmountPackable(amountB, "amount B");
  requireFeePackable(tx.fee);
  requireFeeToken(ctx, tx.feeToken);
  for (const order of tx.orders) {
    requireTimeRange(order, ctx.timestamp);
    requireToken(ctx, order.tokenSell);
    requireToken(ctx, order.tokenBuy);
  }
  requireOrdersMatch(tx);

  const makerA = requireMaker(ctx, orderA);
  const makerB = requireMaker(ctx, orderB);
  const recipientA = requireAccountByAddress(ctx, orderA.recipient);
  const recipientB = requireAccountByAddress(ctx, orderB.recipient);
  for (const recipient of [recipientA, recipientB]) {
    if (recipient.id === ctx.nftStorageAccountId) throw stateError("INVALID_RECIPIENT", "the NFT storage account cannot receive a swap");
  }
  const submitter = requireAccountByAddress(ctx, tx.submitterAddress, tx.submitterId);
  requireSignedBy(ctx, { kind: "tx", tx }, submitter);
  requireNonce(submitter, tx.nonce);
  requireNonce(makerA, orderA.nonce);
  requireNonce(makerB, orderB.nonce);

  const bumpA = orderA.amount !== 0n && makerA.id !== submitter.id;
  const bumpB = orderB.amount !== 0n && makerB.id !== submitter.id;
  debit(ctx, submitter.id, tx.feeToken, tx.fee);
  debit(ctx, makerA.id, orderA.tokenSell, amountA);
  debit(ctx, makerB.id, orderB.tokenSell, amountB);
  credit(ctx, recipientA.id, orderB.tokenSell, amountB);
  credit(ctx, recipientB.id, orderA.tokenSell, amountA);
  incrementNonce(ctx, submitter);
  if (bumpA) incrementNonce(ctx, makerA);
  if (bumpB) incrementNonce(ctx, makerB);
  ctx.collectFee(tx.feeToken, tx.fee);
  return {
    type: "Swap",
    accountA: makerA.id,
    recipientA: recipientA.id,
    accountB: makerB.id,
    recipientB: recipientB.id,
    submitterId: submitter.id,
    tokenA: orderA.tokenSell,
    tokenB: orderB.tokenSell,
    feeToken: tx.feeToken,
    amountA,
    amountB,
    fee: tx.fee,
    nonceMask: (orderA.amount !== 0n ? 1 : 0) | (orderB.amount !== 0n ? 2 : 0),
  };
}

function requireOrdersMatch(tx: Swap): void {
  const [orderA, orderB] = tx.orders;
  if (orderA.tokenBuy !== orderB.tokenSell || orderB.tokenBuy !== orderA.tokenSell) {
    throw stateError("INVALID_SWAP", "each order must buy the token the other one sells");
  }
  if (orderA.tokenSell === orderB.tokenSell) throw stateError("INVALID_SWAP", "a swap must exchange two different tokens");
  if (orderA.accountId === orderB.accountId) throw stateError("INVALID_SWAP", "the two orders must come from different accounts");
  tx.orders.forEach((order, i) => {
    if (order.amount !== 0n && order.amount !== tx.amounts[i]) {
      throw stateError("INVALID_SWAP", `order ${i === 0 ? "A" : "B"} must be filled with exactly ${order.amount}`);
    }
  });
  // Each maker gets at least its price: sold · ratio[buy] ≤ bought · ratio[sell].
  const [amountA, amountB] = tx.amounts;
  if (amountA * orderA.ratio[1] > amountB * orderA.ratio[0] || amountB * orderB.ratio[1] > amountA * orderB.ratio[0]) {
    throw stateError("PRICE_MISMATCH", "the swap amounts do not satisfy both orders' prices");
  }
}

function requireMaker(ctx: ExecutionContext, order: Order): AccountView {
  const maker = requireAccountById(ctx, order.accountId);
  requireSignedBy(ctx, { kind: "order", order }, maker);
  return maker;
}
