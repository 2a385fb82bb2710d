import { MAX_TOKEN_ID, NFT_TOKEN_ID, type MintNFT, type MintNFTOp } from "@zklite/protocol";
import { stateError } from "../../errors.js";
import type { AccountView } from "../../state/state-tree.js";
import type { ExecutionContext } from "../context.js";
import { nftAddress, nftContentDigest } from "../nft-token-hash.js";
import {
  credit,
  debit,
  incrementNonce,
  requireAccountByAddress,
  requireAccountById,
  requireFeePackable,
  requireFeeToken,
  requireNonZeroAddress,
  requireNonce,
  requireSignedBy,
  requireToken,
} from "../rules.js";

const MAX_SERIAL_ID = 2 ** 32 - 1;

/**
 * MintNFT (§1.4, §3.4): serial id = the creator's count of minted NFTs (its balance of NFT_TOKEN_ID),
 * token id = the NFT storage account's counter (its balance of NFT_TOKEN_ID); both counters grow by 1.
 * The storage account records the NFT's 128-bit content digest at the token id; the recipient gets 1.
 * MintNFT has no validity range.
 */
export function applyMintNFT(ctx: ExecutionContext, tx: MintNFT): MintNFTOp {
  requireFeePackable(tx.fee);
  requireFeeToken(ctx, tx.feeToken);
  requireNonZeroAddress(tx.recipient, "NFT recipient");
  requireToken(ctx, NFT_TOKEN_ID, NFT_TOKEN_ID);
  const creator = requireAccountById(ctx, tx.creatorId);
  if (creator.address !== tx.creatorAddress.toLowerCase()) {
    throw stateError("ACCOUNT_ID_MISMATCH", `account ${creator.id} does not have address ${tx.creatorAddress}`);
  }
  requireSignedBy(ctx, { kind: "tx", tx }, creator);
  const recipient = requireAccountByAddress(ctx, tx.recipient);
  if (recipient.id === ctx.nftStorageAccountId) throw stateError("INVALID_RECIPIENT", "the NFT storage account cannot receive NFTs");
  requireNonce(creator, tx.nonce);

  debit(ctx, creator.id, tx.feeToken, tx.fee);
  incrementNonce(ctx, creator);

  mintNftTo(ctx, creator, recipient.id, tx.contentHash);
  ctx.collectFee(tx.feeToken, tx.fee);
  return {
    type: "MintNFT",
    creatorId: creator.id,
    recipientId: recipient.id,
    contentHash: tx.contentHash.toLowerCase(),
    feeToken: tx.feeToken,
    fee: tx.fee,
  };
}

/**
 * The mint itself, after the fee and the nonce (shared with the replay of MintNFT pubdata): the creator's and the
 * storage account's counters grow by 1, the storage account records the content digest at the new token id, the
 * recipient gets 1 and the NFT is registered.
 */
export function mintNftTo(ctx: ExecutionContext, creator: AccountView, recipientId: number, contentHash: string): void {
  const serialId = ctx.tree.balance(creator.id, NFT_TOKEN_ID);
  if (serialId >= BigInt(MAX_SERIAL_ID)) throw stateError("NFT_LIMIT_REACHED", `account ${creator.id} cannot mint more NFTs`);
  credit(ctx, creator.id, NFT_TOKEN_ID, 1n);

  const storage = ctx.nftStorageAccountId;
  const nextTokenId = ctx.tree.balance(storage, NFT_TOKEN_ID);
  if (nextTokenId > BigInt(MAX_TOKEN_ID)) throw stateError("NFT_LIMIT_REACHED", "every NFT token id is taken");
  const tokenId = Number(nextTokenId);
  credit(ctx, storage, NFT_TOKEN_ID, 1n);

  const tokenHash = ctx.nftTokenHash(creator.id, Number(serialId), contentHash);
  ctx.tree.setBalance(storage, tokenId, nftContentDigest(tokenHash));
  credit(ctx, recipientId, tokenId, 1n);
  ctx.nfts.add({
    tokenId,
    creatorId: creator.id,
    creatorAddress: creator.address,
    serialId: Number(serialId),
    contentHash: contentHash.toLowerCase(),
    address: nftAddress(tokenHash),
  });
}
