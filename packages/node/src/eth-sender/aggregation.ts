/**
 * Which blocks go into the next commit / prove / execute transaction (zkSync's aggregated committer, §1.3 of the
 * research notes): contiguous blocks from the next one due, as many as fit `maxBlocks` and the gas budget. The
 * aggregate is sent when it is full (by count or gas), or when its oldest block has waited `deadlineMs`.
 */

export interface WaitingBlock {
  readonly number: number;
  /** When the block became ready for this operation (sealed / committed with a proof / proven). */
  readonly readyAt: Date;
  readonly gas: bigint;
}

export interface AggregationLimits {
  readonly maxBlocks: number;
  readonly maxTxGas: bigint;
  readonly deadlineMs: number;
  /** Gas of the call itself, besides its blocks. */
  readonly baseGas: bigint;
}

export interface Aggregate {
  readonly fromBlock: number;
  readonly toBlock: number;
  readonly reason: "full" | "gas" | "deadline";
  readonly estimatedGas: bigint;
}

/** `waiting` must be contiguous and start at the next block due. */
export function chooseAggregate(waiting: readonly WaitingBlock[], limits: AggregationLimits, now: number): Aggregate | undefined {
  const first = waiting[0];
  if (first === undefined) return undefined;
  let gas = limits.baseGas + first.gas;
  let count = 1;
  while (count < waiting.length && count < limits.maxBlocks) {
    const next = waiting[count] as WaitingBlock;
    if (next.number !== first.number + count) throw new Error(`waiting blocks are not contiguous at ${next.number}`);
    if (gas + next.gas > limits.maxTxGas) break;
    gas += next.gas;
    count += 1;
  }
  const range = { fromBlock: first.number, toBlock: first.number + count - 1, estimatedGas: gas };
  if (count === limits.maxBlocks) return { ...range, reason: "full" };
  if (count < waiting.length) return { ...range, reason: "gas" };
  const oldest = Math.min(...waiting.slice(0, count).map((block) => block.readyAt.getTime()));
  if (now - oldest >= limits.deadlineMs) return { ...range, reason: "deadline" };
  return undefined;
}
