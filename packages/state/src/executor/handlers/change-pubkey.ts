import type { ChangePubKey, ChangePubKeyOp } from "@zklite/protocol";
import { stateError, type StateErrorCode } from "../../errors.js";
import type { ChangePubKeyAuthVerdict } from "../change-pubkey-auth.js";
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
  requireChangePubKeyAuthorized(ctx, tx, account.id, account.address);
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

const VERDICT_ERRORS: Readonly<Record<Exclude<ChangePubKeyAuthVerdict, "authorized">, StateErrorCode>> = {
  invalid: "INVALID_CHANGE_PUBKEY_AUTH",
  "chain-id-mismatch": "CHAIN_ID_MISMATCH",
  "onchain-fact-missing": "ONCHAIN_AUTH_FACT_MISSING",
  "onchain-fact-reset-pending": "ONCHAIN_AUTH_FACT_RESET_PENDING",
};

/** The L1 owner's authorization, as the rollup contract will check it at commit (change-pubkey-auth.ts). */
function requireChangePubKeyAuthorized(ctx: ExecutionContext, tx: ChangePubKey, accountId: number, owner: string): void {
  const verdict = ctx.changePubKeyAuth.check(tx, owner, ctx.changePubKeyL1);
  if (verdict === "authorized") return;
  const kind = tx.ethAuthData?.type ?? (tx.ethSignature ? "legacy ECDSA" : "Onchain");
  throw stateError(VERDICT_ERRORS[verdict], `the Ethereum authorization (${kind}) of account ${accountId}'s ChangePubKey is refused: ${verdict}`);
}
