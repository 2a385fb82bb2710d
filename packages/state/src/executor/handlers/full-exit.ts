import { MAX_TOKEN_ID, MIN_NFT_TOKEN_ID, type FullExit, type FullExitOp } from "@zklite/protocol";
import type { ExecutionContext } from "../context.js";
import { ZERO_ADDRESS } from "../rules.js";

const NO_CONTENT = `0x${"0".repeat(64)}`;

/**
 * FullExit (priority operation, §3.4): never fails. Withdraws the whole balance of `token` when the
 * account exists and belongs to the requester (`ethAddress`); otherwise the operation is still
 * included, with amount 0. For an NFT actually withdrawn (amount 1) the pubdata carries its creator,
 * serial id and content hash; these fields are zero otherwise.
 */
export function applyFullExit(ctx: ExecutionContext, op: FullExit): FullExitOp {
  const owner = op.ethAddress.toLowerCase();
  const account = Number.isInteger(op.accountId) ? ctx.tree.account(op.accountId) : undefined;
  const withdrawable =
    account !== undefined &&
    account.address === owner &&
    account.id !== ctx.nftStorageAccountId &&
    Number.isInteger(op.token) &&
    op.token >= 0 &&
    op.token <= MAX_TOKEN_ID &&
    op.token < 2 ** ctx.tree.balanceTreeDepth;
  const amount = withdrawable ? ctx.tree.balance(account.id, op.token) : 0n;
  if (withdrawable && amount !== 0n) ctx.tree.setBalance(account.id, op.token, 0n);
  const nft = amount !== 0n && op.token >= MIN_NFT_TOKEN_ID ? ctx.nfts.get(op.token) : undefined;
  return {
    type: "FullExit",
    accountId: op.accountId,
    owner,
    token: op.token,
    amount,
    nftCreatorId: nft?.creatorId ?? 0,
    nftCreatorAddress: nft?.creatorAddress ?? ZERO_ADDRESS,
    nftSerialId: nft?.serialId ?? 0,
    nftContentHash: nft?.contentHash ?? NO_CONTENT,
  };
}
