/**
 * Gas of a fast withdrawal: it seals the pending block and sends commit / prove / execute early, so it pays for the
 * block's unused chunks and for the part of the aggregated transactions' fixed cost that the blocks already waiting
 * have not covered (zkSync `calculate_fast_withdrawal_gas_cost`). Without that chain state, the standard estimate is
 * the normal withdrawal's gas × `fastProcessingCoeff` (zkSync's `fast_processing_coeff`, 10).
 */
import { AMORTIZED_COST_PER_CHUNK, BASE_BLOCKS_TX_COST } from "./gas-costs.js";

/** The node's view of blocks not yet sent to L1, as the state keeper and committer know it. */
export interface FastWithdrawalContext {
  /** Free chunks of the block being filled; undefined when none is open. */
  readonly remainingPendingChunks?: number;
  /** Blocks waiting for each aggregated L1 operation. */
  readonly blocksToCommit: number;
  readonly blocksToProve: number;
  readonly blocksToExecute: number;
}

/** The share of `baseCost` not yet covered when `waiting` of `maxBlocks` blocks are in the next aggregated tx. */
function uncoveredBaseCost(baseCost: bigint, maxBlocks: number, waiting: number): bigint {
  return baseCost - (baseCost / BigInt(maxBlocks)) * BigInt(waiting % maxBlocks);
}

export function fastWithdrawalGas(opChunks: number, context: FastWithdrawalContext, maxBlocksToAggregate: number): bigint {
  const remaining = context.remainingPendingChunks;
  const unusedChunks = remaining === undefined || opChunks > remaining ? 0n : BigInt(remaining) * AMORTIZED_COST_PER_CHUNK;
  return (
    uncoveredBaseCost(BASE_BLOCKS_TX_COST.commit, maxBlocksToAggregate, context.blocksToCommit) +
    uncoveredBaseCost(BASE_BLOCKS_TX_COST.execute, maxBlocksToAggregate, context.blocksToExecute) +
    uncoveredBaseCost(BASE_BLOCKS_TX_COST.prove, maxBlocksToAggregate, context.blocksToProve) +
    unusedChunks
  );
}
