/**
 * The blocks L1 holds now, built from its block events in L1 order: a `BlockCommit` puts a block at its number
 * (over a reverted one), a `BlocksRevert` drops every block above the new total committed, a `BlockVerification`
 * marks a block executed (executed blocks are never reverted).
 */
import type { BlockEvent } from "./rollup-history.js";

export interface CommitRef {
  readonly txHash: string;
  readonly l1BlockNumber: number;
}

export class CanonicalChain {
  private readonly commits = new Map<number, CommitRef>();
  private readonly executions = new Map<number, string>();
  /** Every block number each commit transaction's events named, reverted ones included (to find its call). */
  private readonly txBlocks = new Map<string, number[]>();
  private executedUpTo = 0;

  apply(event: BlockEvent): void {
    if (event.kind === "commit") {
      this.commits.set(event.blockNumber, { txHash: event.txHash, l1BlockNumber: event.l1BlockNumber });
      const named = this.txBlocks.get(event.txHash) ?? [];
      named.push(event.blockNumber);
      this.txBlocks.set(event.txHash, named);
    } else if (event.kind === "execute") {
      this.executions.set(event.blockNumber, event.txHash);
      this.executedUpTo = Math.max(this.executedUpTo, event.blockNumber);
    } else {
      for (const blockNumber of [...this.commits.keys()]) if (blockNumber > event.totalBlocksCommitted) this.commits.delete(blockNumber);
    }
  }

  /** The last block of the unbroken run of committed blocks from block 1. */
  get lastCommitted(): number {
    let n = 0;
    while (this.commits.has(n + 1)) n++;
    return n;
  }

  get lastExecuted(): number {
    return this.executedUpTo;
  }

  commitOf(blockNumber: number): CommitRef | undefined {
    return this.commits.get(blockNumber);
  }

  executeTxOf(blockNumber: number): string | undefined {
    return this.executions.get(blockNumber);
  }

  blocksNamedBy(txHash: string): readonly number[] {
    return this.txBlocks.get(txHash) ?? [];
  }
}
