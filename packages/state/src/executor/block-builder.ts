import {
  blockCommitment,
  CHUNK_BYTES,
  encodeBlockPubdata,
  getChangePubKeyEthWitness,
  isOnchainOperation,
  MAX_AMOUNT,
  OP_CHUNKS,
  type Operation,
  type OperationType,
  type PriorityOp,
  type Tx,
} from "@zklite/protocol";
import { stateError, ZkLiteError } from "../errors.js";
import type { AsyncBatchHasher } from "../tree/rehash.js";
import { extendedBalanceTouches } from "./extended-touches.js";
import type { StateDiff } from "./state-diff.js";
import type { BlockContextHooks, StateTransitions } from "./state-transitions.js";

export interface BlockParameters {
  readonly blockNumber: number;
  /** Account credited with the block's fees. */
  readonly feeAccountId: number;
  /** Block timestamp in seconds; transactions' validity ranges are checked against it. */
  readonly timestamp: number;
  /** Block sizes (in chunks) the circuits support; the block is padded to the smallest that fits. */
  readonly blockChunkSizes: readonly number[];
  /**
   * Most distinct tokens the block may collect non-zero fees in (the block circuit's fee slots);
   * a positive integer, or undefined for no limit.
   */
  readonly maxFeeTokens?: number;
  /**
   * Most chunks in the block that read or write a balance with token id ≥ 1024 (the block circuit's
   * "extended lanes"; counted by `extendedBalanceTouches`): a non-negative integer, or undefined
   * for no limit.
   */
  readonly maxExtendedTouches?: number;
}

/** One on-chain operation as `commitBlocks` wants it (§4.3). */
export interface OnchainOperation {
  readonly publicDataOffset: number;
  /** Non-empty only for a ChangePubKey with an L1-checked authorization. */
  readonly ethWitness: Uint8Array;
}

export interface SealedBlock {
  readonly blockNumber: number;
  readonly feeAccountId: number;
  readonly timestamp: number;
  readonly oldStateRoot: bigint;
  readonly newStateRoot: bigint;
  /** Executed operations in order, with the Noops aligning Swaps, without the trailing Noop padding. */
  readonly operations: readonly Operation[];
  /** Chunks used by the operations (alignment Noops included). */
  readonly chunksUsed: number;
  /** Block size in chunks (a supported size ≥ chunksUsed). */
  readonly blockChunks: number;
  /** Pubdata padded with Noop chunks to `blockChunks`. */
  readonly publicData: Uint8Array;
  readonly onchainOperations: readonly OnchainOperation[];
  /** SHA-256 block commitment of @zklite/protocol (§4.4). */
  readonly commitment: Uint8Array;
  /** Fees credited to the fee account, per token. */
  readonly fees: ReadonlyMap<number, bigint>;
  /** Poseidon hashes computed to seal (0 when nothing changed). */
  readonly hashesComputed: number;
  /**
   * Net change from `openBlock` to seal, fee credit included: accounts by id (only those that changed, only
   * their changed fields; balances by token id), the NFTs minted, the account allocator after the block.
   * `RollupState.applyDiff` replays it on the block's old state to reach `newStateRoot`.
   */
  readonly stateDiff: StateDiff;
}

/**
 * A block being built on a `RollupState`: apply priority operations, transactions and batches, then
 * `seal` (or `abandon`). Every change made in the block is journaled, so `abandon` restores the state
 * the block started from, and a failed transaction or batch is undone on its own.
 *
 * Two rules come from the block circuit rather than from zkSync:
 * - A Swap starts at an odd chunk index. The circuit checks one signature per pair of chunks
 *   (2p, 2p + 1), and a Swap carries three (submitter and both orders) at its relative chunks 0, 2
 *   and 4, which fall into three different pairs only when the Swap starts at an odd chunk. So when
 *   the chunks used so far are even, a Noop (1 chunk, 10 zero bytes) is recorded right before the
 *   Swap; it is part of `operations`, `chunksUsed`, the pubdata and the commitment like any other op,
 *   and it is undone with the Swap.
 * - With `maxFeeTokens` set, the block's non-zero fees may come in at most that many distinct tokens
 *   (the circuit credits fees through a fixed number of single-token slots); a transaction needing
 *   one more is refused with BLOCK_FEE_TOKENS_FULL and can go into the next block.
 * - With `maxExtendedTouches` set, the block's chunks that touch a balance with token id ≥ 1024 (in
 *   an account's extended balance tree; `extendedBalanceTouches` counts them per operation) may be
 *   at most that many (the circuit gives such chunks a fixed number of lanes with deep balance
 *   paths); an operation needing more is refused with BLOCK_EXTENDED_TOUCHES_FULL and can go into
 *   the next block.
 */
export class BlockBuilder {
  readonly blockNumber: number;
  readonly feeAccountId: number;
  readonly timestamp: number;
  readonly oldStateRoot: bigint;
  readonly maxChunks: number;
  readonly maxFeeTokens: number | undefined;
  readonly maxExtendedTouches: number | undefined;
  private readonly blockChunkSizes: readonly number[];
  private readonly ops: Operation[] = [];
  private readonly witnesses = new Map<number, Uint8Array>();
  private readonly fees = new Map<number, bigint>();
  private chunks = 0;
  private extendedTouches = 0;
  private readonly blockCheckpoint: number;
  private closed = false;
  private readonly hooks: BlockContextHooks;

  constructor(
    private readonly transitions: StateTransitions,
    parameters: BlockParameters,
  ) {
    const sizes = [...parameters.blockChunkSizes].sort((a, b) => a - b);
    if (sizes.length === 0 || sizes.some((size) => !Number.isInteger(size) || size <= 0)) {
      throw stateError("INVALID_ARGUMENT", "blockChunkSizes must be a non-empty list of positive integers");
    }
    if (!Number.isInteger(parameters.blockNumber) || parameters.blockNumber < 0 || parameters.blockNumber > 2 ** 32 - 1) {
      throw stateError("INVALID_ARGUMENT", `block number ${parameters.blockNumber} is not a u32`);
    }
    if (!Number.isSafeInteger(parameters.timestamp) || parameters.timestamp < 0) {
      throw stateError("INVALID_ARGUMENT", `timestamp ${parameters.timestamp} is not a non-negative integer`);
    }
    const { maxFeeTokens } = parameters;
    if (maxFeeTokens !== undefined && (!Number.isSafeInteger(maxFeeTokens) || maxFeeTokens <= 0)) {
      throw stateError("INVALID_ARGUMENT", `maxFeeTokens ${maxFeeTokens} is not a positive integer`);
    }
    this.maxFeeTokens = maxFeeTokens;
    const { maxExtendedTouches } = parameters;
    if (maxExtendedTouches !== undefined && (!Number.isSafeInteger(maxExtendedTouches) || maxExtendedTouches < 0)) {
      throw stateError("INVALID_ARGUMENT", `maxExtendedTouches ${maxExtendedTouches} is not a non-negative integer`);
    }
    this.maxExtendedTouches = maxExtendedTouches;
    if (transitions.tree.account(parameters.feeAccountId) === undefined) {
      // the block circuit credits fees to an existing account only (docs/protocol-deltas.md, "Circuits")
      throw stateError("ACCOUNT_NOT_FOUND", `fee account ${parameters.feeAccountId} does not exist`);
    }
    this.blockChunkSizes = sizes;
    this.maxChunks = sizes[sizes.length - 1] as number;
    this.blockNumber = parameters.blockNumber;
    this.feeAccountId = parameters.feeAccountId;
    this.timestamp = parameters.timestamp;
    this.oldStateRoot = transitions.tree.root();
    this.blockCheckpoint = transitions.tree.checkpoint();
    this.hooks = { timestamp: this.timestamp, collectFee: (token, amount) => this.collectFee(token, amount) };
  }

  get chunksUsed(): number {
    return this.chunks;
  }

  get remainingChunks(): number {
    return this.maxChunks - this.chunks;
  }

  get operations(): readonly Operation[] {
    return this.ops;
  }

  /** Chunks an operation of `type` would take if recorded now, with a Swap's alignment Noop. */
  chunksNeededFor(type: OperationType): number {
    return OP_CHUNKS[type] + this.alignmentNoops(type) * OP_CHUNKS.Noop;
  }

  /** Distinct tokens the block has collected non-zero fees in so far. */
  get feeTokenCount(): number {
    return this.fees.size;
  }

  /** Chunks applied so far that touch a balance with token id ≥ 1024 (see `maxExtendedTouches`). */
  get extendedTouchCount(): number {
    return this.extendedTouches;
  }

  /**
   * The net change applied so far (as `SealedBlock.stateDiff` will have it), except the fee credit: `seal`
   * credits the collected fees to the fee account, so until then they are not in its balances.
   */
  pendingDiff(): StateDiff {
    this.requireOpen();
    return this.transitions.stateDiff();
  }

  /** Applies one L2 transaction; on any error the state is unchanged and a `ZkLiteError` is thrown. */
  applyTx(tx: Tx): Operation {
    return this.atomically(() => this.record(this.transitions.applyTxIn(this.hooks, tx), tx));
  }

  /** Applies L2 transactions all or nothing (zkSync's `execute_txs_batch`). */
  applyBatch(txs: readonly Tx[]): Operation[] {
    if (txs.length === 0) throw stateError("EMPTY_BATCH", "a batch needs at least one transaction");
    return this.atomically(() =>
      txs.map((tx, index) => {
        try {
          return this.record(this.transitions.applyTxIn(this.hooks, tx), tx);
        } catch (error) {
          if (error instanceof ZkLiteError) {
            throw new ZkLiteError(error.code, `batch transaction ${index} (${tx.type}): ${error.message}`, { cause: error });
          }
          throw error;
        }
      }),
    );
  }

  /** Applies a Deposit or FullExit from the L1 priority queue. */
  applyPriorityOp(op: PriorityOp): Operation {
    return this.atomically(() => this.record(this.transitions.applyPriorityOpIn(this.hooks, op), undefined));
  }

  /** Credits the fees, hashes on this thread, and closes the block. */
  seal(): SealedBlock {
    const stateDiff = this.finishExecution();
    const hashes = this.transitions.tree.rehash();
    return this.assemble(this.transitions.tree.root(), hashes, stateDiff);
  }

  /** Same as `seal` with the hashing done by `hashBatch` (e.g. a pool of worker threads). */
  async sealWith(hashBatch: AsyncBatchHasher): Promise<SealedBlock> {
    const stateDiff = this.finishExecution();
    const hashes = await this.transitions.tree.rehashWith(hashBatch);
    return this.assemble(this.transitions.tree.root(), hashes, stateDiff);
  }

  /** Undoes everything applied in this block and closes it. */
  abandon(): void {
    this.requireOpen();
    this.transitions.tree.revertTo(this.blockCheckpoint);
    this.close();
  }

  private atomically<T>(apply: () => T): T {
    this.requireOpen();
    const checkpoint = this.transitions.tree.checkpoint();
    try {
      const result = apply();
      this.transitions.tree.release(checkpoint);
      return result;
    } catch (error) {
      this.transitions.tree.revertTo(checkpoint);
      if (error instanceof ZkLiteError) throw error;
      throw new ZkLiteError("INVALID_ARGUMENT", `operation rejected: ${String(error)}`, { cause: error });
    }
  }

  private record(op: Operation, tx: Tx | undefined): Operation {
    const noops = this.alignmentNoops(op.type);
    const chunks = this.chunksNeededFor(op.type);
    if (this.chunks + chunks > this.maxChunks) {
      const aligned = noops > 0 ? " (with the Noop that aligns it to an odd chunk)" : "";
      throw stateError("BLOCK_FULL", `${op.type} needs ${chunks} chunks${aligned}; only ${this.maxChunks - this.chunks} are left in the block`);
    }
    const tree = this.transitions.tree;
    const touches = extendedBalanceTouches(op, tree);
    if (this.maxExtendedTouches !== undefined && this.extendedTouches + touches > this.maxExtendedTouches) {
      throw stateError(
        "BLOCK_EXTENDED_TOUCHES_FULL",
        `${op.type} touches ${touches} balances with token id ≥ 1024; the block has used ${this.extendedTouches} of its ${this.maxExtendedTouches}, so it must wait for the next block`,
      );
    }
    for (let i = 0; i < noops; i++) this.ops.push({ type: "Noop" });
    const index = this.ops.length;
    this.ops.push(op);
    this.chunks += chunks;
    this.extendedTouches += touches;
    if (tx?.type === "ChangePubKey") this.witnesses.set(index, getChangePubKeyEthWitness(tx));
    tree.recordUndo(() => {
      this.ops.length = index - noops;
      this.chunks -= chunks;
      this.extendedTouches -= touches;
      this.witnesses.delete(index);
    });
    return op;
  }

  /** A Swap must start at an odd chunk index (see the class comment). */
  private alignmentNoops(type: OperationType): number {
    return type === "Swap" && this.chunks % 2 === 0 ? 1 : 0;
  }

  private collectFee(token: number, amount: bigint): void {
    if (amount === 0n) return;
    if (!this.fees.has(token) && this.maxFeeTokens !== undefined && this.fees.size >= this.maxFeeTokens) {
      throw stateError(
        "BLOCK_FEE_TOKENS_FULL",
        `the block already collects fees in ${this.fees.size} tokens (${[...this.fees.keys()].join(", ")}), its limit; a fee in token ${token} must wait for the next block`,
      );
    }
    const previous = this.fees.get(token) ?? 0n;
    const total = previous + amount;
    if (this.transitions.tree.balance(this.feeAccountId, token) + total > MAX_AMOUNT) {
      throw stateError("BALANCE_OVERFLOW", `the fee account's balance of token ${token} would exceed 2^128 − 1`);
    }
    this.fees.set(token, total);
    this.transitions.tree.recordUndo(() => {
      if (previous === 0n) this.fees.delete(token);
      else this.fees.set(token, previous);
    });
  }

  /** Credits the collected fees, ends journaling and closes the block; returns the block's net change. */
  private finishExecution(): StateDiff {
    this.requireOpen();
    const tree = this.transitions.tree;
    for (const [token, amount] of this.fees) {
      const balance = tree.balance(this.feeAccountId, token) + amount;
      if (balance > MAX_AMOUNT) throw stateError("BALANCE_OVERFLOW", `the fee account's balance of token ${token} would exceed 2^128 − 1`);
      tree.setBalance(this.feeAccountId, token, balance);
    }
    const stateDiff = this.transitions.stateDiff();
    tree.release(this.blockCheckpoint);
    this.close();
    return stateDiff;
  }

  private assemble(newStateRoot: bigint, hashesComputed: number, stateDiff: StateDiff): SealedBlock {
    const blockChunks = this.blockChunkSizes.find((size) => size >= this.chunks) as number;
    const publicData = encodeBlockPubdata(this.ops, blockChunks);
    const onchainOperations: OnchainOperation[] = [];
    let offset = 0;
    this.ops.forEach((op, index) => {
      if (isOnchainOperation(op.type)) {
        onchainOperations.push({ publicDataOffset: offset, ethWitness: this.witnesses.get(index) ?? new Uint8Array() });
      }
      offset += OP_CHUNKS[op.type] * CHUNK_BYTES;
    });
    const commitment = blockCommitment({
      blockNumber: this.blockNumber,
      feeAccount: this.feeAccountId,
      oldStateRoot: this.oldStateRoot,
      newStateRoot,
      timestamp: this.timestamp,
      publicData,
    });
    return {
      blockNumber: this.blockNumber,
      feeAccountId: this.feeAccountId,
      timestamp: this.timestamp,
      oldStateRoot: this.oldStateRoot,
      newStateRoot,
      operations: [...this.ops],
      chunksUsed: this.chunks,
      blockChunks,
      publicData,
      onchainOperations,
      commitment,
      fees: new Map(this.fees),
      hashesComputed,
      stateDiff,
    };
  }

  private requireOpen(): void {
    if (this.closed) throw stateError("NO_OPEN_BLOCK", `block ${this.blockNumber} is already sealed or abandoned`);
  }

  private close(): void {
    this.closed = true;
    this.transitions.closeBlock();
  }
}
