/** L1 bookkeeping derived from a block's pubdata (`collectOnchainOps`, `StoredBlockInfo`). */
import { keccak_256 } from "@noble/hashes/sha3.js";
import { concatBytes, toHex } from "../bytes.js";
import { CHUNK_BYTES, OP_CHUNKS } from "../constants.js";
import { requireObject } from "../errors.js";
import { encodeUint } from "../integers.js";
import { decodeBlockOperations } from "../pubdata/block.js";
import { isPriorityOperation, isProcessableOperation } from "../pubdata/operations.js";
import { toBytes32, type Bytes32Like } from "./commitment.js";

/** keccak256 of the empty string: the start of every block's pending-operations fold and block 0's hash. */
export const EMPTY_STRING_KECCAK = toHex(keccak_256(new Uint8Array()));

/**
 * `pendingOnchainOperationsHash` of a block: starting from keccak256(""), fold
 * `h = keccak256(h ‖ opPubdata)` over the Withdraw, ForcedExit, FullExit and WithdrawNFT operations in
 * order, each with its full padded pubdata.
 */
export function pendingOnchainOperationsHash(publicData: Uint8Array): Uint8Array {
  let hash = keccak_256(new Uint8Array());
  for (const { op, offset } of decodeBlockOperations(publicData)) {
    if (!isProcessableOperation(op.type)) continue;
    hash = keccak_256(concatBytes(hash, publicData.subarray(offset, offset + OP_CHUNKS[op.type] * CHUNK_BYTES)));
  }
  return hash;
}

/** Number of priority operations (Deposit, FullExit) in the block: `StoredBlockInfo.priorityOperations`. */
export function countPriorityOperations(publicData: Uint8Array): number {
  return decodeBlockOperations(publicData).filter(({ op }) => isPriorityOperation(op.type)).length;
}

export interface StoredBlockInfo {
  blockNumber: number;
  priorityOperations: number | bigint;
  pendingOnchainOperationsHash: Bytes32Like;
  timestamp: number | bigint;
  stateHash: Bytes32Like;
  commitment: Bytes32Like;
}

/** An unsigned integer of at most `byteLength` bytes, ABI-encoded in one 32-byte word. */
function abiUint(value: number | bigint, byteLength: number, what: string): Uint8Array {
  const word = new Uint8Array(32);
  word.set(encodeUint(value, byteLength, what, "INVALID_BLOCK"), 32 - byteLength);
  return word;
}

/** `storedBlockHashes[n]`: keccak256(abi.encode(StoredBlockInfo)); every field is one 32-byte word. */
export function storedBlockInfoHash(info: StoredBlockInfo): Uint8Array {
  const block = requireObject(info, "stored block info", "INVALID_BLOCK");
  return keccak_256(
    concatBytes(
      abiUint(block.blockNumber, 4, "block number"),
      abiUint(block.priorityOperations, 8, "priority operations"),
      toBytes32(block.pendingOnchainOperationsHash, "pending operations hash"),
      abiUint(block.timestamp, 32, "timestamp"),
      toBytes32(block.stateHash, "state hash"),
      toBytes32(block.commitment, "commitment"),
    ),
  );
}
