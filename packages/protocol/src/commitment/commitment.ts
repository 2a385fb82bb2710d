/**
 * What `commitBlocks` checks and what the block circuit exposes (§4.3, §4.4): the on-chain operation
 * offsets, their per-chunk commitment, the SHA-256 block commitment and its 253-bit public input.
 */
import { sha256 } from "@noble/hashes/sha2.js";
import { concatBytes, parseHex, requireBytes } from "../bytes.js";
import { CHUNK_BYTES, MAX_ACCOUNT_ID } from "../constants.js";
import { describeValue, protocolError, requireObject } from "../errors.js";
import { decodeUintBE, encodeUint, encodeUintBE, requireInteger } from "../integers.js";
import { decodeBlockOperations } from "../pubdata/block.js";
import { isOnchainOperation } from "../pubdata/operations.js";

/** A 32-byte value: bytes, `0x` hex, or an unsigned integer (written big-endian). */
export type Bytes32Like = Uint8Array | string | bigint;

/** Throws `INVALID_BLOCK` unless `value` is a valid `Bytes32Like`. */
export function toBytes32(value: Bytes32Like, what = "value"): Uint8Array {
  if (typeof value === "bigint") return encodeUint(value, 32, what, "INVALID_BLOCK");
  if (typeof value === "string") return parseHex(value, { length: 32, what, code: "INVALID_BLOCK" });
  return requireBytes(value, what, "INVALID_BLOCK", 32);
}

/** Byte offsets of the first chunk of every on-chain operation (`OnchainOperationData.publicDataOffset`). */
export function onchainOperationOffsets(publicData: Uint8Array): number[] {
  return decodeBlockOperations(publicData)
    .filter(({ op }) => isOnchainOperation(op.type))
    .map(({ offset }) => offset);
}

/** One byte per chunk: 0x01 at the first chunk of every on-chain operation, else 0x00. */
export function onchainOpsOffsetCommitment(publicData: Uint8Array): Uint8Array {
  const commitment = new Uint8Array(requireBytes(publicData, "pubdata", "INVALID_PUBDATA").length / CHUNK_BYTES);
  for (const offset of onchainOperationOffsets(publicData)) commitment[offset / CHUNK_BYTES] = 1;
  return commitment;
}

export interface BlockCommitmentInput {
  blockNumber: number;
  /** Account id credited with the block's fees. */
  feeAccount: number;
  oldStateRoot: Bytes32Like;
  newStateRoot: Bytes32Like;
  /** Seconds (`uint256` on L1). */
  timestamp: number | bigint;
  publicData: Uint8Array;
}

/**
 * The block commitment (`createBlockCommitment`):
 * h = sha256(u256 blockNumber ‖ u256 feeAccount), then h = sha256(h ‖ oldRoot), sha256(h ‖ newRoot),
 * sha256(h ‖ u256 timestamp), and finally sha256(h ‖ publicData ‖ onchainOpsOffsetCommitment).
 */
export function blockCommitment(input: BlockCommitmentInput): Uint8Array {
  const block = requireObject(input, "block", "INVALID_BLOCK");
  const blockNumber = requireInteger(block.blockNumber, 0, 2 ** 32 - 1, "block number", "INVALID_BLOCK");
  const feeAccount = requireInteger(block.feeAccount, 0, MAX_ACCOUNT_ID, "fee account", "INVALID_BLOCK");
  if (typeof block.timestamp !== "number" && typeof block.timestamp !== "bigint") {
    throw protocolError("INVALID_BLOCK", `timestamp must be a number or bigint, got ${describeValue(block.timestamp)}`);
  }
  const offsetCommitment = onchainOpsOffsetCommitment(block.publicData);
  let hash = sha256(concatBytes(encodeUintBE(blockNumber, 32), encodeUintBE(feeAccount, 32)));
  hash = sha256(concatBytes(hash, toBytes32(block.oldStateRoot, "old state root")));
  hash = sha256(concatBytes(hash, toBytes32(block.newStateRoot, "new state root")));
  hash = sha256(concatBytes(hash, encodeUint(block.timestamp, 32, "timestamp", "INVALID_BLOCK")));
  return sha256(concatBytes(hash, block.publicData, offsetCommitment));
}

const LOW_253_BITS = (1n << 253n) - 1n;

/** The block circuit's single public input: the commitment with its top 3 bits cleared. */
export function maskCommitment(commitment: Uint8Array): bigint {
  return decodeUintBE(requireBytes(commitment, "commitment", "INVALID_BLOCK", 32), 0, 32) & LOW_253_BITS;
}
