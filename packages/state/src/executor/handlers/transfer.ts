import { type Transfer, type TransferOp, type TransferToNewOp } from "@zklite/protocol";
import { stateError } from "../../errors.js";
import type { ExecutionContext } from "../context.js";
import {
  credit,
  debit,
  incrementNonce,
  requireAccountByAddress,
  requireAmountPackable,
  requireFeeInProcessableToken,
  requireFeePackable,
  requireNonZeroAddress,
  requireNonce,
  requireSignedBy,
  requireTimeRange,
  requireToken,
} from "../rules.js";

/**
 * Transfer (PROTOCOL.md §3.4): moves `amount` of `token` (fungible or NFT) to `to`; executed as
 * TransferToNew, which creates the recipient's account at the next free id, when `to` has none.
 * A transfer to oneself only charges the fee. An NFT transfer carries fee 0.
 */
export function applyTransfer(ctx: ExecutionContext, tx: Transfer): TransferOp | TransferToNewOp {
  requireAmountPackable(tx.amount);
  requireFeePackable(tx.fee);
  requireTimeRange(tx, ctx.timestamp);
  requireNonZeroAddress(tx.to, "recipient");
  requireToken(ctx, tx.token);
  requireFeeInProcessableToken(ctx, tx.token, tx.fee);
  if (ctx.tree.accountIdByAddress(tx.to) === ctx.nftStorageAccountId) {
    throw stateError("INVALID_RECIPIENT", "nothing can be transferred to the NFT storage account");
  }
  const from = requireAccountByAddress(ctx, tx.from, tx.accountId);
  requireSignedBy(ctx, { kind: "tx", tx }, from);
  requireNonce(from, tx.nonce);

  debit(ctx, from.id, tx.token, tx.amount + tx.fee);
  incrementNonce(ctx, from);
  const existing = ctx.tree.accountIdByAddress(tx.to);
  const toId = existing ?? ctx.createAccount(tx.to);
  credit(ctx, toId, tx.token, tx.amount);
  ctx.collectFee(tx.token, tx.fee);

  const { token, amount, fee } = tx;
  if (existing !== undefined) return { type: "Transfer", fromId: from.id, token, toId, amount, fee };
  return { type: "TransferToNew", fromId: from.id, token, amount, to: tx.to.toLowerCase(), toId, fee };
}
