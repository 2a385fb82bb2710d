/**
 * A restore kept in memory (no database): for a browser, or to check an operator without a node. The state is the
 * one the restore advances; blocks and priority requests are kept as they come.
 */
import type { RollupState } from "@zklite/state";
import { storedBlockInfo, type StoredBlockInfo } from "../eth-sender/block-encoding.js";
import type { ConfirmedBatch, ConfirmedPriorityOp, L1Cursor } from "../eth-watch/types.js";
import { genesisState, type GenesisSpec, type RestoreStart, type RestoreStore, type RestoredBlock } from "./restore-store.js";

export class MemoryRestoreStore implements RestoreStore {
  readonly blocks: RestoredBlock[] = [];
  readonly priorityOps: ConfirmedPriorityOp[] = [];
  private restored: RollupState | undefined;
  private cursor: L1Cursor | undefined;

  /** The restored state (after `open`). */
  get state(): RollupState {
    if (this.restored === undefined) throw new Error("the store is not open");
    return this.restored;
  }

  /** The `StoredBlockInfo` of the last block (what `performExodus` takes), undefined at genesis. */
  get lastBlockInfo(): StoredBlockInfo | undefined {
    const last = this.blocks.at(-1);
    return last === undefined ? undefined : storedBlockInfo(last);
  }

  async open(genesis: GenesisSpec): Promise<RestoreStart> {
    this.restored ??= genesisState(genesis);
    const executed = this.blocks.reduce((sum, block) => sum + block.priorityOps.count, 0);
    return {
      state: this.restored,
      lastBlock: this.blocks.at(-1)?.number ?? 0,
      lastBlockInfo: this.lastBlockInfo,
      nextExecutedPriorityOp: BigInt(executed),
      cursor: this.cursor,
      nextStoredPriorityOp: BigInt(this.priorityOps.length),
    };
  }

  async saveWindow(batch: ConfirmedBatch): Promise<void> {
    this.priorityOps.push(...batch.priorityOps);
    this.cursor = batch.cursor;
  }

  async saveBlock(block: RestoredBlock): Promise<void> {
    this.blocks.push(block);
  }
}
