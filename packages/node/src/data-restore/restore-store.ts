/**
 * Where data restore writes: the node's storage (prisma-restore-store.ts) or memory (memory-restore-store.ts, for a
 * browser or a one-off check). The restore drives the state itself; a store keeps what it is told, each call whole
 * or not at all, and gives back on `open` where an earlier run stopped.
 */
import { RollupState, SKIP_SIGNATURE_CHECKS, type AsyncBatchHasher, type StateDiff } from "@zklite/state";
import type { BlockRow, StoredBlockInfo } from "../eth-sender/block-encoding.js";
import type { ConfirmedBatch, L1Cursor } from "../eth-watch/types.js";
import { DataRestoreError } from "./errors.js";

/** A block rebuilt from L1 (the columns of a stored block), with what it changed and its L1 transactions. */
export interface RestoredBlock extends BlockRow {
  readonly chunksUsed: number;
  /** As `commitBlocks` took them (ethWitness "" when there is none). */
  readonly onchainOperations: readonly { readonly publicDataOffset: number; readonly ethWitness: string }[];
  readonly fees: ReadonlyMap<number, bigint>;
  readonly operationCount: number;
  readonly commitTxHash: string;
  readonly committedAt: Date;
  /** Set when the block is executed on L1 (then it was also proven there). */
  readonly executed: { readonly txHash: string; readonly at: Date } | undefined;
  readonly stateDiff: StateDiff;
  /** The priority operations (serial ids from `firstSerialId`) the block executed. */
  readonly priorityOps: { readonly firstSerialId: bigint; readonly count: number };
}

/** The genesis a store writes on first use: account 0 is the fee account, checked against the deployment's root. */
export interface GenesisSpec {
  readonly depths: { readonly accountTreeDepth: number; readonly balanceTreeDepth: number };
  readonly feeAccountAddress: string;
  /** The root the rollup was deployed with (all zeros: a placeholder, not checked). */
  readonly expectedRoot: string;
  readonly hashBatch?: AsyncBatchHasher | undefined;
}

/** Where a run starts: the state after the last block stored, and how far the L1 reading got. */
export interface RestoreStart {
  readonly state: RollupState;
  readonly lastBlock: number;
  /** The `StoredBlockInfo` of `lastBlock` (undefined at genesis). */
  readonly lastBlockInfo: StoredBlockInfo | undefined;
  /** Serial id of the next priority operation a block executes. */
  readonly nextExecutedPriorityOp: bigint;
  /** The last L1 block whose events are stored, and the next priority request serial id to store. */
  readonly cursor: L1Cursor | undefined;
  readonly nextStoredPriorityOp: bigint;
}

export interface RestoreStore {
  /** Opens the store (genesis on first use); refuses one that holds anything but a restore's blocks (RESTORE_STORAGE_CONFLICT). */
  open(genesis: GenesisSpec): Promise<RestoreStart>;
  /** The priority requests, tokens, NFT factories and authorizations of one window of L1 blocks, with its cursor. */
  saveWindow(batch: ConfirmedBatch): Promise<void>;
  saveBlock(block: RestoredBlock): Promise<void>;
}

/** The genesis state of `spec` (signatures are not checked in a restore: L1 accepted every block). */
export function genesisState(spec: GenesisSpec): RollupState {
  const state = RollupState.genesis({ ...spec.depths, feeAccountAddress: spec.feeAccountAddress.toLowerCase(), signatureChecker: SKIP_SIGNATURE_CHECKS });
  const root = `0x${state.root.toString(16).padStart(64, "0")}`;
  if (!/^0x0{64}$/.test(spec.expectedRoot) && spec.expectedRoot.toLowerCase() !== root) {
    throw new DataRestoreError(
      "RESTORE_CHAIN_MISMATCH",
      `the genesis state root ${root} (fee account ${spec.feeAccountAddress}, depths ${spec.depths.accountTreeDepth}/${spec.depths.balanceTreeDepth}) is not the one the rollup was deployed with (${spec.expectedRoot})`,
    );
  }
  return state;
}
