// Typical operations for test blocks (SDK operation objects; addresses lowercase as the SDK emits them).
import { hexlify, randomBytes, ZeroAddress } from "ethers";

import type {
  ChangePubKeyOp,
  DepositOp,
  ForcedExitOp,
  FullExitOp,
  MintNFTOp,
  SwapOp,
  TransferOp,
  TransferToNewOp,
  WithdrawNFTOp,
  WithdrawOp,
} from "@zklite/protocol";

const lower = (address: string): string => address.toLowerCase();
export const ZERO_CONTENT_HASH = "0x" + "00".repeat(32);

export const deposit = (accountId: number, token: number, amount: bigint, to: string): DepositOp => ({
  type: "Deposit",
  accountId,
  token,
  amount,
  to: lower(to),
});

export const transfer = (fromId: number, toId: number, token = 0, amount = 1_000_000n, fee = 1000n): TransferOp => ({
  type: "Transfer",
  fromId,
  toId,
  token,
  amount,
  fee,
});

export const transferToNew = (fromId: number, to: string, toId: number): TransferToNewOp => ({
  type: "TransferToNew",
  fromId,
  token: 0,
  amount: 5_000_000n,
  to: lower(to),
  toId,
  fee: 2000n,
});

export const withdraw = (accountId: number, token: number, amount: bigint, to: string): WithdrawOp => ({
  type: "Withdraw",
  accountId,
  token,
  amount,
  fee: 3000n,
  to: lower(to),
});

export const forcedExit = (initiatorId: number, targetId: number, token: number, amount: bigint, target: string): ForcedExitOp => ({
  type: "ForcedExit",
  initiatorId,
  targetId,
  token,
  amount,
  fee: 100n,
  target: lower(target),
});

export const fullExit = (accountId: number, owner: string, token: number, amount: bigint): FullExitOp => ({
  type: "FullExit",
  accountId,
  owner: lower(owner),
  token,
  amount,
  nftCreatorId: 0,
  nftCreatorAddress: ZeroAddress,
  nftSerialId: 0,
  nftContentHash: ZERO_CONTENT_HASH,
});

export interface NftData {
  creatorId: number;
  creatorAddress: string;
  serialId: number;
  contentHash: string;
}

export const randomNft = (creatorAddress: string): NftData => ({
  creatorId: 9,
  creatorAddress: lower(creatorAddress),
  serialId: 4,
  contentHash: hexlify(randomBytes(32)),
});

export const fullExitNft = (accountId: number, owner: string, token: number, amount: bigint, nft: NftData): FullExitOp => ({
  type: "FullExit",
  accountId,
  owner: lower(owner),
  token,
  amount,
  nftCreatorId: nft.creatorId,
  nftCreatorAddress: nft.creatorAddress,
  nftSerialId: nft.serialId,
  nftContentHash: nft.contentHash,
});

export const withdrawNft = (accountId: number, token: number, to: string, nft: NftData): WithdrawNFTOp => ({
  type: "WithdrawNFT",
  accountId,
  creatorId: nft.creatorId,
  creatorAddress: nft.creatorAddress,
  serialId: nft.serialId,
  contentHash: nft.contentHash,
  to: lower(to),
  token,
  feeToken: 0,
  fee: 500n,
});

export const mintNft = (creatorId: number, recipientId: number): MintNFTOp => ({
  type: "MintNFT",
  creatorId,
  recipientId,
  contentHash: hexlify(randomBytes(32)),
  feeToken: 0,
  fee: 700n,
});

export const swap = (): SwapOp => ({
  type: "Swap",
  accountA: 1,
  recipientA: 1,
  accountB: 2,
  recipientB: 2,
  submitterId: 1,
  tokenA: 0,
  tokenB: 1,
  feeToken: 0,
  amountA: 1000n,
  amountB: 2000n,
  fee: 10n,
  nonceMask: 3,
});

export const changePubKey = (accountId: number, account: string, newPkHash: string, nonce: number): ChangePubKeyOp => ({
  type: "ChangePubKey",
  accountId,
  newPkHash,
  account: lower(account),
  nonce,
  feeToken: 0,
  fee: 1000n,
});

export const randomPubKeyHash = (): string => "sync:" + hexlify(randomBytes(20)).slice(2);
