/**
 * Data restore: the rollup state rebuilt from L1 alone (no node API), into a store (the node's storage, or memory in
 * a browser), so that anyone can check the operator and a node can start from it. See README.md for the flow and
 * what is checked. Browser-safe: no Node built-ins, no database here.
 */
import { Contract } from "ethers";
import {
  blockCommitment,
  CHUNK_BYTES,
  countPriorityOperations,
  decodeBlockOperations,
  fromHex,
  isZkLiteError,
  OP_CHUNKS,
  pendingOnchainOperationsHash,
  toHex,
  type Operation,
} from "@zklite/protocol";
import type { AsyncBatchHasher, RollupState } from "@zklite/state";
import { genesisStoredBlock, storedBlockHash, type CommitBlockInfo, type GenesisStoredBlockJson, type StoredBlockInfo } from "../eth-sender/block-encoding.js";
import { rollupInterface } from "../eth-sender/rollup-abi.js";
import { L1Reader } from "../eth-watch/l1-reader.js";
import { hex32 } from "../storage/json.js";
import { CanonicalChain } from "./canonical-chain.js";
import { findCommitCall, type CommitCall } from "./commit-calls.js";
import { DataRestoreError } from "./errors.js";
import type { RestoreStart, RestoreStore, RestoredBlock } from "./restore-store.js";
import { rollupHistory } from "./rollup-history.js";

/** "executed": only blocks executed on L1 (final, the trustless view); "committed": every block L1 holds. */
export type RestoreMode = "executed" | "committed";

export interface DataRestoreOptions {
  readonly rpcUrl: string;
  readonly chainId: number;
  /** The public deployment: the rollup and governance addresses, where to start reading, the genesis. */
  readonly deployment: {
    readonly deployer: string;
    readonly deployBlock: number;
    readonly contracts: { readonly zkLite: string; readonly governance: string };
    readonly genesis: { readonly stateRoot: string; readonly storedBlockInfo: GenesisStoredBlockJson };
  };
  /** Account 0 of the genesis state; default: the deployer (as the node's). */
  readonly feeAccountAddress?: string;
  readonly depths: { readonly accountTreeDepth: number; readonly balanceTreeDepth: number };
  readonly mode: RestoreMode;
  /** Stop after this rollup block (default: the last one `mode` reaches). */
  readonly untilBlock?: number;
  /** L1 blocks below the head that are read (events above them may still be reorged away). */
  readonly confirmations: number;
  /** Most L1 blocks per `eth_getLogs` request. */
  readonly windowBlocks: number;
  readonly requestTimeoutMs: number;
  readonly hashBatch?: AsyncBatchHasher;
  readonly onProgress?: (progress: RestoreProgress) => void;
}

export type RestoreProgress =
  | { readonly phase: "scan"; readonly l1Block: number; readonly l1FromBlock: number; readonly l1ToBlock: number; readonly committed: number; readonly executed: number }
  | { readonly phase: "replay"; readonly block: number; readonly firstBlock: number; readonly targetBlock: number; readonly operations: number };

export interface RestoreResult {
  readonly mode: RestoreMode;
  /** The last L1 block read. */
  readonly l1Block: number;
  readonly lastBlock: number;
  readonly stateRoot: string;
  /** Blocks replayed in this run (a resumed run counts only its own). */
  readonly blocksReplayed: number;
  readonly operationsReplayed: number;
  /** Blocks L1 holds committed and executed, as read. */
  readonly l1Committed: number;
  readonly l1Executed: number;
  readonly replaySeconds: number;
}

/** Restores into `store` (new, or left by an earlier run of the same restore) and returns where it got. */
export async function restoreFromL1(options: DataRestoreOptions, store: RestoreStore): Promise<RestoreResult> {
  const reader = new L1Reader({ rpcUrl: options.rpcUrl, chainId: options.chainId, requestTimeoutMs: options.requestTimeoutMs });
  try {
    return await new Restore(options, reader, store).run();
  } catch (error) {
    if (isZkLiteError(error) && error.code === "ETH_WATCH_L1_UNAVAILABLE") throw new DataRestoreError("RESTORE_L1_UNAVAILABLE", error.message, { cause: error });
    throw error;
  } finally {
    reader.destroy();
  }
}

class Restore {
  private readonly rollup: Contract;
  private readonly canonical = new CanonicalChain();
  private readonly l1BlockTimes = new Map<number, Date>();

  constructor(
    private readonly options: DataRestoreOptions,
    private readonly reader: L1Reader,
    private readonly store: RestoreStore,
  ) {
    this.rollup = new Contract(options.deployment.contracts.zkLite, rollupInterface, reader.provider);
  }

  async run(): Promise<RestoreResult> {
    const { options } = this;
    const head = await this.reader.headBlockNumber();
    const l1Block = head - options.confirmations;
    if (l1Block < options.deployment.deployBlock) {
      throw new DataRestoreError("RESTORE_BAD_INPUT", `the L1 head ${head} minus ${options.confirmations} confirmations is before the deployment block ${options.deployment.deployBlock}`);
    }
    const genesis = genesisStoredBlock(options.deployment.genesis.storedBlockInfo);
    await this.requireStoredHash(0, storedBlockHash(genesis), l1Block, "the deployment file's genesis block");

    const start = await this.store.open({
      depths: options.depths,
      feeAccountAddress: (options.feeAccountAddress ?? options.deployment.deployer).toLowerCase(),
      expectedRoot: options.deployment.genesis.stateRoot,
      hashBatch: options.hashBatch,
    });
    const { state } = start;
    await this.scan(l1Block, start);

    const reachable = options.mode === "executed" ? this.canonical.lastExecuted : this.canonical.lastCommitted;
    const target = Math.min(reachable, options.untilBlock ?? reachable);
    const tip = start.lastBlock;
    const tipInfo = start.lastBlockInfo ?? genesis;
    if (tip > 0) await this.requireStoredHash(tip, storedBlockHash(tipInfo), l1Block, `block ${tip} in storage`, "RESTORE_STORAGE_CONFLICT");

    const started = performance.now();
    let blocksReplayed = 0;
    let operationsReplayed = 0;
    let last = { number: tip, info: tipInfo };
    let nextPrioritySerial = start.nextExecutedPriorityOp;
    while (last.number < target) {
      const ref = this.canonical.commitOf(last.number + 1);
      if (ref === undefined) throw new DataRestoreError("RESTORE_CHAIN_MISMATCH", `no commit of block ${last.number + 1} was found on L1 up to block ${l1Block}`);
      const call = await this.commitCall(ref.txHash);
      const before = last.number;
      let previous = call.lastCommitted;
      if (previous.blockNumber === last.number && storedBlockHash(previous) !== storedBlockHash(last.info)) {
        throw new DataRestoreError("RESTORE_CHAIN_MISMATCH", `L1 transaction ${ref.txHash} commits on top of a block ${previous.blockNumber} that is not the one restored`);
      }
      for (const block of call.blocks) {
        const info = storedInfoOf(block, previous);
        previous = info;
        if (block.blockNumber <= last.number) {
          // a call that also holds blocks restored before: they must chain to the last one restored
          if (block.blockNumber === last.number && storedBlockHash(info) !== storedBlockHash(last.info)) {
            throw new DataRestoreError("RESTORE_CHAIN_MISMATCH", `L1 transaction ${ref.txHash} commits block ${block.blockNumber} differently from the one restored`);
          }
          continue;
        }
        // the rest of the call is above the target, or was reverted and committed again by a later transaction
        if (block.blockNumber > target || this.canonical.commitOf(block.blockNumber)?.txHash !== ref.txHash) break;
        const replayed = await this.replay(state, block, info);
        const priorityCount = Number(info.priorityOperations);
        await this.store.saveBlock(await this.restoredBlock(block, info, replayed, ref, { firstSerialId: nextPrioritySerial, count: priorityCount }));
        nextPrioritySerial += BigInt(priorityCount);
        blocksReplayed++;
        operationsReplayed += replayed.count;
        last = { number: block.blockNumber, info };
        options.onProgress?.({ phase: "replay", block: block.blockNumber, firstBlock: tip + 1, targetBlock: target, operations: operationsReplayed });
      }
      if (last.number === before) throw new DataRestoreError("RESTORE_CHAIN_MISMATCH", `L1 transaction ${ref.txHash} does not commit block ${before + 1}, though its events say so`);
    }
    if (last.number > tip) await this.requireStoredHash(last.number, storedBlockHash(last.info), l1Block, `the restored block ${last.number}`);
    return {
      mode: options.mode,
      l1Block,
      lastBlock: last.number,
      stateRoot: hex32(state.root),
      blocksReplayed,
      operationsReplayed,
      l1Committed: this.canonical.lastCommitted,
      l1Executed: this.canonical.lastExecuted,
      replaySeconds: (performance.now() - started) / 1000,
    };
  }

  /** Reads the block events up to `l1Block`; stores the priority requests, tokens and authorizations eth-watch would. */
  private async scan(l1Block: number, start: RestoreStart): Promise<void> {
    const { options } = this;
    const { cursor } = start;
    let nextSerial = start.nextStoredPriorityOp;
    const range = {
      rollup: options.deployment.contracts.zkLite,
      governance: options.deployment.contracts.governance,
      fromBlock: options.deployment.deployBlock,
      toBlock: l1Block,
      windowBlocks: options.windowBlocks,
    };
    for await (const window of rollupHistory(this.reader, range)) {
      for (const event of window.blockEvents) this.canonical.apply(event);
      // an earlier run stored the windows up to its cursor
      if (cursor === undefined || window.toBlock > cursor.blockNumber) {
        const priorityOps = window.watched.priorityOps.filter((op) => op.serialId >= nextSerial);
        const blockHash = await this.reader.blockHash(window.toBlock);
        if (blockHash === undefined) throw new DataRestoreError("RESTORE_L1_UNAVAILABLE", `L1 block ${window.toBlock} is gone (a reorg?): run again`);
        await this.store.saveWindow({ ...window.watched, priorityOps, cursor: { blockNumber: window.toBlock, blockHash } });
        nextSerial += BigInt(priorityOps.length);
      }
      options.onProgress?.({
        phase: "scan",
        l1Block: window.toBlock,
        l1FromBlock: range.fromBlock,
        l1ToBlock: range.toBlock,
        committed: this.canonical.lastCommitted,
        executed: this.canonical.lastExecuted,
      });
    }
  }

  private async commitCall(txHash: string): Promise<CommitCall> {
    const tx = await this.l1(`transaction ${txHash}`, () => this.reader.provider.getTransaction(txHash));
    if (tx === null) throw new DataRestoreError("RESTORE_L1_UNAVAILABLE", `the L1 node does not know transaction ${txHash}, which emitted BlockCommit`);
    return findCommitCall(tx.data, this.canonical.blocksNamedBy(txHash), { txHash, to: tx.to });
  }

  private async replay(state: RollupState, block: CommitBlockInfo, info: StoredBlockInfo) {
    let operations: Operation[];
    try {
      operations = decodeBlockOperations(fromHex(block.publicData)).map(({ op }) => op);
    } catch (error) {
      throw new DataRestoreError("RESTORE_PUBDATA_REJECTED", `block ${block.blockNumber}: its pubdata does not decode: ${String(error)}`, { cause: error });
    }
    const header = { blockNumber: block.blockNumber, feeAccountId: block.feeAccount };
    let replayed;
    try {
      replayed = this.options.hashBatch === undefined ? state.replayBlock(header, operations) : await state.replayBlockWith(header, operations, this.options.hashBatch);
    } catch (error) {
      if (!isZkLiteError(error)) throw error;
      throw new DataRestoreError("RESTORE_PUBDATA_REJECTED", `block ${block.blockNumber}: ${error.message} (${error.code})`, { cause: error });
    }
    if (hex32(replayed.newStateRoot) !== info.stateHash) {
      // undo nothing: the state moved, so this run ends here and storage still holds the block before
      throw new DataRestoreError("RESTORE_ROOT_MISMATCH", `block ${block.blockNumber}: replaying its pubdata gives the state root ${hex32(replayed.newStateRoot)}, but L1 committed ${info.stateHash}`);
    }
    return { ...replayed, operations, count: operations.filter((op) => op.type !== "Noop").length };
  }

  private async restoredBlock(
    block: CommitBlockInfo,
    info: StoredBlockInfo,
    replayed: Awaited<ReturnType<Restore["replay"]>>,
    ref: { txHash: string; l1BlockNumber: number },
    priorityOps: RestoredBlock["priorityOps"],
  ): Promise<RestoredBlock> {
    const publicData = fromHex(block.publicData);
    const executeTxHash = this.canonical.executeTxOf(block.blockNumber);
    const committedAt = await this.l1BlockTime(ref.l1BlockNumber);
    return {
      number: block.blockNumber,
      feeAccountId: block.feeAccount,
      timestamp: block.timestamp,
      oldStateRoot: hex32(replayed.oldStateRoot),
      newStateRoot: info.stateHash,
      commitment: info.commitment,
      blockChunks: publicData.length / CHUNK_BYTES,
      chunksUsed: chunksUsed(replayed.operations),
      publicData,
      onchainOperations: block.onchainOperations.map((op) => ({ publicDataOffset: op.publicDataOffset, ethWitness: op.ethWitness === "0x" ? "" : op.ethWitness })),
      fees: replayed.fees,
      operationCount: replayed.count,
      commitTxHash: ref.txHash,
      committedAt,
      // the time of the execution is not looked up: the commit's stands for it
      executed: executeTxHash === undefined || block.blockNumber > this.canonical.lastExecuted ? undefined : { txHash: executeTxHash, at: committedAt },
      stateDiff: replayed.stateDiff,
      priorityOps,
    };
  }

  /** `storedBlockHashes(blockNumber)` at `l1Block` must be `expected`. */
  private async requireStoredHash(blockNumber: number, expected: string, l1Block: number, what: string, code: "RESTORE_CHAIN_MISMATCH" | "RESTORE_STORAGE_CONFLICT" = "RESTORE_CHAIN_MISMATCH"): Promise<void> {
    const onL1 = String(await this.l1(`storedBlockHashes(${blockNumber})`, () => this.rollup.getFunction("storedBlockHashes")(blockNumber, { blockTag: l1Block }))).toLowerCase();
    if (onL1 !== expected.toLowerCase()) {
      throw new DataRestoreError(code, `${what} hashes to ${expected}, but the rollup stores ${onL1} for block ${blockNumber} (at L1 block ${l1Block})`);
    }
  }

  private async l1BlockTime(l1BlockNumber: number): Promise<Date> {
    const known = this.l1BlockTimes.get(l1BlockNumber);
    if (known !== undefined) return known;
    const block = await this.l1(`L1 block ${l1BlockNumber}`, () => this.reader.provider.getBlock(l1BlockNumber));
    const time = new Date(Number(block?.timestamp ?? 0) * 1000);
    this.l1BlockTimes.set(l1BlockNumber, time);
    return time;
  }

  private async l1<T>(what: string, read: () => Promise<T>): Promise<T> {
    try {
      return await read();
    } catch (error) {
      throw new DataRestoreError("RESTORE_L1_UNAVAILABLE", `reading ${what} from L1 failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  }
}

/** The block's `StoredBlockInfo` as the contract computed it at commit, from the calldata alone. */
function storedInfoOf(block: CommitBlockInfo, previous: StoredBlockInfo): StoredBlockInfo {
  const publicData = fromHex(block.publicData);
  const commitment = blockCommitment({
    blockNumber: block.blockNumber,
    feeAccount: block.feeAccount,
    oldStateRoot: BigInt(previous.stateHash),
    newStateRoot: BigInt(block.newStateHash),
    timestamp: block.timestamp,
    publicData,
  });
  return {
    blockNumber: block.blockNumber,
    priorityOperations: BigInt(countPriorityOperations(publicData)),
    pendingOnchainOperationsHash: toHex(pendingOnchainOperationsHash(publicData)),
    timestamp: block.timestamp,
    stateHash: block.newStateHash.toLowerCase(),
    commitment: toHex(commitment),
  };
}

/** Chunks up to the last operation that is not Noop padding. */
function chunksUsed(operations: readonly Operation[]): number {
  let chunks = 0;
  let used = 0;
  for (const op of operations) {
    chunks += OP_CHUNKS[op.type];
    if (op.type !== "Noop") used = chunks;
  }
  return used;
}
