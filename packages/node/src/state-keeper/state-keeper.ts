import { isZkLiteError, toJson, type Operation, type PriorityOp, type Tx } from "@zklite/protocol";
import type { AsyncBatchHasher, BlockBuilder, RollupState, SealedBlock } from "@zklite/state";
import type { Logger } from "pino";
import type { Mempool } from "../mempool/mempool.js";
import type { MempoolEntry } from "../mempool/mempool-entry.js";
import type { ChainRepository, EventRecord, ExecutedRecord, PendingBlockRecord } from "../storage/chain-repository.js";
import { hex32, toJsonValue, type JsonValue } from "../storage/json.js";
import { BLOCK_BASE_GAS, operationGas } from "./l1-gas.js";
import type { PriorityOpSource } from "./priority-op-source.js";
import { priorityOpAddresses, txAddresses, txTokens } from "./tx-addresses.js";

export interface StateKeeperOptions {
  readonly feeAccountId: number;
  readonly blockChunkSizes: readonly number[];
  readonly maxFeeTokens: number;
  readonly maxExtendedTouches: number;
  readonly blockGasLimit: number;
  readonly miniBlockIntervalMs: number;
  /** Mini-block iterations after the block's first successful operation before it seals. */
  readonly miniBlockIterations: number;
  readonly miniBlockMaxTxs: number;
}

export interface StateKeeperDependencies {
  readonly state: RollupState;
  readonly mempool: Mempool;
  readonly chain: ChainRepository;
  readonly priorityOps: PriorityOpSource;
  /** Hashing off the event loop (the Poseidon worker pool); undefined = on this thread. */
  readonly hasher: AsyncBatchHasher | undefined;
  readonly logger: Logger;
  readonly options: StateKeeperOptions;
  /** Called after a block is stored. */
  readonly onSealed?: (block: SealedBlock, sealMs: number) => void;
  /** Called after each stored mini-block (and its events). */
  readonly onMiniBlock?: (executed: number) => void;
  /** Called when the loop stops on an error (memory may be ahead of storage: the process should restart). */
  readonly onFatal?: (error: unknown) => void;
}

/** Errors that mean "the block is full for this", not "this is invalid": retry in the next block. */
const BLOCK_LIMIT_CODES = new Set(["BLOCK_FULL", "BLOCK_FEE_TOKENS_FULL", "BLOCK_EXTENDED_TOUCHES_FULL"]);
const SMALLEST_OPERATION_CHUNKS = 2;

interface OpenBlock {
  builder: BlockBuilder;
  record: PendingBlockRecord;
  gas: number;
  /** Successful operations so far. */
  successes: number;
  /** Iterations since the first successful operation. */
  iterations: number;
}

/**
 * The state keeper (DESIGN.md §3): owns the live `RollupState`, and every mini-block interval executes
 * confirmed priority operations first (in serial order), then mempool transactions and batches; it
 * persists each non-empty mini-block in one database transaction, and seals the block when its chunks,
 * its L1 gas budget or its time since the first successful operation run out. Fees are credited at seal;
 * the root is hashed at seal on the worker pool, so admission never waits behind it.
 */
export class StateKeeper {
  private open: OpenBlock | undefined;
  private nextSerial: bigint;
  private lastSealed: number;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  private failure: unknown;

  constructor(
    private readonly deps: StateKeeperDependencies,
    position: { lastSealedBlock: number; nextPriorityOpSerial: bigint },
  ) {
    this.lastSealed = position.lastSealedBlock;
    this.nextSerial = position.nextPriorityOpSerial;
  }

  get lastSealedBlock(): number {
    return this.lastSealed;
  }

  /** The block being built, once it holds an operation. */
  get pendingBlockNumber(): number | undefined {
    return this.open !== undefined && this.open.successes > 0 ? this.open.record.number : undefined;
  }

  get nextPriorityOpSerial(): bigint {
    return this.nextSerial;
  }

  /** Re-executes the stored pending block after a restart; every operation must succeed as before. */
  resumePending(record: PendingBlockRecord, operations: readonly { txHash: string | null; priorityOpSerialId: bigint | null; op: PriorityOp | undefined; tx: Tx | undefined; batchHash: string | null }[]): void {
    const block = this.openBlock(record);
    let i = 0;
    while (i < operations.length) {
      const item = operations[i] as (typeof operations)[number];
      if (item.op !== undefined) {
        this.account(block, block.builder.applyPriorityOp(item.op));
        i++;
      } else if (item.batchHash !== null) {
        const batch: Tx[] = [];
        while (i < operations.length && operations[i]?.batchHash === item.batchHash) batch.push(operations[i++]?.tx as Tx);
        for (const op of block.builder.applyBatch(batch)) this.account(block, op);
      } else {
        this.account(block, block.builder.applyTx(item.tx as Tx));
        i++;
      }
    }
  }

  start(): void {
    this.stopped = false;
    this.schedule();
  }

  /** Stops after the mini-block in progress (nothing is cut in half); the open block stays pending. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    await this.running;
  }

  /** The error that stopped the loop, if any (a failed database write stops it: see `tick`). */
  get error(): unknown {
    return this.failure;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick().then(
        () => this.schedule(),
        (error: unknown) => {
          this.failure = error;
          this.stopped = true;
          this.deps.logger.fatal({ err: error }, "state keeper stopped: the in-memory state may be ahead of storage; restart the node to rebuild it");
          this.deps.onFatal?.(error);
        },
      );
    }, this.deps.options.miniBlockIntervalMs);
  }

  /**
   * One mini-block. A failed write leaves memory ahead of the database, so it throws and the loop stops;
   * the process must restart and rebuild from storage (nothing acknowledged is lost: the mempool rows
   * and the previous mini-blocks are intact).
   */
  async tick(): Promise<void> {
    const priority = await this.deps.priorityOps.confirmedFrom(this.nextSerial, 256);
    const now = Date.now();
    const stale = this.deps.mempool.stale(now);
    const ready = this.deps.mempool.ready(this.deps.options.miniBlockMaxTxs);
    // a block is opened (and its timestamp taken) only when there is something to put in it
    if (this.open === undefined && priority.length === 0 && stale.length === 0 && ready.length === 0) return;
    const block = this.open ?? this.openBlock(undefined);
    const executed: ExecutedRecord[] = [];
    const events: EventRecord[] = [];
    const removed: MempoolEntry[] = [];
    const executedSerials: bigint[] = [];
    let mustSeal = false;

    for (const { serialId, op } of priority) {
      if (!this.fitsGas(block, op.type === "Deposit" ? "Deposit" : "FullExit")) {
        mustSeal = true;
        break;
      }
      try {
        const before = block.builder.operations.length;
        const operation = block.builder.applyPriorityOp(op);
        this.account(block, operation);
        executed.push(this.priorityRecord(serialId, op, operation, before));
        executedSerials.push(serialId);
        events.push({ kind: "priority_op", key: serialId.toString(), payload: { serialId: serialId.toString(), status: "executed", blockNumber: block.record.number } });
        this.nextSerial = serialId + 1n;
      } catch (error) {
        if (isZkLiteError(error) && BLOCK_LIMIT_CODES.has(error.code)) {
          mustSeal = true;
          break;
        }
        throw error; // priority operations never fail (PROTOCOL.md §3.4): this is a bug, stop
      }
    }

    if (!mustSeal) {
      for (const entry of stale) {
        removed.push(entry);
        for (const queued of entry.txs) {
          executed.push(this.failureRecord(queued.tx, queued.hash, entry, "NONCE_GAP_EXPIRED", "the transaction's nonce never became the account's next nonce before its time in the mempool ran out"));
          events.push(txEvent(queued.hash, "rejected", block.record.number, "NONCE_GAP_EXPIRED"));
        }
      }
      const staleSeqs = new Set(removed.map((entry) => entry.seq));
      for (const entry of ready) {
        if (staleSeqs.has(entry.seq)) continue;
        if (!this.nonceMatches(entry)) continue; // an earlier entry of the sender failed: wait for its gap to close
        const outcome = this.execute(block, entry);
        if (outcome.kind === "full") {
          mustSeal = true;
          break;
        }
        if (outcome.kind === "later") continue;
        removed.push(entry);
        if (outcome.kind === "executed") {
          outcome.ops.forEach((op, i) => {
            const queued = entry.txs[i] as MempoolEntry["txs"][number];
            executed.push(this.successRecord(queued.tx, queued.hash, entry, op, outcome.indices[i] as number));
            events.push(txEvent(queued.hash, "executed", block.record.number));
          });
        } else {
          for (const queued of entry.txs) {
            executed.push(this.failureRecord(queued.tx, queued.hash, entry, outcome.code, outcome.message));
            events.push(txEvent(queued.hash, "rejected", block.record.number, outcome.code));
          }
        }
      }
    }

    if (block.successes > 0) block.iterations++;
    if (executed.length > 0) {
      if (block.record.firstSuccessAt === null && block.successes > 0) block.record = { ...block.record, firstSuccessAt: new Date() };
      block.record = { ...block.record, miniBlocks: block.record.miniBlocks + 1 };
      await this.deps.chain.writeMiniBlock({
        pending: block.record,
        executed,
        removedTxHashes: removed.flatMap((entry) => entry.txs.map((queued) => queued.hash)),
        removedBatchHashes: removed.flatMap((entry) => (entry.batch === undefined ? [] : [entry.batch.hash])),
        executedPriorityOps: executedSerials,
        events,
      });
      this.deps.mempool.remove(removed);
      this.deps.onMiniBlock?.(executed.length);
    }

    const chunksLeft = block.builder.remainingChunks < SMALLEST_OPERATION_CHUNKS;
    const timeUp = block.successes > 0 && block.iterations >= this.deps.options.miniBlockIterations;
    if (block.successes > 0 && (mustSeal || chunksLeft || timeUp)) await this.seal(block);
  }

  private async seal(block: OpenBlock): Promise<void> {
    const started = performance.now();
    const sealed = this.deps.hasher === undefined ? block.builder.seal() : await block.builder.sealWith(this.deps.hasher);
    const events: EventRecord[] = [
      {
        kind: "block",
        key: String(sealed.blockNumber),
        payload: { number: sealed.blockNumber, status: "sealed", newStateRoot: hex32(sealed.newStateRoot), commitment: hex32(sealed.commitment), operations: sealed.operations.length },
      },
      ...sealed.stateDiff.accounts.map(
        (diff): EventRecord => ({ kind: "account", key: diff.address, payload: { address: diff.address, accountId: diff.accountId, blockNumber: sealed.blockNumber } }),
      ),
    ];
    await this.deps.chain.writeSealedBlock(sealed, events);
    // the block stays pending until it is stored, so the status never shows it in neither place
    this.open = undefined;
    this.lastSealed = sealed.blockNumber;
    const ms = performance.now() - started;
    this.deps.logger.info({ block: sealed.blockNumber, chunks: `${sealed.chunksUsed}/${sealed.blockChunks}`, ops: sealed.operations.length, root: hex32(sealed.newStateRoot), ms: Math.round(ms) }, "block sealed");
    this.deps.onSealed?.(sealed, ms);
  }

  private openBlock(record: PendingBlockRecord | undefined): OpenBlock {
    const { options, state } = this.deps;
    const pending = record ?? {
      number: this.lastSealed + 1,
      feeAccountId: options.feeAccountId,
      timestamp: Math.floor(Date.now() / 1000),
      firstSuccessAt: null,
      miniBlocks: 0,
    };
    const builder = state.openBlock({
      blockNumber: pending.number,
      feeAccountId: pending.feeAccountId,
      timestamp: pending.timestamp,
      blockChunkSizes: options.blockChunkSizes,
      maxFeeTokens: options.maxFeeTokens,
      maxExtendedTouches: options.maxExtendedTouches,
    });
    this.open = { builder, record: pending, gas: BLOCK_BASE_GAS, successes: 0, iterations: 0 };
    return this.open;
  }

  private account(block: OpenBlock, op: Operation): void {
    block.gas += operationGas(op.type);
    block.successes++;
  }

  private fitsGas(block: OpenBlock, type: Operation["type"]): boolean {
    return block.gas + operationGas(type) <= this.deps.options.blockGasLimit;
  }

  private nonceMatches(entry: MempoolEntry): boolean {
    for (const [sender, nonce] of entry.senders) {
      if ((this.deps.state.accountByAddress(sender)?.nonce ?? 0) !== nonce) return false;
    }
    return true;
  }

  private execute(
    block: OpenBlock,
    entry: MempoolEntry,
  ):
    | { kind: "executed"; ops: Operation[]; indices: number[] }
    | { kind: "failed"; code: string; message: string }
    | { kind: "full" }
    | { kind: "later" } {
    const worstGas = entry.txs.reduce((sum, queued) => sum + operationGas(queued.tx.type === "Transfer" ? "TransferToNew" : queued.tx.type), 0);
    if (BLOCK_BASE_GAS + worstGas > this.deps.options.blockGasLimit) {
      return { kind: "failed", code: "BATCH_GAS_TOO_BIG", message: `it needs ${worstGas} L1 gas, more than a whole block may use` };
    }
    if (block.gas + worstGas > this.deps.options.blockGasLimit) return { kind: "full" };
    if (entry.txs.some((queued) => "validFrom" in queued.tx && queued.tx.validFrom > block.record.timestamp)) return { kind: "later" };
    const before = block.builder.operations.length;
    try {
      const ops = entry.batch === undefined ? [block.builder.applyTx((entry.txs[0] as MempoolEntry["txs"][number]).tx)] : block.builder.applyBatch(entry.txs.map((queued) => queued.tx));
      for (const op of ops) this.account(block, op);
      return { kind: "executed", ops, indices: pubdataIndices(block.builder.operations, before, ops) };
    } catch (error) {
      if (isZkLiteError(error)) {
        // what does not fit an empty block never will
        if (BLOCK_LIMIT_CODES.has(error.code)) return block.successes === 0 ? { kind: "failed", code: error.code, message: error.message } : { kind: "full" };
        return { kind: "failed", code: error.code, message: error.message };
      }
      throw error;
    }
  }

  private priorityRecord(serialId: bigint, op: PriorityOp, operation: Operation, blockIndex: number): ExecutedRecord {
    return {
      blockIndex,
      txHash: null,
      priorityOpSerialId: serialId,
      txType: op.type,
      opType: operation.type,
      tx: toJsonValue(toJson(op)),
      ethSignature: null,
      operation: toJsonValue(operation),
      success: true,
      failCode: null,
      failReason: null,
      batchHash: null,
      addresses: priorityOpAddresses(op),
      tokenIds: [op.token],
    };
  }

  private successRecord(tx: Tx, hash: string, entry: MempoolEntry, operation: Operation, blockIndex: number): ExecutedRecord {
    return { ...this.txRecord(tx, hash, entry), blockIndex, opType: operation.type, operation: toJsonValue(operation), success: true, failCode: null, failReason: null };
  }

  private failureRecord(tx: Tx, hash: string, entry: MempoolEntry, code: string, message: string): ExecutedRecord {
    return { ...this.txRecord(tx, hash, entry), blockIndex: null, opType: null, operation: null, success: false, failCode: code, failReason: message };
  }

  private txRecord(tx: Tx, hash: string, entry: MempoolEntry): Omit<ExecutedRecord, "blockIndex" | "opType" | "operation" | "success" | "failCode" | "failReason"> {
    const queued = entry.txs.find((item) => item.hash === hash);
    const signatures: JsonValue | null = queued !== undefined && queued.ethSignatures.length > 0 ? toJsonValue(queued.ethSignatures) : entry.batch !== undefined ? toJsonValue(entry.batch.ethSignatures) : null;
    return {
      txHash: hash,
      priorityOpSerialId: null,
      txType: tx.type,
      tx: toJsonValue(toJson(tx)),
      ethSignature: signatures,
      batchHash: entry.batch?.hash ?? null,
      addresses: txAddresses(tx, this.deps.state),
      tokenIds: txTokens(tx),
    };
  }
}

/**
 * Positions in the block's operations (pubdata order) of `ops`, applied from position `before`; the
 * builder may have put an alignment Noop before a Swap.
 */
function pubdataIndices(operations: readonly Operation[], before: number, ops: readonly Operation[]): number[] {
  const indices: number[] = [];
  let position = before;
  for (const op of ops) {
    while (op.type !== "Noop" && operations[position]?.type === "Noop") position++;
    indices.push(position++);
  }
  return indices;
}

function txEvent(hash: string, status: "executed" | "rejected", blockNumber: number, failCode?: string): EventRecord {
  return { kind: "tx", key: hash, payload: { hash, status, blockNumber, ...(failCode === undefined ? {} : { failCode }) } };
}
