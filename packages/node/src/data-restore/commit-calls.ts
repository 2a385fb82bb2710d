/**
 * The `commitBlocks(lastCommittedBlockData, newBlocksData)` call inside a commit transaction's calldata. An operator
 * calling the rollup directly puts it at the start; one behind a multisig or another wrapper (a Safe's
 * `execTransaction`, a `multiSend`, a timelock) carries it as bytes somewhere inside its own call, ABI-aligned or
 * packed. So the call is looked for at every offset where its selector appears, and the one taken is the one that
 * decodes and commits exactly the blocks the transaction's `BlockCommit` events name.
 */
import { getBytes, hexlify } from "ethers";
import { rollupInterface } from "../eth-sender/rollup-abi.js";
import type { CommitBlockInfo, StoredBlockInfo } from "../eth-sender/block-encoding.js";
import { DataRestoreError } from "./errors.js";

export interface CommitCall {
  readonly lastCommitted: StoredBlockInfo;
  readonly blocks: readonly CommitBlockInfo[];
}

const commitBlocks = rollupInterface.getFunction("commitBlocks")!;
const SELECTOR = getBytes(commitBlocks.selector);

/** The commit call of the transaction `txHash` (sent to `to`) that committed `blockNumbers`, in order. */
export function findCommitCall(input: string, blockNumbers: readonly number[], where: { txHash: string; to: string | null }): CommitCall {
  const data = getBytes(input);
  for (let offset = 0; offset + SELECTOR.length <= data.length; offset++) {
    if (!SELECTOR.every((byte, i) => data[offset + i] === byte)) continue;
    const call = tryDecode(data.subarray(offset));
    if (call !== undefined && sameNumbers(call.blocks.map((block) => block.blockNumber), blockNumbers)) return call;
  }
  throw new DataRestoreError(
    "RESTORE_COMMIT_UNDECODABLE",
    `L1 transaction ${where.txHash} (to ${where.to ?? "a contract creation"}) committed blocks ${blockNumbers.join(", ")}, but its calldata holds no commitBlocks call for them` +
      " (an internal call built on chain, not passed in calldata, cannot be read from L1 calldata)",
  );
}

function tryDecode(data: Uint8Array): CommitCall | undefined {
  try {
    const [last, blocks] = rollupInterface.decodeFunctionData(commitBlocks, hexlify(data)) as unknown as [RawStoredBlock, RawCommitBlock[]];
    return {
      lastCommitted: {
        blockNumber: Number(last.blockNumber),
        priorityOperations: BigInt(last.priorityOperations),
        pendingOnchainOperationsHash: String(last.pendingOnchainOperationsHash).toLowerCase(),
        timestamp: BigInt(last.timestamp),
        stateHash: String(last.stateHash).toLowerCase(),
        commitment: String(last.commitment).toLowerCase(),
      },
      blocks: blocks.map((block) => ({
        newStateHash: String(block.newStateHash).toLowerCase(),
        publicData: String(block.publicData).toLowerCase(),
        timestamp: BigInt(block.timestamp),
        onchainOperations: block.onchainOperations.map((op) => ({ ethWitness: String(op.ethWitness), publicDataOffset: Number(op.publicDataOffset) })),
        blockNumber: Number(block.blockNumber),
        feeAccount: Number(block.feeAccount),
      })),
    };
  } catch {
    return undefined;
  }
}

function sameNumbers(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((n, i) => n === b[i]);
}

interface RawStoredBlock {
  blockNumber: bigint;
  priorityOperations: bigint;
  pendingOnchainOperationsHash: string;
  timestamp: bigint;
  stateHash: string;
  commitment: string;
}

interface RawCommitBlock {
  newStateHash: string;
  publicData: string;
  timestamp: bigint;
  onchainOperations: { ethWitness: string; publicDataOffset: bigint }[];
  blockNumber: bigint;
  feeAccount: bigint;
}
