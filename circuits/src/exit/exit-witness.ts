import { ZkLiteError } from "@zklite/crypto-wasm";
import { MAX_TOKEN_ID, MIN_NFT_TOKEN_ID } from "@zklite/protocol";
import { hex160ToBigInt, isProcessableToken, nftContentDigest, rescueNftTokenHash, type AuditPath, type NftInfo, type StateTree } from "@zklite/state";
import type { ExitStatement } from "./exit-statement.js";
import type { CircuitInput } from "../circuit-input.js";

/** Highest token id the exit circuit treats as fungible (the contract's rule); larger ids are NFTs. */
export const MAX_FUNGIBLE_TOKEN_ID = MIN_NFT_TOKEN_ID - 1;

const ZERO_ADDRESS = `0x${"0".repeat(40)}`;
const ZERO_HASH = `0x${"0".repeat(64)}`;

export interface ExitWitness {
  readonly statement: ExitStatement;
  /** Input signals of either form of the exit circuit. */
  readonly input: CircuitInput;
}

/**
 * Builds the statement and the circuit input proving account `accountId`'s balance of `tokenId`.
 * For an NFT (tokenId > MAX_FUNGIBLE_TOKEN_ID) pass its `NftInfo` (`RollupState.nft(tokenId)`): the
 * account must hold it, and the info must match the tree (the storage account's digest, the creator's
 * address).
 */
export function buildExitWitness(tree: StateTree, accountId: number, tokenId: number, nft?: NftInfo): ExitWitness {
  const nftStorageAccountId = 2 ** tree.accountTreeDepth - 1;
  if (!Number.isInteger(accountId) || accountId < 0 || accountId >= nftStorageAccountId) {
    throw new ZkLiteError("BAD_EXIT_ACCOUNT", `account ${accountId} cannot exit (out of range or the NFT storage account)`);
  }
  if (!Number.isInteger(tokenId) || tokenId < 0 || tokenId > MAX_TOKEN_ID || tokenId >= 2 ** tree.balanceTreeDepth) {
    throw new ZkLiteError("UNSUPPORTED_EXIT_TOKEN", `token ${tokenId}: exits prove tokens 0..${Math.min(MAX_TOKEN_ID, 2 ** tree.balanceTreeDepth - 1)}`);
  }
  const proof = tree.balanceProof(accountId, tokenId);
  const origin = tokenId > MAX_FUNGIBLE_TOKEN_ID ? nftOriginWitness(tree, tokenId, nft, proof.balance) : fungibleOriginWitness(tree, nft);
  const statement: ExitStatement = {
    root: tree.root(),
    accountId,
    owner: proof.address.toLowerCase(),
    tokenId,
    amount: proof.balance,
    ...origin.fields,
  };
  const contentHash = BigInt(statement.nftContentHash);
  const input: CircuitInput = {
    root: statement.root,
    accountId: BigInt(accountId),
    owner: hex160ToBigInt(proof.address),
    tokenId: BigInt(tokenId),
    amount: proof.balance,
    nftCreatorAccountId: BigInt(statement.nftCreatorAccountId),
    nftCreatorAddress: hex160ToBigInt(statement.nftCreatorAddress),
    nftSerialId: BigInt(statement.nftSerialId),
    nftContentHashHigh: contentHash >> 128n,
    nftContentHashLow: contentHash & ((1n << 128n) - 1n),
    nonce: BigInt(proof.nonce),
    pubKeyHash: hex160ToBigInt(proof.pubKeyHash),
    accountSiblings: siblingsOf(proof.accountPath),
    // a processable token's path fills the first levels; the circuit reads only those
    balanceSiblings: [...siblingsOf(proof.balancePath), ...zeroSiblings(tree.balanceTreeDepth - 2 * proof.balancePath.siblings.length)],
    otherBalanceRoot: isProcessableToken(tokenId) ? proof.extendedRoot : proof.processableRoot,
    ...origin.witness,
  };
  return { statement, input };
}

type NftFields = Pick<ExitStatement, "nftCreatorAccountId" | "nftCreatorAddress" | "nftSerialId" | "nftContentHash">;

interface OriginWitness {
  readonly fields: NftFields;
  /** The ExitCore inputs of the NFT branch (free for fungible tokens). */
  readonly witness: CircuitInput;
}

function fungibleOriginWitness(tree: StateTree, nft: NftInfo | undefined): OriginWitness {
  if (nft !== undefined) throw new ZkLiteError("NFT_INFO_MISMATCH", `NFT info given for a fungible token exit (NFT ${nft.tokenId})`);
  const zeroAccountPath = zeroSiblings(tree.accountTreeDepth);
  return {
    fields: { nftCreatorAccountId: 0, nftCreatorAddress: ZERO_ADDRESS, nftSerialId: 0, nftContentHash: ZERO_HASH },
    witness: {
      nftStorageNonce: 0n,
      nftStoragePubKeyHash: 0n,
      nftStorageAddress: 0n,
      nftStorageAccountSiblings: zeroAccountPath,
      nftStorageBalanceSiblings: zeroSiblings(tree.balanceTreeDepth),
      nftStorageProcessableRoot: 0n,
      nftCreatorNonce: 0n,
      nftCreatorPubKeyHash: 0n,
      nftCreatorProcessableRoot: 0n,
      nftCreatorExtendedRoot: 0n,
      nftCreatorAccountSiblings: zeroAccountPath,
    },
  };
}

function nftOriginWitness(tree: StateTree, tokenId: number, nft: NftInfo | undefined, balance: bigint): OriginWitness {
  if (nft === undefined) throw new ZkLiteError("NFT_INFO_REQUIRED", `token ${tokenId} is an NFT: its exit needs the NFT's info`);
  if (nft.tokenId !== tokenId) throw new ZkLiteError("NFT_INFO_MISMATCH", `NFT info of token ${nft.tokenId} given for token ${tokenId}`);
  if (balance !== 1n) throw new ZkLiteError("NFT_NOT_HELD", `the account does not hold NFT ${tokenId} (balance ${balance})`);
  const storageAccountId = 2 ** tree.accountTreeDepth - 1;
  if (!Number.isInteger(nft.creatorId) || nft.creatorId < 0 || nft.creatorId >= storageAccountId) {
    throw new ZkLiteError("NFT_INFO_MISMATCH", `NFT ${tokenId}: creator ${nft.creatorId} is not an account id`);
  }
  if (!Number.isInteger(nft.serialId) || nft.serialId < 0 || nft.serialId >= 2 ** 32) {
    throw new ZkLiteError("NFT_INFO_MISMATCH", `NFT ${tokenId}: serial id ${nft.serialId} is not a u32`);
  }
  if (!/^0x[0-9a-fA-F]{64}$/.test(nft.contentHash)) {
    throw new ZkLiteError("NFT_INFO_MISMATCH", `NFT ${tokenId}: content hash must be 0x followed by 64 hex digits`);
  }
  const storage = tree.balanceProof(storageAccountId, tokenId);
  const digest = nftContentDigest(rescueNftTokenHash(nft.creatorId, nft.serialId, nft.contentHash));
  if (storage.balance !== digest) {
    throw new ZkLiteError("NFT_INFO_MISMATCH", `NFT ${tokenId}: the storage account's digest does not match the given creator, serial and content hash`);
  }
  const creator = tree.accountProof(nft.creatorId);
  if (tree.account(nft.creatorId) === undefined || creator.address.toLowerCase() !== nft.creatorAddress.toLowerCase()) {
    throw new ZkLiteError("NFT_INFO_MISMATCH", `NFT ${tokenId}: account ${nft.creatorId} does not have address ${nft.creatorAddress}`);
  }
  return {
    fields: {
      nftCreatorAccountId: nft.creatorId,
      nftCreatorAddress: creator.address.toLowerCase(),
      nftSerialId: nft.serialId,
      nftContentHash: nft.contentHash.toLowerCase(),
    },
    witness: {
      nftStorageNonce: BigInt(storage.nonce),
      nftStoragePubKeyHash: hex160ToBigInt(storage.pubKeyHash),
      nftStorageAddress: hex160ToBigInt(storage.address),
      nftStorageAccountSiblings: siblingsOf(storage.accountPath),
      nftStorageBalanceSiblings: siblingsOf(storage.balancePath),
      nftStorageProcessableRoot: storage.processableRoot,
      nftCreatorNonce: BigInt(creator.nonce),
      nftCreatorPubKeyHash: hex160ToBigInt(creator.pubKeyHash),
      nftCreatorProcessableRoot: creator.processableRoot,
      nftCreatorExtendedRoot: creator.extendedRoot,
      nftCreatorAccountSiblings: siblingsOf(creator.accountPath),
    },
  };
}

function siblingsOf(path: AuditPath): bigint[][] {
  return path.siblings.map((level) => [...level]);
}

/** An audit path of zeros for a tree whose index is `depth` bits wide (two bits per level). */
function zeroSiblings(depth: number): bigint[][] {
  return Array.from({ length: depth / 2 }, () => [0n, 0n, 0n]);
}
