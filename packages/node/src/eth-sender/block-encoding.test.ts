import { describe, expect, it } from "vitest";
import { EMPTY_STRING_KECCAK } from "@zklite/protocol";
import { commitBlockInfo, genesisStoredBlock, pendingOnchainOpsPubdata, storedBlockHash, storedBlockInfo, type BlockRow } from "./block-encoding.js";

const ROOT_0 = `0x${"11".repeat(32)}`;
const ROOT_1 = `0x${"22".repeat(32)}`;
const genesis = genesisStoredBlock({ blockNumber: 0, priorityOperations: "0", pendingOnchainOperationsHash: EMPTY_STRING_KECCAK, timestamp: "0", stateHash: ROOT_0, commitment: `0x${"00".repeat(32)}` });
const block: BlockRow = {
  number: 1,
  feeAccountId: 0,
  timestamp: 1_700_000_000n,
  oldStateRoot: ROOT_0,
  newStateRoot: ROOT_1,
  commitment: `0x${"33".repeat(32)}`,
  blockChunks: 10,
  publicData: new Uint8Array(100), // ten Noop chunks
  onchainOperations: [],
};

describe("block encoding", () => {
  it("builds the StoredBlockInfo and CommitBlockInfo of a stored block", () => {
    expect(storedBlockInfo(block)).toEqual({ blockNumber: 1, priorityOperations: 0n, pendingOnchainOperationsHash: EMPTY_STRING_KECCAK, timestamp: 1_700_000_000n, stateHash: ROOT_1, commitment: block.commitment });
    expect(commitBlockInfo(block, genesis)).toMatchObject({ newStateHash: ROOT_1, blockNumber: 1, feeAccount: 0, onchainOperations: [] });
    expect(pendingOnchainOpsPubdata(block)).toEqual([]);
    expect(storedBlockHash(storedBlockInfo(block))).toMatch(/^0x[0-9a-f]{64}$/);
  });

  it("refuses a block that does not continue the previous one, with a typed error", () => {
    const placeholder = { ...genesis, stateHash: `0x${"00".repeat(32)}` };
    expect(() => commitBlockInfo(block, placeholder)).toThrow(expect.objectContaining({ code: "ETH_SENDER_STATE_ROOT_MISMATCH" }));
    expect(() => commitBlockInfo({ ...block, number: 2 }, genesis)).toThrow(expect.objectContaining({ code: "ETH_SENDER_BAD_INPUT" }));
    expect(() => commitBlockInfo({ ...block, onchainOperations: [{ publicDataOffset: "x" }] }, genesis)).toThrow(/malformed/);
  });
});
