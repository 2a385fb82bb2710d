import { MAX_TOKEN_ID, MIN_NFT_TOKEN_ID, type WithdrawNFT, type WithdrawNFTOp } from "@zklite/protocol";
import { stateError } from "../../errors.js";
import type { ExecutionContext } from "../context.js";
import {
  debit,
  incrementNonce,
  requireAccountByAddress,
  requireFeePackable,
  requireFeeToken,
  requireNonce,
  requireSignedBy,
  requireTimeRange,
  requireToken,
} from "../rules.js";

/** WithdrawNFT (§3.4): the owner (balance exactly 1) sends the NFT to L1; metadata goes into pubdata. */
export function applyWithdrawNFT(ctx: ExecutionContext, tx: WithdrawNFT): WithdrawNFTOp {
  requireFeePackable(tx.fee);
  requireTimeRange(tx, ctx.timestamp);
  requireFeeToken(ctx, tx.feeToken);
  requireToken(ctx, tx.token);
  if (tx.token < MIN_NFT_TOKEN_ID || tx.token > MAX_TOKEN_ID) {
    throw stateError("INVALID_TOKEN", `token ${tx.token} is not an NFT id (${MIN_NFT_TOKEN_ID}..${MAX_TOKEN_ID})`);
  }
  const from = requireAccountByAddress(ctx, tx.from, tx.accountId);
  requireSignedBy(ctx, { kind: "tx", tx }, from);
  const nft = ctx.nfts.get(tx.token);
  if (nft === undefined) throw stateError("NFT_NOT_FOUND", `NFT ${tx.token} was never minted`);
  if (ctx.tree.balance(from.id, tx.token) !== 1n) throw stateError("NFT_NOT_OWNED", `account ${from.id} does not own NFT ${tx.token}`);
  requireNonce(from, tx.nonce);

  debit(ctx, from.id, tx.feeToken, tx.fee);
  debit(ctx, from.id, tx.token, 1n);
  incrementNonce(ctx, from);
  ctx.collectFee(tx.feeToken, tx.fee);
  return {
    type: "WithdrawNFT",
    accountId: from.id,
    creatorId: nft.creatorId,
    creatorAddress: nft.creatorAddress,
    serialId: nft.serialId,
    contentHash: nft.contentHash,
    to: tx.to.toLowerCase(),
    token: tx.token,
    feeToken: tx.feeToken,
    fee: tx.fee,
  };
}
