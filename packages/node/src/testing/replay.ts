/**
 * Test helper: recomputes every stored block of a node from the block's own operations on a fresh
 * `RollupState` (independent of the node's state keeper) and checks its root and commitment.
 */
import type { Provider } from "@zklite/sdk";
import { parsePriorityOp, parseTx, type Tx } from "@zklite/protocol";
import { RollupState } from "@zklite/state";
import { expect } from "vitest";

export interface ReplayParameters {
  readonly feeAccountAddress: string;
  readonly blockChunkSizes: readonly number[];
  readonly maxFeeTokens?: number;
  readonly maxExtendedTouches?: number;
}

/** Returns the replayed state after `lastBlock`. */
export async function replayStoredBlocks(provider: Provider, parameters: ReplayParameters, lastBlock: number): Promise<RollupState> {
  const state = RollupState.genesis({ accountTreeDepth: 24, balanceTreeDepth: 32, feeAccountAddress: parameters.feeAccountAddress });
  for (let number = 1; number <= lastBlock; number++) {
    const block = await provider.getBlock(number);
    if (block === null || block.status === "pending") throw new Error(`block ${number} is not stored`);
    const operations = (await provider.getBlockTransactions(number)).filter((op) => op.success);
    const builder = state.openBlock({
      blockNumber: number,
      feeAccountId: block.feeAccountId,
      timestamp: block.timestamp,
      blockChunkSizes: parameters.blockChunkSizes,
      maxFeeTokens: parameters.maxFeeTokens ?? 8,
      maxExtendedTouches: parameters.maxExtendedTouches ?? 4,
    });
    for (let i = 0; i < operations.length; ) {
      const op = operations[i] as (typeof operations)[number];
      if (op.serialId !== null) {
        builder.applyPriorityOp(parsePriorityOp(op.tx));
        i++;
      } else if (op.batchHash !== null) {
        const batch: Tx[] = [];
        while (i < operations.length && operations[i]?.batchHash === op.batchHash) batch.push(parseTx(operations[i++]?.tx));
        builder.applyBatch(batch);
      } else {
        builder.applyTx(parseTx(op.tx));
        i++;
      }
    }
    const sealed = builder.seal();
    expect(`0x${sealed.newStateRoot.toString(16).padStart(64, "0")}`, `root of block ${number}`).toBe(block.newStateRoot);
    expect(`0x${Buffer.from(sealed.commitment).toString("hex")}`, `commitment of block ${number}`).toBe(block.commitment);
  }
  return state;
}
