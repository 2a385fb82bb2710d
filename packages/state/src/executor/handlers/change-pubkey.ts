import type { ChangePubKey, ChangePubKeyOp } from "@zklite/protocol";
import { stateError } from "../../errors.js";
import type { ExecutionContext } from "../context.js";
import {
  debit,
  incrementNonce,
  requireAccountByAddress,
  requireFeePackable,
  requireFeeToken,
  requireNonce,
  requireSignature,
  requireTimeRange,
} from "../rules.js";
import { isSmallOrderPubKeyHash } from "../small-order-keys.js";

/**
 * ChangePubKey (§3.4, §2.6): sets the account's signing key. Allowed for locked accounts; the zkSync
 * signature must come from the *new* key and the L1 owner must have authorized it. The new key must
 * not be a small-order point (see small-order-keys.ts): anyone could sign for it.
 */
export function applyChangePubKey(ctx: ExecutionContext, tx: ChangePubKey): ChangePubKeyOp {
  requireFeePackable(tx.fee);
  requireTimeRange(tx, ctx.timestamp);
  requireFeeToken(ctx, tx.feeToken);
  if (isSmallOrderPubKeyHash(tx.newPkHash)) {
    throw stateError("INVALID_PUBKEY_HASH", `${tx.newPkHash} is the PubKeyHash of a small-order point, whose signatures anyone can forge`);
  }
  const account = requireAccountByAddress(ctx, tx.account, tx.accountId);
  if (!ctx.changePubKeyAuth.isAuthorized(tx, account.address)) {
    throw stateError("INVALID_CHANGE_PUBKEY_AUTH", `the Ethereum authorization (${tx.ethAuthData?.type ?? "none"}) of account ${account.id} is invalid`);
  }
  requireSignature(ctx, { kind: "tx", tx }, tx.newPkHash);
  requireNonce(account, tx.nonce);

  debit(ctx, account.id, tx.feeToken, tx.fee);
  ctx.tree.setPubKeyHash(account.id, tx.newPkHash);
  incrementNonce(ctx, account);
  ctx.collectFee(tx.feeToken, tx.fee);
  return {
    type: "ChangePubKey",
    accountId: account.id,
    newPkHash: tx.newPkHash.toLowerCase(),
    account: account.address,
    nonce: tx.nonce,
    feeToken: tx.feeToken,
    fee: tx.fee,
  };
}
