import { CHUNK_BYTES, decodeBlockOperations, OP_CHUNKS, parseTx, ZkLiteError } from "@zklite/protocol";
import type { BlockOperation, BlockWitnessRequest } from "@zklite/circuits/witness";
import type { AccountDiff, NftInfo } from "@zklite/state";
import { parseAccountDiff } from "../storage/account-diff-json.js";
import type { PrismaClient } from "../storage/generated/client.js";

/** What the witness generator needs of a sealed block: its operations with their signed txs, and its state diff. */
export interface StoredBlock {
  readonly blockNumber: number;
  readonly blockChunks: number;
  /** 0x-hex SHA-256 commitment and Poseidon roots, as stored. */
  readonly commitment: string;
  readonly oldStateRoot: string;
  readonly newStateRoot: string;
  readonly request: BlockWitnessRequest;
  /** The accounts and NFTs the block changed (its `StateDiff` but for the allocator, which storage does not keep per block). */
  readonly accounts: readonly AccountDiff[];
  readonly nfts: readonly NftInfo[];
}

/**
 * Reads block `blockNumber` back from storage: its operations decoded from the stored pubdata (alignment Noops
 * included, padding dropped), each signed operation paired with its transaction by `blockIndex`, and its diff.
 */
export async function loadStoredBlock(prisma: PrismaClient, blockNumber: number): Promise<StoredBlock | undefined> {
  const block = await prisma.block.findUnique({ where: { number: blockNumber } });
  if (block === null) return undefined;
  const [executed, updates, nfts] = await Promise.all([
    prisma.executedOperation.findMany({
      where: { blockNumber, success: true, priorityOpSerialId: null },
      select: { blockIndex: true, tx: true },
    }),
    prisma.accountUpdate.findMany({ where: { blockNumber }, orderBy: { id: "asc" } }),
    prisma.nft.findMany({ where: { mintedInBlock: blockNumber }, orderBy: { tokenId: "asc" } }),
  ]);
  const txs = new Map(executed.map((row) => [row.blockIndex, row.tx]));
  const usedBytes = block.chunksUsed * CHUNK_BYTES;
  const operations: BlockOperation[] = [];
  for (const { op, offset } of decodeBlockOperations(new Uint8Array(block.publicData))) {
    if (offset >= usedBytes) break;
    const tx = txs.get(operations.length);
    operations.push(tx === undefined ? { op } : { op, tx: parseTx(tx) });
    if (offset + OP_CHUNKS[op.type] * CHUNK_BYTES > usedBytes) throw corrupt(blockNumber, "an operation runs past the chunks used");
  }
  if (txs.size !== operations.filter((entry) => entry.tx !== undefined).length) throw corrupt(blockNumber, "a transaction has no operation in the pubdata");
  return {
    blockNumber,
    blockChunks: block.blockChunks,
    commitment: block.commitment,
    oldStateRoot: block.oldStateRoot,
    newStateRoot: block.newStateRoot,
    request: { blockNumber, feeAccountId: block.feeAccountId, timestamp: Number(block.timestamp), operations },
    accounts: updates.map((update) => parseAccountDiff(update.diff)),
    nfts: nfts.map(({ tokenId, creatorId, creatorAddress, serialId, contentHash, address }) => ({ tokenId, creatorId, creatorAddress, serialId, contentHash, address })),
  };
}

function corrupt(blockNumber: number, why: string): ZkLiteError {
  return new ZkLiteError("STATE_CORRUPT", `stored block ${blockNumber} cannot be witnessed: ${why}`);
}
