import { stateError } from "../errors.js";
import { poseidon } from "../poseidon.js";
import type { AuditPath } from "../tree/audit-path.js";
import { QuadMerkleTree } from "../tree/quad-merkle-tree.js";
import { rehashTrees, runRehashAsync, runRehashSync, type AsyncBatchHasher, type RehashProcess } from "../tree/rehash.js";
import { Journal } from "./journal.js";
import { EMPTY_BALANCE_LEAF, accountLeafInputs } from "./leaf-encoding.js";

export interface StateTreeOptions {
  /** Account index width in bits (production 24); even. */
  readonly accountTreeDepth: number;
  /** Token index width in bits (production 32); even. */
  readonly balanceTreeDepth: number;
}

export const PRODUCTION_TREE_DEPTHS: StateTreeOptions = Object.freeze({ accountTreeDepth: 24, balanceTreeDepth: 32 });

const ZERO_PUBKEY_HASH = `sync:${"0".repeat(40)}`;

/** Read-only view of an account. */
export interface AccountView {
  readonly id: number;
  readonly address: string;
  readonly nonce: number;
  readonly pubKeyHash: string;
}

interface AccountRecord {
  readonly id: number;
  address: string;
  nonce: number;
  pubKeyHash: string;
  readonly balances: QuadMerkleTree;
}

/** Proof of one account leaf: its fields, its balance root and its path in the account tree. */
export interface AccountProof {
  readonly accountId: number;
  readonly nonce: number;
  readonly pubKeyHash: string;
  readonly address: string;
  readonly balanceRoot: bigint;
  readonly accountPath: AuditPath;
}

/** Proof of one balance: its path in the account's balance tree plus the account proof. */
export interface BalanceProof extends AccountProof {
  readonly tokenId: number;
  readonly balance: bigint;
  readonly balancePath: AuditPath;
}

/**
 * The rollup state as trees, without rules: accounts (nonce, PubKeyHash, address, balances) in a
 * 4-ary account tree whose leaves commit to per-account 4-ary balance trees. Mutations never hash;
 * `root()` (or `rehash()`) hashes every node that changed since the last time, once. Every mutation
 * is journaled while a checkpoint is open, so a failed batch reverts bit for bit.
 */
export class StateTree {
  readonly accountTreeDepth: number;
  readonly balanceTreeDepth: number;
  readonly emptyBalanceRoot: bigint;
  readonly emptyAccountLeaf: bigint;
  private readonly accountTree: QuadMerkleTree;
  private readonly accounts = new Map<number, AccountRecord>();
  private readonly idsByAddress = new Map<string, number>();
  /** Accounts whose leaf must be recomputed (created, changed, or removed by a rollback). */
  private dirtyAccounts = new Set<number>();
  private readonly journal = new Journal();

  constructor(options: StateTreeOptions) {
    this.accountTreeDepth = options.accountTreeDepth;
    this.balanceTreeDepth = options.balanceTreeDepth;
    const emptyBalances = new QuadMerkleTree({ depth: options.balanceTreeDepth, emptyLeaf: EMPTY_BALANCE_LEAF });
    this.emptyBalanceRoot = emptyBalances.root();
    this.emptyAccountLeaf = poseidon([0n, 0n, 0n, this.emptyBalanceRoot]);
    this.accountTree = new QuadMerkleTree({ depth: options.accountTreeDepth, emptyLeaf: this.emptyAccountLeaf });
  }

  /** Number of account slots (2^accountTreeDepth). */
  get accountCapacity(): number {
    return this.accountTree.capacity;
  }

  get accountCount(): number {
    return this.accounts.size;
  }

  account(id: number): AccountView | undefined {
    return this.accounts.get(id);
  }

  accountIdByAddress(address: string): number | undefined {
    return this.idsByAddress.get(address.toLowerCase());
  }

  /** Ids of all existing accounts, in creation order. */
  accountIds(): IterableIterator<number> {
    return this.accounts.keys();
  }

  /** Creates an account with the given id and address (nonce 0, no key, no balances). */
  createAccount(id: number, address: string): void {
    if (!Number.isInteger(id) || id < 0 || id >= this.accountTree.capacity) {
      throw stateError("ACCOUNT_ID_TOO_BIG", `account id ${id} is outside the account tree (2^${this.accountTreeDepth})`);
    }
    if (this.accounts.has(id)) throw stateError("INVALID_ARGUMENT", `account ${id} already exists`);
    const normalized = address.toLowerCase();
    if (this.idsByAddress.has(normalized)) throw stateError("INVALID_ARGUMENT", `address ${normalized} already has an account`);
    const record: AccountRecord = {
      id,
      address: normalized,
      nonce: 0,
      pubKeyHash: ZERO_PUBKEY_HASH,
      balances: new QuadMerkleTree({ depth: this.balanceTreeDepth, emptyLeaf: EMPTY_BALANCE_LEAF }),
    };
    this.accounts.set(id, record);
    this.idsByAddress.set(normalized, id);
    this.dirtyAccounts.add(id);
    this.journal.record(() => {
      this.accounts.delete(id);
      this.idsByAddress.delete(normalized);
      this.dirtyAccounts.add(id);
    });
  }

  setNonce(id: number, nonce: number): void {
    const record = this.record(id);
    const previous = record.nonce;
    record.nonce = nonce;
    this.dirtyAccounts.add(id);
    this.journal.record(() => {
      record.nonce = previous;
      this.dirtyAccounts.add(id);
    });
  }

  setPubKeyHash(id: number, pubKeyHash: string): void {
    const record = this.record(id);
    const previous = record.pubKeyHash;
    record.pubKeyHash = pubKeyHash.toLowerCase();
    this.dirtyAccounts.add(id);
    this.journal.record(() => {
      record.pubKeyHash = previous;
      this.dirtyAccounts.add(id);
    });
  }

  balance(id: number, tokenId: number): bigint {
    const record = this.accounts.get(id);
    return record === undefined ? 0n : record.balances.get(tokenId);
  }

  setBalance(id: number, tokenId: number, amount: bigint): void {
    const record = this.record(id);
    const previous = record.balances.get(tokenId);
    record.balances.set(tokenId, amount);
    this.dirtyAccounts.add(id);
    this.journal.record(() => {
      record.balances.set(tokenId, previous);
      this.dirtyAccounts.add(id);
    });
  }

  /** Non-zero balances of an account (token id → amount). */
  balances(id: number): Map<number, bigint> {
    const record = this.record(id);
    return new Map(record.balances.nonEmptyLeaves());
  }

  // ---- rollback ----

  /** Opens a checkpoint; every later change can be undone with `revertTo`. */
  checkpoint(): number {
    return this.journal.checkpoint();
  }

  revertTo(checkpoint: number): void {
    this.journal.revertTo(checkpoint);
  }

  release(checkpoint: number): void {
    this.journal.release(checkpoint);
  }

  /** Records an undo step for state kept outside the trees (e.g. an executor's counters). */
  recordUndo(undo: () => void): void {
    this.journal.record(undo);
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
   * The whole rehash as one coroutine: all dirty balance trees level by level, then the dirty
   * account leaves, then the account tree level by level.
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
      yield* rehashTrees(live.map((record) => record.balances));
      if (live.length > 0) {
        const leafInputs: bigint[] = [];
        for (const record of live) {
          leafInputs.push(...accountLeafInputs({ ...record, balanceRoot: record.balances.root() }));
        }
        const leaves = yield leafInputs;
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
      return { accountId: id, nonce: 0, pubKeyHash: ZERO_PUBKEY_HASH, address: `0x${"0".repeat(40)}`, balanceRoot: this.emptyBalanceRoot, accountPath };
    }
    const { nonce, pubKeyHash, address } = record;
    return { accountId: id, nonce, pubKeyHash, address, balanceRoot: record.balances.root(), accountPath };
  }

  balanceProof(id: number, tokenId: number): BalanceProof {
    const accountProof = this.accountProof(id);
    const record = this.accounts.get(id);
    const balancePath =
      record === undefined
        ? new QuadMerkleTree({ depth: this.balanceTreeDepth, emptyLeaf: EMPTY_BALANCE_LEAF }).auditPath(tokenId)
        : record.balances.auditPath(tokenId);
    return { ...accountProof, tokenId, balance: balancePath.leaf, balancePath };
  }

  private record(id: number): AccountRecord {
    const record = this.accounts.get(id);
    if (record === undefined) throw stateError("ACCOUNT_NOT_FOUND", `account ${id} does not exist`);
    return record;
  }
}
