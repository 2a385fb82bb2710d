import {
  MAX_AMOUNT,
  MIN_NFT_TOKEN_ID,
  NFT_STORAGE_ACCOUNT_ADDRESS,
  NFT_TOKEN_ID,
  type Operation,
  type PriorityOp,
  type Tx,
} from "@zklite/protocol";
import { stateError, ZkLiteError } from "../errors.js";
import { MutableStateTree } from "../state/mutable-state-tree.js";
import type { AccountView, StateTree, StateTreeOptions } from "../state/state-tree.js";
import type { AsyncBatchHasher } from "../tree/rehash.js";
import { BlockBuilder, type BlockParameters } from "./block-builder.js";
import { ethereumChangePubKeyAuth, type ChangePubKeyAuthChecker, type ChangePubKeyL1 } from "./change-pubkey-auth.js";
import type { ExecutionContext } from "./context.js";
import type { BlockContextHooks, StateTransitions } from "./state-transitions.js";
import { applyChangePubKey } from "./handlers/change-pubkey.js";
import { applyDeposit } from "./handlers/deposit.js";
import { applyForcedExit } from "./handlers/forced-exit.js";
import { applyFullExit } from "./handlers/full-exit.js";
import { applyMintNFT } from "./handlers/mint-nft.js";
import { applySwap } from "./handlers/swap.js";
import { applyTransfer } from "./handlers/transfer.js";
import { applyWithdraw } from "./handlers/withdraw.js";
import { applyWithdrawNFT } from "./handlers/withdraw-nft.js";
import { NftRegistry, type NftInfo } from "./nft-registry.js";
import { replayOperation } from "./pubdata-replay.js";
import { NO_ONCHAIN_AUTH_FACTS, type OnchainAuthFacts } from "./onchain-auth-facts.js";
import { rescueNftTokenHash, type NftTokenHasher } from "./nft-token-hash.js";
import { musigSignatureChecker, type SignatureChecker } from "./signature-checker.js";
import type { StateDiff } from "./state-diff.js";
import { applyAccountDiff, restoreAccounts } from "./state-restore.js";
import type { AccountSnapshot, StateSnapshot } from "./state-snapshot.js";

export interface RollupStateOptions extends StateTreeOptions {
  /** zkSync signature checks; default: zksync-crypto via @zklite/crypto-wasm (call its `init()` first). */
  readonly signatureChecker?: SignatureChecker;
  /** ChangePubKey Ethereum authorization checks; default: ECDSA/EIP712/CREATE2/legacy recovery. */
  readonly changePubKeyAuth?: ChangePubKeyAuthChecker;
  /**
   * Chain id of the L1 the blocks are committed to (`block.chainid`). EIP-712 ChangePubKey authorizations must be
   * signed for it; without it they are refused (CHAIN_ID_MISMATCH).
   */
  readonly chainId?: number;
  /**
   * L1's on-chain ChangePubKey authorizations (`setAuthPubkeyHash`), fed by the node from the rollup's `FactAuth`
   * and `FactAuthResetRequested` events. Default: none known, so every Onchain ChangePubKey is refused
   * (ONCHAIN_AUTH_FACT_MISSING), as L1 would refuse its block.
   */
  readonly onchainAuthFacts?: OnchainAuthFacts;
  /** NFT token hash; default: zkSync's Rescue hash (§1.4). */
  readonly nftTokenHash?: NftTokenHasher;
}

/** Which block a replay is, and the account its fees go to (both from the block's `CommitBlockInfo`). */
export interface ReplayHeader {
  readonly blockNumber: number;
  readonly feeAccountId: number;
}

/** What replaying a block's operations did: its roots, its net change (as `SealedBlock.stateDiff`) and its fees. */
export interface ReplayedBlock {
  readonly blockNumber: number;
  readonly oldStateRoot: bigint;
  readonly newStateRoot: bigint;
  readonly stateDiff: StateDiff;
  readonly fees: ReadonlyMap<number, bigint>;
}

export interface GenesisOptions extends RollupStateOptions {
  /** Address of account 0, the operator's fee account. */
  readonly feeAccountAddress: string;
}

/**
 * The zkLite rollup state and its rules: accounts and balances in Poseidon trees (`tree`, read-only), minted
 * NFTs, and the state transition of every operation. Transactions are applied inside a block
 * (`openBlock`), which owns the timestamp and the fees; a rejected transaction or batch throws a
 * `ZkLiteError` and leaves the state exactly as it was. A state can be copied (`fork`), saved as plain data
 * (`snapshot`), rebuilt from it (`fromSnapshot`) and moved forward by stored block diffs (`applyDiff`).
 */
export class RollupState {
  /** The trees, read-only (proofs, roots, balances); only the executor writes them. */
  readonly tree: StateTree;
  readonly nftStorageAccountId: number;
  private readonly writable: MutableStateTree;
  private readonly nftRegistry: NftRegistry;
  private readonly signatures: SignatureChecker;
  private readonly changePubKeyAuth: ChangePubKeyAuthChecker;
  private readonly changePubKeyL1: ChangePubKeyL1;
  private readonly nftTokenHash: NftTokenHasher;
  private nextFreeAccountId = 0;
  private openBlockNumber: number | undefined;

  constructor(options: RollupStateOptions) {
    this.writable = new MutableStateTree(options);
    this.tree = this.writable;
    this.nftStorageAccountId = this.tree.accountCapacity - 1;
    this.nftRegistry = new NftRegistry(this.writable);
    this.signatures = options.signatureChecker ?? musigSignatureChecker();
    this.changePubKeyAuth = options.changePubKeyAuth ?? ethereumChangePubKeyAuth;
    if (options.chainId !== undefined && (!Number.isSafeInteger(options.chainId) || options.chainId < 0)) {
      throw stateError("INVALID_ARGUMENT", `chain id ${String(options.chainId)} is not a non-negative safe integer`);
    }
    this.changePubKeyL1 = Object.freeze({ chainId: options.chainId, onchainAuthFacts: options.onchainAuthFacts ?? NO_ONCHAIN_AUTH_FACTS });
    this.nftTokenHash = options.nftTokenHash ?? rescueNftTokenHash;
  }

  /**
   * Genesis (PROTOCOL.md §4.5): account 0 is the fee account; the last account slot is the NFT storage
   * account (address 0xff…ff) whose balance of NFT_TOKEN_ID, the next NFT id, starts at 65536
   * (when the balance tree is deep enough to hold NFT_TOKEN_ID).
   */
  static genesis(options: GenesisOptions): RollupState {
    const state = new RollupState(options);
    state.writable.createAccount(0, options.feeAccountAddress);
    state.writable.createAccount(state.nftStorageAccountId, NFT_STORAGE_ACCOUNT_ADDRESS);
    if (NFT_TOKEN_ID < 2 ** state.tree.balanceTreeDepth) {
      state.writable.setBalance(state.nftStorageAccountId, NFT_TOKEN_ID, BigInt(MIN_NFT_TOKEN_ID));
    }
    state.nextFreeAccountId = 1;
    return state;
  }

  /**
   * Rebuilds the state a `snapshot()` was taken of (same root, accounts, NFTs and allocator), hashing every
   * tree once, level by level, on this thread. `options` gives the checkers; its depths must be the snapshot's.
   */
  static fromSnapshot(snapshot: StateSnapshot, options: RollupStateOptions): RollupState {
    const state = RollupState.unhashedFromSnapshot(snapshot, options);
    state.writable.rehash();
    return state;
  }

  /** `fromSnapshot` with the hashing done by `hashBatch` (e.g. a `PoseidonWorkerPool`). */
  static async fromSnapshotWith(snapshot: StateSnapshot, options: RollupStateOptions, hashBatch: AsyncBatchHasher): Promise<RollupState> {
    const state = RollupState.unhashedFromSnapshot(snapshot, options);
    await state.writable.rehashWith(hashBatch);
    return state;
  }

  private static unhashedFromSnapshot(snapshot: StateSnapshot, options: RollupStateOptions): RollupState {
    if (snapshot.accountTreeDepth !== options.accountTreeDepth || snapshot.balanceTreeDepth !== options.balanceTreeDepth) {
      throw stateError(
        "INVALID_TREE_DEPTH",
        `the snapshot has depths ${snapshot.accountTreeDepth}/${snapshot.balanceTreeDepth}, the options ${options.accountTreeDepth}/${options.balanceTreeDepth}`,
      );
    }
    const state = new RollupState(options);
    restoreAccounts(state.writable, snapshot.accounts);
    for (const nft of snapshot.nfts) state.addNft(nft);
    state.setNextAccountId(snapshot.nextAccountId);
    return state;
  }

  // ---- queries ----

  account(id: number): AccountView | undefined {
    return this.tree.account(id);
  }

  accountByAddress(address: string): AccountView | undefined {
    const id = this.tree.accountIdByAddress(address);
    return id === undefined ? undefined : this.tree.account(id);
  }

  balance(accountId: number, tokenId: number): bigint {
    return this.tree.balance(accountId, tokenId);
  }

  nft(tokenId: number): NftInfo | undefined {
    return this.nftRegistry.get(tokenId);
  }

  /** Id the next new account will get. */
  get nextAccountId(): number {
    return this.nextFreeAccountId;
  }

  get root(): bigint {
    return this.tree.root();
  }

  // ---- copies, snapshots, diffs ----

  /** The whole state as plain data (accounts by id, balances and NFTs by token id). No block may be open. */
  snapshot(): StateSnapshot {
    this.requireNoOpenBlock("snapshot");
    const accounts: AccountSnapshot[] = [];
    for (const id of [...this.tree.accountIds()].sort((a, b) => a - b)) {
      const { address, nonce, pubKeyHash } = this.tree.account(id) as AccountView;
      const balances = [...this.tree.balances(id)].sort(([a], [b]) => a - b);
      accounts.push({ id, address, nonce, pubKeyHash, balances });
    }
    return {
      accountTreeDepth: this.tree.accountTreeDepth,
      balanceTreeDepth: this.tree.balanceTreeDepth,
      nextAccountId: this.nextFreeAccountId,
      accounts,
      nfts: [...this.nftRegistry.values()].sort((a, b) => a.tokenId - b.tokenId),
    };
  }

  /** An independent deep copy with the same checkers (nothing is rehashed). No block may be open. */
  fork(): RollupState {
    this.requireNoOpenBlock("fork");
    const copy = new RollupState({
      accountTreeDepth: this.tree.accountTreeDepth,
      balanceTreeDepth: this.tree.balanceTreeDepth,
      signatureChecker: this.signatures,
      changePubKeyAuth: this.changePubKeyAuth,
      nftTokenHash: this.nftTokenHash,
    });
    copy.writable.copyFrom(this.writable);
    for (const nft of this.nftRegistry.values()) copy.nftRegistry.add(nft);
    copy.nextFreeAccountId = this.nextFreeAccountId;
    return copy;
  }

  /**
   * Applies a block's stored `StateDiff` (moves the state from the block's old root to its new one without
   * its transactions). Every `before` must match the state; on any mismatch (STATE_DIFF_MISMATCH) or bad
   * value the state is left unchanged. No block may be open.
   */
  applyDiff(diff: StateDiff): void {
    this.requireNoOpenBlock("apply a diff");
    const checkpoint = this.writable.checkpoint();
    try {
      for (const account of diff.accounts) applyAccountDiff(this.writable, account);
      for (const nft of diff.nfts) {
        if (this.nftRegistry.get(nft.tokenId) !== undefined) throw stateError("STATE_DIFF_MISMATCH", `NFT ${nft.tokenId} is already minted`);
        this.addNft(nft);
      }
      this.setNextAccountId(diff.nextAccountId);
      this.writable.release(checkpoint);
    } catch (error) {
      this.writable.revertTo(checkpoint);
      if (error instanceof ZkLiteError) throw error;
      throw stateError("INVALID_ARGUMENT", `state diff rejected: ${String(error)}`);
    }
  }

  /**
   * Replays a committed block from its pubdata operations (data restore; see pubdata-replay.ts for what is and is
   * not checked), credits its fees to `header.feeAccountId`, and hashes on this thread. On any error
   * (PUBDATA_MISMATCH, INSUFFICIENT_BALANCE, ...) the state is left unchanged. No block may be open.
   */
  replayBlock(header: ReplayHeader, operations: readonly Operation[]): ReplayedBlock {
    const oldStateRoot = this.root;
    const { stateDiff, fees } = this.replayUnhashed(header, operations);
    this.writable.rehash();
    return { blockNumber: header.blockNumber, oldStateRoot, newStateRoot: this.root, stateDiff, fees };
  }

  /** `replayBlock` with the hashing done by `hashBatch` (e.g. a `PoseidonWorkerPool`). */
  async replayBlockWith(header: ReplayHeader, operations: readonly Operation[], hashBatch: AsyncBatchHasher): Promise<ReplayedBlock> {
    const oldStateRoot = this.root;
    const { stateDiff, fees } = this.replayUnhashed(header, operations);
    await this.writable.rehashWith(hashBatch);
    return { blockNumber: header.blockNumber, oldStateRoot, newStateRoot: this.root, stateDiff, fees };
  }

  private replayUnhashed(header: ReplayHeader, operations: readonly Operation[]): { stateDiff: StateDiff; fees: Map<number, bigint> } {
    this.requireNoOpenBlock("replay a block");
    if (this.tree.account(header.feeAccountId) === undefined || header.feeAccountId === this.nftStorageAccountId) {
      throw stateError("PUBDATA_MISMATCH", `block ${header.blockNumber}: fee account ${header.feeAccountId} does not exist`);
    }
    const fees = new Map<number, bigint>();
    const ctx = this.context({
      timestamp: 0,
      collectFee: (token, amount) => {
        if (amount !== 0n) fees.set(token, (fees.get(token) ?? 0n) + amount);
      },
    });
    const nftsBefore = this.nftRegistry.size;
    const checkpoint = this.writable.checkpoint();
    this.writable.trackChanges();
    try {
      operations.forEach((op, index) => {
        try {
          replayOperation(ctx, op);
        } catch (error) {
          if (!(error instanceof ZkLiteError)) throw error;
          throw new ZkLiteError(error.code, `block ${header.blockNumber}, operation ${index} (${op.type}): ${error.message}`, { cause: error });
        }
      });
      for (const [token, amount] of fees) {
        const balance = this.tree.balance(header.feeAccountId, token) + amount;
        if (balance > MAX_AMOUNT) throw stateError("BALANCE_OVERFLOW", `block ${header.blockNumber}: the fee account's balance of token ${token} would exceed 2^128 − 1`);
        this.writable.setBalance(header.feeAccountId, token, balance);
      }
      const stateDiff = { accounts: this.writable.accountDiffs(), nfts: this.nftRegistry.addedAfter(nftsBefore), nextAccountId: this.nextFreeAccountId };
      this.writable.release(checkpoint);
      return { stateDiff, fees };
    } catch (error) {
      this.writable.revertTo(checkpoint);
      if (error instanceof ZkLiteError) throw error;
      throw stateError("INVALID_ARGUMENT", `block ${header.blockNumber} rejected: ${String(error)}`);
    } finally {
      this.writable.stopTrackingChanges();
    }
  }

  private addNft(nft: NftInfo): void {
    if (!Number.isInteger(nft.tokenId) || nft.tokenId < 0 || nft.tokenId >= 2 ** this.tree.balanceTreeDepth) {
      throw stateError("INVALID_ARGUMENT", `NFT token id ${nft.tokenId} is outside the balance trees`);
    }
    this.nftRegistry.add(nft);
  }

  /** Sets the allocator (journaled); ids run from 1 to the NFT storage account. */
  private setNextAccountId(next: number): void {
    if (!Number.isInteger(next) || next < 1 || next > this.nftStorageAccountId) {
      throw stateError("INVALID_ARGUMENT", `next account id ${next} is outside [1, ${this.nftStorageAccountId}]`);
    }
    const previous = this.nextFreeAccountId;
    this.nextFreeAccountId = next;
    this.writable.recordUndo(() => {
      this.nextFreeAccountId = previous;
    });
  }

  private requireNoOpenBlock(action: string): void {
    if (this.openBlockNumber !== undefined) {
      throw stateError("BLOCK_ALREADY_OPEN", `block ${this.openBlockNumber} is open; seal or abandon it before you ${action}`);
    }
  }

  // ---- blocks ----

  /** Starts a block; only one may be open at a time. Its old state root is computed now. */
  openBlock(parameters: BlockParameters): BlockBuilder {
    this.requireNoOpenBlock("open another");
    const feeAccount = this.tree.account(parameters.feeAccountId);
    if (feeAccount === undefined || parameters.feeAccountId === this.nftStorageAccountId) {
      throw stateError("ACCOUNT_NOT_FOUND", `fee account ${parameters.feeAccountId} does not exist`);
    }
    const nftsBefore = this.nftRegistry.size;
    const transitions: StateTransitions = {
      tree: this.writable,
      applyTxIn: (block, tx) => this.applyTx(block, tx),
      applyPriorityOpIn: (block, op) => this.applyPriorityOp(block, op),
      stateDiff: () => ({
        accounts: this.writable.accountDiffs(),
        nfts: this.nftRegistry.addedAfter(nftsBefore),
        nextAccountId: this.nextFreeAccountId,
      }),
      closeBlock: () => {
        this.writable.stopTrackingChanges();
        this.openBlockNumber = undefined;
      },
    };
    const builder = new BlockBuilder(transitions, parameters);
    this.writable.trackChanges();
    this.openBlockNumber = parameters.blockNumber;
    return builder;
  }

  private context(block: BlockContextHooks): ExecutionContext {
    return {
      tree: this.writable,
      timestamp: block.timestamp,
      signatures: this.signatures,
      changePubKeyAuth: this.changePubKeyAuth,
      changePubKeyL1: this.changePubKeyL1,
      nftTokenHash: this.nftTokenHash,
      nfts: this.nftRegistry,
      nftStorageAccountId: this.nftStorageAccountId,
      collectFee: (token, amount) => block.collectFee(token, amount),
      createAccount: (address) => this.createAccount(address),
    };
  }

  private applyTx(block: BlockContextHooks, tx: Tx): Operation {
    const ctx = this.context(block);
    switch (tx.type) {
      case "Transfer":
        return applyTransfer(ctx, tx);
      case "Withdraw":
        return applyWithdraw(ctx, tx);
      case "ChangePubKey":
        return applyChangePubKey(ctx, tx);
      case "ForcedExit":
        return applyForcedExit(ctx, tx);
      case "MintNFT":
        return applyMintNFT(ctx, tx);
      case "WithdrawNFT":
        return applyWithdrawNFT(ctx, tx);
      case "Swap":
        return applySwap(ctx, tx);
      default:
        throw stateError("INVALID_ARGUMENT", `unknown transaction type ${String((tx as { type?: unknown }).type)}`);
    }
  }

  private applyPriorityOp(block: BlockContextHooks, op: PriorityOp): Operation {
    const ctx = this.context(block);
    switch (op.type) {
      case "Deposit":
        return applyDeposit(ctx, op);
      case "FullExit":
        return applyFullExit(ctx, op);
      default:
        throw stateError("INVALID_ARGUMENT", `unknown priority operation type ${String((op as { type?: unknown }).type)}`);
    }
  }

  private createAccount(address: string): number {
    const id = this.nextFreeAccountId;
    if (id >= this.nftStorageAccountId) throw stateError("ACCOUNT_TREE_FULL", `no free account id left (capacity 2^${this.tree.accountTreeDepth})`);
    this.writable.createAccount(id, address);
    this.nextFreeAccountId = id + 1;
    this.writable.recordUndo(() => {
      this.nextFreeAccountId = id;
    });
    return id;
  }
}
