import type { PriorityOp } from "@zklite/protocol";

export interface QueuedPriorityOp {
  readonly serialId: bigint;
  readonly op: PriorityOp;
}

/** Confirmed L1 priority operations, in serial order (storage/priority-op-repository.ts). */
export interface PriorityOpSource {
  /** Up to `limit` confirmed operations with serial id ≥ `from`, contiguous, ascending. */
  confirmedFrom(from: bigint, limit: number): Promise<QueuedPriorityOp[]>;
}
