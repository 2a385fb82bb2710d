import { stateError } from "../errors.js";
import { QuadMerkleTree } from "../tree/quad-merkle-tree.js";
import { AccountChanges, type AccountDiff } from "./account-diff.js";
import { Journal } from "./journal.js";
import { EMPTY_BALANCE_LEAF, PROCESSABLE_TOKEN_DEPTH, isProcessableToken } from "./leaf-encoding.js";
import { StateTree, ZERO_PUBKEY_HASH, type AccountRecord } from "./state-tree.js";

/**
 * The writable `StateTree` (internal: `@zklite/state/internal`). Writes never hash. Every write is
 * journaled while a checkpoint is open, so a failed transaction, batch or block reverts bit for bit;
 * while change tracking is on (a block is open), it also notes what it overwrites, for the block's diff.
 */
export class MutableStateTree extends StateTree {
  private readonly journal = new Journal();
  private changes: AccountChanges | undefined;

  /** Creates an account with the given id and address (nonce 0, no key, no balances). */
  createAccount(id: number, address: string): void {
    if (!Number.isInteger(id) || id < 0 || id >= this.accountTree.capacity) {
      throw stateError("ACCOUNT_ID_TOO_BIG", `account id ${id} is outside the account tree (2^${this.accountTreeDepth})`);
    }
    if (this.accounts.has(id)) throw stateError("INVALID_ARGUMENT", `account ${id} already exists`);
    const normalized = address.toLowerCase();
    if (this.idsByAddress.has(normalized)) throw stateError("INVALID_ARGUMENT", `address ${normalized} already has an account`);
    this.changes?.touchAccount(id, undefined);
    const record: AccountRecord = {
      id,
      address: normalized,
      nonce: 0,
      pubKeyHash: ZERO_PUBKEY_HASH,
      processable: new QuadMerkleTree({ depth: PROCESSABLE_TOKEN_DEPTH, emptyLeaf: EMPTY_BALANCE_LEAF }),
      extended: undefined,
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
    this.changes?.touchAccount(id, record);
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
    this.changes?.touchAccount(id, record);
    const previous = record.pubKeyHash;
    record.pubKeyHash = pubKeyHash.toLowerCase();
    this.dirtyAccounts.add(id);
    this.journal.record(() => {
      record.pubKeyHash = previous;
      this.dirtyAccounts.add(id);
    });
  }

  setBalance(id: number, tokenId: number, amount: bigint): void {
    const record = this.record(id);
    const previous = this.balance(id, tokenId);
    this.writeBalance(record, tokenId, amount);
    if (this.changes !== undefined) {
      this.changes.touchAccount(id, record);
      this.changes.touchBalance(id, tokenId, previous);
    }
    this.dirtyAccounts.add(id);
    this.journal.record(() => {
      this.writeBalance(record, tokenId, previous);
      this.dirtyAccounts.add(id);
    });
  }

  /**
   * Writes one balance into the tree that holds `tokenId`. The extended tree is created by the first
   * non-zero write and dropped again once it holds nothing (an empty tree's root is the empty root,
   * so the account leaf is the same either way); undo steps therefore go through here too.
   */
  private writeBalance(record: AccountRecord, tokenId: number, amount: bigint): void {
    if (isProcessableToken(tokenId)) {
      record.processable.set(tokenId, amount);
      return;
    }
    this.assertTokenIndex(tokenId);
    let tree = record.extended;
    if (tree === undefined) {
      if (amount === EMPTY_BALANCE_LEAF) return;
      tree = new QuadMerkleTree({ depth: this.balanceTreeDepth, emptyLeaf: EMPTY_BALANCE_LEAF });
    }
    tree.set(tokenId, amount);
    record.extended = tree.nonEmptyLeafCount === 0 ? undefined : tree;
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

  // ---- diffs ----

  /** Starts noting what each write overwrites (`accountDiffs`); a block turns it on when it opens. */
  trackChanges(): void {
    if (this.changes !== undefined) throw stateError("INVALID_ARGUMENT", "changes are already being tracked");
    this.changes = new AccountChanges(this.journal);
  }

  /** The net change of every account since `trackChanges()`, by account id. */
  accountDiffs(): AccountDiff[] {
    return this.changes?.diff(this) ?? [];
  }

  stopTrackingChanges(): void {
    this.changes = undefined;
  }

  // ---- copies ----

  /**
   * Makes this tree (new and empty, same depths) an independent deep copy of `source`: trees, cached
   * nodes and writes still waiting to be hashed, nothing rehashed. No checkpoint or tracking is copied.
   */
  copyFrom(source: MutableStateTree): void {
    if (this.accounts.size > 0 || source.accountTreeDepth !== this.accountTreeDepth || source.balanceTreeDepth !== this.balanceTreeDepth) {
      throw stateError("INVALID_ARGUMENT", "only an empty tree of the same depths can become a copy");
    }
    this.accountTree = source.accountTree.clone();
    for (const [id, record] of source.accounts) {
      this.accounts.set(id, { ...record, processable: record.processable.clone(), extended: record.extended?.clone() });
    }
    for (const [address, id] of source.idsByAddress) this.idsByAddress.set(address, id);
    this.dirtyAccounts = new Set(source.dirtyAccounts);
  }
}

/**
 * The writable tree behind a `StateTree` (`RollupState.tree`, for instance), for the few internal users
 * that must write outside the executor: the circuits' witness builder replays a block on it and reverts.
 */
export function writableTree(tree: StateTree): MutableStateTree {
  if (!(tree instanceof MutableStateTree)) throw stateError("INVALID_ARGUMENT", "this StateTree is not one of @zklite/state's trees");
  return tree;
}
