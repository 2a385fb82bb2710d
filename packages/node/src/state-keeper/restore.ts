import { parsePriorityOp, parseTx, ZkLiteError, type PriorityOp, type Tx } from "@zklite/protocol";
import { RollupState, type AsyncBatchHasher, type RollupStateOptions } from "@zklite/state";
import type { ChainRepository, StoredChain } from "../storage/chain-repository.js";
import { hex32 } from "../storage/json.js";

export interface RestoreOptions extends RollupStateOptions {
  readonly feeAccountAddress: string;
  /** The genesis root the L1 contract was deployed with; undefined to skip the check. */
  readonly expectedGenesisRoot?: string | undefined;
}

export interface RestoredState {
  readonly state: RollupState;
  readonly stored: StoredChain;
  /** The pending block's operations, parsed for re-execution. */
  readonly pendingOperations: { txHash: string | null; priorityOpSerialId: bigint | null; op: PriorityOp | undefined; tx: Tx | undefined; batchHash: string | null }[];
}

/**
 * Rebuilds the live state at start-up: writes genesis on an empty database, loads the committed state of the
 * last sealed block (no replay of history), checks its root against the stored one, and parses the pending
 * block's operations for the state keeper to re-execute.
 */
export async function restoreState(chain: ChainRepository, options: RestoreOptions, hasher: AsyncBatchHasher | undefined): Promise<RestoredState> {
  if (!(await chain.isInitialized())) {
    const genesis = RollupState.genesis(options);
    const root = hex32(genesis.root);
    if (options.expectedGenesisRoot !== undefined && !/^0x0{64}$/.test(options.expectedGenesisRoot) && options.expectedGenesisRoot.toLowerCase() !== root) {
      throw new ZkLiteError(
        "GENESIS_MISMATCH",
        `the genesis state root ${root} (fee account ${options.feeAccountAddress}, depths ${options.accountTreeDepth}/${options.balanceTreeDepth}) is not the one the L1 contract was deployed with (${options.expectedGenesisRoot})`,
      );
    }
    await chain.writeGenesis(genesis.snapshot(), genesis.root);
  }
  const stored = await chain.load({ accountTreeDepth: options.accountTreeDepth, balanceTreeDepth: options.balanceTreeDepth });
  const state = hasher === undefined ? RollupState.fromSnapshot(stored.snapshot, options) : await RollupState.fromSnapshotWith(stored.snapshot, options, hasher);
  const root = hex32(state.root);
  if (root !== stored.stateRoot) {
    throw new ZkLiteError("STATE_CORRUPT", `the stored state hashes to ${root}, but block ${stored.lastSealedBlock} recorded the root ${stored.stateRoot}`);
  }
  const pendingOperations = stored.pendingOperations.map((row) => ({
    txHash: row.txHash,
    priorityOpSerialId: row.priorityOpSerialId,
    op: row.priorityOpSerialId === null ? undefined : parsePriorityOp(row.tx),
    tx: row.priorityOpSerialId === null ? parseTx(row.tx) : undefined,
    batchHash: row.batchHash,
  }));
  return { state, stored, pendingOperations };
}
