import { dataSlice, ZeroAddress } from "ethers";

import { ZERO_CONTENT_HASH } from "./ops";

/** The arguments of `performExodus` besides the stored block and the proof. */
export interface ExitClaim {
  owner: string;
  accountId: number;
  tokenId: number;
  amount: bigint;
  nftCreatorAccountId: number;
  nftCreatorAddress: string;
  nftSerialId: number;
  nftContentHash: string;
}

export const fungibleClaim = (owner: string, accountId: number, tokenId: number, amount: bigint): ExitClaim => ({
  owner,
  accountId,
  tokenId,
  amount,
  nftCreatorAccountId: 0,
  nftCreatorAddress: ZeroAddress,
  nftSerialId: 0,
  nftContentHash: ZERO_CONTENT_HASH,
});

/**
 * The exit circuit's ten public inputs (field-input form, circuits/circom/lib/exit.circom), computed here from
 * the bytes with ethers, independently of the contract: root, accountId, owner, tokenId, amount,
 * nftCreatorAccountId, nftCreatorAddress, nftSerialId, content hash bytes 0..15, bytes 16..31.
 */
export function exitPublicInputs(root: string, c: ExitClaim): bigint[] {
  return [
    BigInt(root),
    BigInt(c.accountId),
    BigInt(c.owner),
    BigInt(c.tokenId),
    c.amount,
    BigInt(c.nftCreatorAccountId),
    BigInt(c.nftCreatorAddress),
    BigInt(c.nftSerialId),
    BigInt(dataSlice(c.nftContentHash, 0, 16)),
    BigInt(dataSlice(c.nftContentHash, 16, 32)),
  ];
}
