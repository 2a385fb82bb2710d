import { MAX_FUNGIBLE_TOKEN_ID, type ForcedExit, type ForcedExitOp } from "@zklite/protocol";
import { stateError } from "../../errors.js";
import type { ExecutionContext } from "../context.js";
import {
  ZERO_PUBKEY_HASH,
  debit,
  incrementNonce,
  requireAccountByAddress,
  requireAccountById,
  requireFeeInProcessableToken,
  requireFeePackable,
  requireNonZeroAddress,
  requireNonce,
  requireSignedBy,
  requireTimeRange,
  requireToken,
} from "../rules.js";

/**
 * ForcedExit (§3.4): the initiator pays the fee (in the withdrawn token) to send the *whole* balance
 * of a target that never set a signing key to the target's own L1 address.
 */
export function applyForcedExit(ctx: ExecutionContext, tx: ForcedExit): ForcedExitOp {
  requireFeePackable(tx.fee);
  requireTimeRange(tx, ctx.timestamp);
  requireToken(ctx, tx.token, MAX_FUNGIBLE_TOKEN_ID);
  requireFeeInProcessableToken(ctx, tx.token, tx.fee);
  requireNonZeroAddress(tx.target, "forced exit target");
  const initiator = requireAccountById(ctx, tx.initiatorAccountId);
  requireSignedBy(ctx, { kind: "tx", tx }, initiator);
  const target = requireAccountByAddress(ctx, tx.target);
  if (target.id === ctx.nftStorageAccountId) {
    throw stateError("FORCED_EXIT_NOT_ALLOWED", "the NFT storage account cannot be force-exited");
  }
  if (target.pubKeyHash !== ZERO_PUBKEY_HASH) {
    throw stateError("FORCED_EXIT_NOT_ALLOWED", `account ${target.id} has a signing key; only keyless accounts can be force-exited`);
  }
  requireNonce(initiator, tx.nonce);

  debit(ctx, initiator.id, tx.token, tx.fee);
  incrementNonce(ctx, initiator);
  const amount = ctx.tree.balance(target.id, tx.token);
  debit(ctx, target.id, tx.token, amount);
  ctx.collectFee(tx.token, tx.fee);
  return { type: "ForcedExit", initiatorId: initiator.id, targetId: target.id, token: tx.token, amount, fee: tx.fee, target: target.address };
}
