/**
 * The rollup functions and errors the eth-sender uses, as human-readable ABI (no dependency on the contracts'
 * package at run time). rollup-abi.test.ts checks every selector against the compiled contracts.
 */
import { Interface } from "ethers";

const STORED_BLOCK = "(uint32 blockNumber, uint64 priorityOperations, bytes32 pendingOnchainOperationsHash, uint256 timestamp, bytes32 stateHash, bytes32 commitment)";
const COMMIT_BLOCK = "(bytes32 newStateHash, bytes publicData, uint256 timestamp, (bytes ethWitness, uint32 publicDataOffset)[] onchainOperations, uint32 blockNumber, uint32 feeAccount)";

export const ROLLUP_FUNCTIONS = [
  `function commitBlocks(${STORED_BLOCK} lastCommittedBlockData, ${COMMIT_BLOCK}[] newBlocksData)`,
  `function proveBlocks(${STORED_BLOCK}[] committedBlocks, (uint32 chunks, uint256[8] proof)[] proofs)`,
  `function executeBlocks((${STORED_BLOCK} storedBlock, bytes[] pendingOnchainOpsPubdata)[] blocksData)`,
  `function revertBlocks(${STORED_BLOCK}[] blocksToRevert)`,
  "function totalBlocksCommitted() view returns (uint32)",
  "function totalBlocksProven() view returns (uint32)",
  "function totalBlocksExecuted() view returns (uint32)",
  "function storedBlockHashes(uint32) view returns (bytes32)",
] as const;

/** Errors commit / prove / execute / revert can end with (rollup, extension, governance, verifier adapter). */
export const ROLLUP_ERRORS = [
  "error ExodusModeActive()",
  "error NotActiveValidator(address caller)",
  "error PreviousBlockMismatch()",
  "error NonSequentialBlock(uint32 expected, uint32 given)",
  "error TimestampBeforePreviousBlock()",
  "error TimestampOutOfRange(uint256 timestamp)",
  "error PubdataNotChunkAligned(uint256 length)",
  "error OffsetNotChunkAligned(uint256 offset)",
  "error OnchainOpsOutOfOrder(uint256 offset)",
  "error OnchainOpOutOfBounds(uint256 offset)",
  "error UnsupportedOnchainOp(uint8 opType)",
  "error PriorityOpTypeMismatch(uint64 requestId)",
  "error PriorityOpPubdataMismatch(uint64 requestId)",
  "error UnsupportedChangePubKeyType(uint8 witnessType)",
  "error InvalidWitnessLength()",
  "error ChangePubKeyWitnessInvalid(uint32 accountId)",
  "error ChangePubKeyNotAuthorized(uint32 accountId)",
  "error ProofCountMismatch()",
  "error NoUnprovenBlockGiven()",
  "error ProvenBlockMismatch(uint32 blockNumber)",
  "error InvalidProof(uint32 blockNumber)",
  "error UnsupportedBlockSize(uint32 chunks)",
  "error ExecutedBlockMismatch(uint32 blockNumber)",
  "error BlocksNotInOrder(uint32 expected, uint32 given)",
  "error InvalidPendingOpLength(uint8 opType, uint256 length)",
  "error UnsupportedPendingOp(uint8 opType)",
  "error NonFungibleWithdrawal(uint32 tokenId)",
  "error PendingOpsHashMismatch(uint32 blockNumber)",
  "error BlockNotProven()",
  "error RevertedBlockMismatch(uint32 blockNumber)",
] as const;

export const rollupInterface = new Interface([...ROLLUP_FUNCTIONS, ...ROLLUP_ERRORS]);

/** A revert's data as `Name(arg, …)` when it is an error `iface` knows, else the raw data. */
export function describeRevert(data: string | undefined | null, iface: Interface = rollupInterface): string {
  if (data === undefined || data === null || data === "0x") return "no revert data";
  try {
    const parsed = iface.parseError(data);
    if (parsed !== null) return `${parsed.name}(${parsed.args.map((arg: unknown) => String(arg)).join(", ")})`;
  } catch {
    // fall through: an error the fragments do not list
  }
  return `revert data ${data}`;
}
