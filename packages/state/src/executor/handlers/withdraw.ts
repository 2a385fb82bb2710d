import { MAX_FUNGIBLE_TOKEN_ID, type Withdraw, type WithdrawOp } from "@zklite/protocol";
import type { ExecutionContext } from "../context.js";
import {
  debit,
  incrementNonce,
  requireAccountByAddress,
  requireFeeInProcessableToken,
  requireFeePackable,
  requireNonce,
  requireSignedBy,
  requireTimeRange,
  requireToken,
  requireU128,
} from "../rules.js";

/** Withdraw (§3.4): fungible tokens only; the full u128 amount goes to `to`'s L1 pending balance. */
export function applyWithdraw(ctx: ExecutionContext, tx: Withdraw): WithdrawOp {
  requireU128(tx.amount);
  requireFeePackable(tx.fee);
  requireTimeRange(tx, ctx.timestamp);
  requireToken(ctx, tx.token, MAX_FUNGIBLE_TOKEN_ID);
  requireFeeInProcessableToken(ctx, tx.token, tx.fee);
  const from = requireAccountByAddress(ctx, tx.from, tx.accountId);
  requireSignedBy(ctx, { kind: "tx", tx }, from);
  requireNonce(from, tx.nonce);

  debit(ctx, from.id, tx.token, tx.amount + tx.fee);
  incrementNonce(ctx, from);
  ctx.collectFee(tx.token, tx.fee);
  return { type: "Withdraw", accountId: from.id, token: tx.token, amount: tx.amount, fee: tx.fee, to: tx.to.toLowerCase() };
}
