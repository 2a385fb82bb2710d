/**
 * What the rollup's commit / prove / execute / revert calls take, built from the node's stored `Block` rows with
 * @zklite/protocol (PROTOCOL.md §4.3–§4.4): the block's `StoredBlockInfo`, its `CommitBlockInfo`, and the pubdata
 * of its pending on-chain operations.
 */
import {
  CHUNK_BYTES,
  countPriorityOperations,
  decodeBlockOperations,
  isProcessableOperation,
  operationChunks,
  pendingOnchainOperationsHash,
  storedBlockInfoHash,
  toHex,
} from "@zklite/protocol";
import { EthSenderError } from "./errors.js";

/** The columns of a stored `Block` row the L1 calls need. */
export interface BlockRow {
  readonly number: number;
  readonly feeAccountId: number;
  readonly timestamp: bigint;
  readonly oldStateRoot: string;
  readonly newStateRoot: string;
  readonly commitment: string;
  readonly blockChunks: number;
  readonly publicData: Uint8Array;
  readonly onchainOperations: unknown;
}

/** `StoredBlockInfo` as the ABI coder takes it. */
export interface StoredBlockInfo {
  readonly blockNumber: number;
  readonly priorityOperations: bigint;
  readonly pendingOnchainOperationsHash: string;
  readonly timestamp: bigint;
  readonly stateHash: string;
  readonly commitment: string;
}

export interface CommitBlockInfo {
  readonly newStateHash: string;
  readonly publicData: string;
  readonly timestamp: bigint;
  readonly onchainOperations: readonly { readonly ethWitness: string; readonly publicDataOffset: number }[];
  readonly blockNumber: number;
  readonly feeAccount: number;
}

/** The deployment file's `genesis.storedBlockInfo` (decimal strings). */
export interface GenesisStoredBlockJson {
  readonly blockNumber: number;
  readonly priorityOperations: string;
  readonly pendingOnchainOperationsHash: string;
  readonly timestamp: string;
  readonly stateHash: string;
  readonly commitment: string;
}

export function genesisStoredBlock(json: GenesisStoredBlockJson): StoredBlockInfo {
  return {
    blockNumber: json.blockNumber,
    priorityOperations: BigInt(json.priorityOperations),
    pendingOnchainOperationsHash: json.pendingOnchainOperationsHash.toLowerCase(),
    timestamp: BigInt(json.timestamp),
    stateHash: json.stateHash.toLowerCase(),
    commitment: json.commitment.toLowerCase(),
  };
}

export function storedBlockInfo(block: BlockRow): StoredBlockInfo {
  return {
    blockNumber: block.number,
    priorityOperations: BigInt(countPriorityOperations(block.publicData)),
    pendingOnchainOperationsHash: toHex(pendingOnchainOperationsHash(block.publicData)),
    timestamp: block.timestamp,
    stateHash: block.newStateRoot,
    commitment: block.commitment,
  };
}

/** keccak256(abi.encode(StoredBlockInfo)), what the rollup keeps in `storedBlockHashes`. */
export function storedBlockHash(info: StoredBlockInfo): string {
  return toHex(storedBlockInfoHash(info));
}

function onchainOperations(block: BlockRow): CommitBlockInfo["onchainOperations"] {
  const list = block.onchainOperations;
  if (!Array.isArray(list)) throw new EthSenderError("ETH_SENDER_BAD_INPUT", `block ${block.number}: onchainOperations is not a list`);
  return list.map((entry: unknown, i) => {
    const { publicDataOffset, ethWitness } = (entry ?? {}) as { publicDataOffset?: unknown; ethWitness?: unknown };
    if (typeof publicDataOffset !== "number" || (ethWitness !== undefined && typeof ethWitness !== "string")) {
      throw new EthSenderError("ETH_SENDER_BAD_INPUT", `block ${block.number}: on-chain operation ${i} is malformed`);
    }
    return { publicDataOffset, ethWitness: ethWitness === undefined || ethWitness === "" ? "0x" : ethWitness };
  });
}

/** The block as `commitBlocks` takes it, checked to continue `previous` (same state root). */
export function commitBlockInfo(block: BlockRow, previous: StoredBlockInfo): CommitBlockInfo {
  if (block.number !== previous.blockNumber + 1) {
    throw new EthSenderError("ETH_SENDER_BAD_INPUT", `block ${block.number} does not follow block ${previous.blockNumber}`);
  }
  if (block.oldStateRoot.toLowerCase() !== previous.stateHash.toLowerCase()) {
    throw new EthSenderError(
      "ETH_SENDER_STATE_ROOT_MISMATCH",
      `block ${block.number} starts from state root ${block.oldStateRoot}, but the L1 knows block ${previous.blockNumber} with state hash ${previous.stateHash}` +
        (previous.blockNumber === 0 ? " (was the rollup deployed with a placeholder genesis root? set ZKLITE_GENESIS_ROOT when deploying)" : ""),
    );
  }
  return {
    newStateHash: block.newStateRoot,
    publicData: toHex(block.publicData),
    timestamp: block.timestamp,
    onchainOperations: onchainOperations(block),
    blockNumber: block.number,
    feeAccount: block.feeAccountId,
  };
}

/** The full pubdata of each Withdraw / ForcedExit / FullExit / WithdrawNFT of the block, in order (`executeBlocks`). */
export function pendingOnchainOpsPubdata(block: BlockRow): string[] {
  return decodeBlockOperations(block.publicData)
    .filter(({ op }) => isProcessableOperation(op.type))
    .map(({ op, offset }) => toHex(block.publicData.subarray(offset, offset + operationChunks(op.type) * CHUNK_BYTES)));
}
