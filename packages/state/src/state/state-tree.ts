import { stateError } from "../errors.js";
import { poseidon } from "../poseidon.js";
import type { AuditPath } from "../tree/audit-path.js";
import { MAX_TREE_DEPTH, QuadMerkleTree } from "../tree/quad-merkle-tree.js";
import { rehashTrees, runRehashAsync, runRehashSync, type AsyncBatchHasher, type RehashProcess } from "../tree/rehash.js";
import { ACCOUNT_LEAF_ARITY, EMPTY_BALANCE_LEAF, PROCESSABLE_TOKEN_DEPTH, accountLeafInputs, isProcessableToken } from "./leaf-encoding.js";

export interface StateTreeOptions {
  /** Account index width in bits (production 24); even. */
  readonly accountTreeDepth: number;
  /**
   * Token index width in bits (production 32): the depth of each account's extended balance tree.
   * Even, at least PROCESSABLE_TOKEN_DEPTH (10) and at most 32.
   */
  readonly balanceTreeDepth: number;
}

export const PRODUCTION_TREE_DEPTHS: StateTreeOptions = Object.freeze({ accountTreeDepth: 24, balanceTreeDepth: 32 });

export const ZERO_PUBKEY_HASH = `sync:${"0".repeat(40)}`;

/** Read-only view of an account. */
export interface AccountView {
  readonly id: number;
  readonly address: string;
  readonly nonce: number;
  readonly pubKeyHash: string;
}

/** @internal The stored form of an account (never handed out: `account()` returns a frozen copy). */
export interface AccountRecord {
  readonly id: number;
  address: string;
  nonce: number;
  pubKeyHash: string;
  /** Balances of token ids 0..1023. */
  readonly processable: QuadMerkleTree;
  /**
   * Balances of token ids ≥ 1024; undefined while the account holds none (its root is then the
   * empty extended root), so accounts that never hold an NFT pay for one tree only.
   */
  extended: QuadMerkleTree | undefined;
}

/** Proof of one account leaf: its fields, its two balance roots and its path in the account tree. */
export interface AccountProof {
  readonly accountId: number;
  readonly nonce: number;
  readonly pubKeyHash: string;
  readonly address: string;
  readonly processableRoot: bigint;
  readonly extendedRoot: bigint;
  readonly accountPath: AuditPath;
}

/**
 * Proof of one balance plus the account proof: `balancePath` is the path in the tree that holds
 * `tokenId` (the processable tree, 5 levels, for ids below 1024; the extended tree,
 * balanceTreeDepth / 2 levels, otherwise).
 */
export interface BalanceProof extends AccountProof {
  readonly tokenId: number;
  readonly balance: bigint;
  readonly balancePath: AuditPath;
}

/**
 * The rollup state as trees, without rules, seen read-only: accounts (nonce, PubKeyHash, address,
 * balances) in a 4-ary account tree whose leaves commit to two 4-ary balance trees per account, one for
 * the processable tokens (ids 0..1023) and one for the rest (see leaf-encoding.ts). Queries return
 * copies (`account()` a frozen one), never the stored records. `root()` (or `rehash()`) hashes every
 * node that changed since the last time, once.
 *
 * Writing is not part of this API: the executor (`RollupState`, `BlockBuilder`) writes through
 * `MutableStateTree` (`@zklite/state/internal`), which journals every change.
 */
export abstract class StateTree {
  readonly accountTreeDepth: number;
  readonly balanceTreeDepth: number;
  readonly emptyProcessableRoot: bigint;
  readonly emptyExtendedRoot: bigint;
  readonly emptyAccountLeaf: bigint;
  protected accountTree: QuadMerkleTree;
  /** Never written: audit paths of accounts without a tree of that kind. */
  private readonly emptyProcessableTree: QuadMerkleTree;
  protected readonly emptyExtendedTree: QuadMerkleTree;
  protected readonly accounts = new Map<number, AccountRecord>();
  protected readonly idsByAddress = new Map<string, number>();
  /** Accounts whose leaf must be recomputed (created, changed, or removed by a rollback). */
  protected dirtyAccounts = new Set<number>();

  constructor(options: StateTreeOptions) {
    const { accountTreeDepth, balanceTreeDepth } = options;
    if (!Number.isInteger(balanceTreeDepth) || balanceTreeDepth < PROCESSABLE_TOKEN_DEPTH || balanceTreeDepth > MAX_TREE_DEPTH || balanceTreeDepth % 2 !== 0) {
      throw stateError(
        "INVALID_TREE_DEPTH",
        `balanceTreeDepth must be an even integer in [${PROCESSABLE_TOKEN_DEPTH}, ${MAX_TREE_DEPTH}] (the processable tree alone is ${PROCESSABLE_TOKEN_DEPTH} bits), got ${balanceTreeDepth}`,
      );
    }
    this.accountTreeDepth = accountTreeDepth;
    this.balanceTreeDepth = balanceTreeDepth;
    this.emptyProcessableTree = new QuadMerkleTree({ depth: PROCESSABLE_TOKEN_DEPTH, emptyLeaf: EMPTY_BALANCE_LEAF });
    this.emptyExtendedTree = new QuadMerkleTree({ depth: balanceTreeDepth, emptyLeaf: EMPTY_BALANCE_LEAF });
    this.emptyProcessableRoot = this.emptyProcessableTree.root();
    this.emptyExtendedRoot = this.emptyExtendedTree.root();
    this.emptyAccountLeaf = poseidon([0n, 0n, 0n, this.emptyProcessableRoot, this.emptyExtendedRoot]);
    this.accountTree = new QuadMerkleTree({ depth: accountTreeDepth, emptyLeaf: this.emptyAccountLeaf });
  }

  /** Number of account slots (2^accountTreeDepth). */
  get accountCapacity(): number {
    return this.accountTree.capacity;
  }

  get accountCount(): number {
    return this.accounts.size;
  }

  /** A frozen copy of the account's fields (later changes do not show in it), or undefined. */
  account(id: number): AccountView | undefined {
    const record = this.accounts.get(id);
    if (record === undefined) return undefined;
    return Object.freeze({ id: record.id, address: record.address, nonce: record.nonce, pubKeyHash: record.pubKeyHash });
  }

  accountIdByAddress(address: string): number | undefined {
    return this.idsByAddress.get(address.toLowerCase());
  }

  /** Ids of all existing accounts, in creation order. */
  accountIds(): IterableIterator<number> {
    return this.accounts.keys();
  }

  balance(id: number, tokenId: number): bigint {
    const record = this.accounts.get(id);
    if (record === undefined) return 0n;
    if (isProcessableToken(tokenId)) return record.processable.get(tokenId);
    this.assertTokenIndex(tokenId);
    return record.extended?.get(tokenId) ?? EMPTY_BALANCE_LEAF;
  }

  /** Non-zero balances of an account, both trees (token id → amount). */
  balances(id: number): Map<number, bigint> {
    const record = this.record(id);
    const all = new Map(record.processable.nonEmptyLeaves());
    if (record.extended !== undefined) for (const [tokenId, amount] of record.extended.nonEmptyLeaves()) all.set(tokenId, amount);
    return all;
  }

  /** Number of existing accounts that currently hold an extended balance tree (ids ≥ 1024). */
  get extendedTreeCount(): number {
    let count = 0;
    for (const record of this.accounts.values()) if (record.extended !== undefined) count++;
    return count;
  }

  protected assertTokenIndex(tokenId: number): void {
    if (!Number.isInteger(tokenId) || tokenId < 0 || tokenId >= this.emptyExtendedTree.capacity) {
      throw stateError("INVALID_INDEX", `token id ${tokenId} is outside the balance trees [0, 2^${this.balanceTreeDepth})`);
    }
  }

  // ---- hashing ----

  /** Number of accounts whose leaf is waiting to be rehashed. */
  get dirtyAccountCount(): number {
    return this.dirtyAccounts.size;
  }

  /** The state root; hashes whatever changed since the last call (on this thread). */
  root(): bigint {
    if (this.dirtyAccounts.size > 0) runRehashSync(this.rehashProcess());
    return this.accountTree.root();
  }

  /** Hashes whatever changed on this thread; returns the number of Poseidon hashes computed. */
  rehash(): number {
    return runRehashSync(this.rehashProcess());
  }

  /** Same as `root()` with the hashing done by `hashBatch` (e.g. worker threads). Returns hashes computed. */
  async rehashWith(hashBatch: AsyncBatchHasher): Promise<number> {
    return runRehashAsync(this.rehashProcess(), hashBatch);
  }

  /**
   * The whole rehash as one coroutine: the dirty accounts' processable and extended balance trees
   * together, level by level (one batch per height), then the dirty account leaves (one batch of
   * 5-input hashes), then the account tree level by level.
   */
  *rehashProcess(): RehashProcess {
    const dirty = this.dirtyAccounts;
    this.dirtyAccounts = new Set();
    let completed = false;
    try {
      const live: AccountRecord[] = [];
      for (const id of dirty) {
        const record = this.accounts.get(id);
        if (record === undefined) this.accountTree.set(id, this.emptyAccountLeaf);
        else live.push(record);
      }
      const balanceTrees: QuadMerkleTree[] = [];
      for (const record of live) {
        if (!record.processable.isClean) balanceTrees.push(record.processable);
        if (record.extended !== undefined && !record.extended.isClean) balanceTrees.push(record.extended);
      }
      yield* rehashTrees(balanceTrees);
      if (live.length > 0) {
        const inputs: bigint[] = [];
        for (const record of live) inputs.push(...accountLeafInputs(this.leafFields(record)));
        const leaves = yield { arity: ACCOUNT_LEAF_ARITY, inputs };
        live.forEach((record, i) => this.accountTree.set(record.id, leaves[i] as bigint));
      }
      yield* rehashTrees([this.accountTree]);
      completed = true;
    } finally {
      if (!completed) for (const id of dirty) this.dirtyAccounts.add(id);
    }
  }

  // ---- proofs ----

  accountProof(id: number): AccountProof {
    this.root();
    const record = this.accounts.get(id);
    const accountPath = this.accountTree.auditPath(id);
    if (record === undefined) {
      return {
        accountId: id,
        nonce: 0,
        pubKeyHash: ZERO_PUBKEY_HASH,
        address: `0x${"0".repeat(40)}`,
        processableRoot: this.emptyProcessableRoot,
        extendedRoot: this.emptyExtendedRoot,
        accountPath,
      };
    }
    return { accountId: id, ...this.leafFields(record), accountPath };
  }

  /** The account proof plus the path of `tokenId` in whichever balance tree holds it. */
  balanceProof(id: number, tokenId: number): BalanceProof {
    const processable = isProcessableToken(tokenId);
    if (!processable) this.assertTokenIndex(tokenId);
    const accountProof = this.accountProof(id);
    const record = this.accounts.get(id);
    const tree = processable ? (record?.processable ?? this.emptyProcessableTree) : (record?.extended ?? this.emptyExtendedTree);
    const balancePath = tree.auditPath(tokenId);
    return { ...accountProof, tokenId, balance: balancePath.leaf, balancePath };
  }

  private leafFields(record: AccountRecord): { nonce: number; pubKeyHash: string; address: string; processableRoot: bigint; extendedRoot: bigint } {
    return {
      nonce: record.nonce,
      pubKeyHash: record.pubKeyHash,
      address: record.address,
      processableRoot: record.processable.root(),
      extendedRoot: record.extended?.root() ?? this.emptyExtendedRoot,
    };
  }

  protected record(id: number): AccountRecord {
    const record = this.accounts.get(id);
    if (record === undefined) throw stateError("ACCOUNT_NOT_FOUND", `account ${id} does not exist`);
    return record;
  }
}
