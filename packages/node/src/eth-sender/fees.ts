/**
 * EIP-1559 fees of the operator's transactions. A new transaction offers `maxFeePerGas = 2 × baseFee + tip`. A
 * replacement of a stuck one offers at least 12.5 % more on BOTH fields (geth wants 10 %, others 12.5 %), and never
 * less than the current network's price — unlike zkSync's eth_sender, whose capped "replacement" could go below the
 * stuck price (research/server-internals.md §1.4).
 */

export interface Fees {
  readonly maxFeePerGas: bigint;
  readonly maxPriorityFeePerGas: bigint;
}

/** Fees for a first broadcast at the given next-block base fee. */
export function initialFees(baseFeeWei: bigint, priorityFeeWei: bigint): Fees {
  return { maxFeePerGas: 2n * baseFeeWei + priorityFeeWei, maxPriorityFeePerGas: priorityFeeWei };
}

/** ceil(value × 1.125), and at least value + 1 (a zero tip still grows). */
export function bump(value: bigint): bigint {
  const bumped = (value * 1125n + 999n) / 1000n;
  return bumped > value ? bumped : value + 1n;
}

/** Fees for the replacement of `stuck`: ≥ 12.5 % above it on both fields, and ≥ what a new transaction would offer now. */
export function replacementFees(stuck: Fees, current: Fees): Fees {
  const max = (a: bigint, b: bigint) => (a > b ? a : b);
  const maxPriorityFeePerGas = max(bump(stuck.maxPriorityFeePerGas), current.maxPriorityFeePerGas);
  const maxFeePerGas = max(max(bump(stuck.maxFeePerGas), current.maxFeePerGas), maxPriorityFeePerGas);
  return { maxFeePerGas, maxPriorityFeePerGas };
}
