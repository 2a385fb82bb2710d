import type { Journal } from "./journal.js";
import { ZERO_PUBKEY_HASH, type AccountView, type StateTree } from "./state-tree.js";

/**
 * The net change of one account over a stretch of execution (a block): only the fields that differ
 * (`before !== after`), balances by token id ascending. A created account (`created`) started from nonce
 * 0, no key and no balances.
 */
export interface AccountDiff {
  readonly accountId: number;
  readonly address: string;
  readonly created: boolean;
  readonly nonce?: { readonly before: number; readonly after: number };
  readonly pubKeyHash?: { readonly before: string; readonly after: string };
  readonly balances: readonly { readonly tokenId: number; readonly before: bigint; readonly after: bigint }[];
}

interface AccountBefore {
  readonly created: boolean;
  readonly nonce: number;
  readonly pubKeyHash: string;
  /** Balance of each touched token when it was first touched. */
  readonly balances: Map<number, bigint>;
}

/**
 * Records, while it is active, what every account and balance held before its first write; with the
 * tree's current values that gives the net `AccountDiff`s. Each first-touch note is journaled with the
 * write it precedes, so a reverted transaction, batch or block takes its notes with it.
 */
export class AccountChanges {
  private readonly before = new Map<number, AccountBefore>();

  constructor(private readonly journal: Journal) {}

  /** Before a write to account `id`: `current` is its state now, undefined when the write creates it. */
  touchAccount(id: number, current: AccountView | undefined): void {
    if (this.before.has(id)) return;
    this.before.set(id, {
      created: current === undefined,
      nonce: current?.nonce ?? 0,
      pubKeyHash: current?.pubKeyHash ?? ZERO_PUBKEY_HASH,
      balances: new Map(),
    });
    this.journal.record(() => this.before.delete(id));
  }

  /** Before a write to a balance of an account already touched. */
  touchBalance(id: number, tokenId: number, current: bigint): void {
    const balances = this.before.get(id)?.balances;
    if (balances === undefined || balances.has(tokenId)) return;
    balances.set(tokenId, current);
    this.journal.record(() => balances.delete(tokenId));
  }

  /** The net change of every touched account against `tree` now, by account id; unchanged ones left out. */
  diff(tree: StateTree): AccountDiff[] {
    const diffs: AccountDiff[] = [];
    for (const id of [...this.before.keys()].sort((a, b) => a - b)) {
      const before = this.before.get(id) as AccountBefore;
      const after = tree.account(id) as AccountView;
      const balances = [...before.balances]
        .sort(([a], [b]) => a - b)
        .map(([tokenId, amount]) => ({ tokenId, before: amount, after: tree.balance(id, tokenId) }))
        .filter((change) => change.before !== change.after);
      const nonceChanged = before.nonce !== after.nonce;
      const keyChanged = before.pubKeyHash !== after.pubKeyHash;
      if (!before.created && !nonceChanged && !keyChanged && balances.length === 0) continue;
      diffs.push({
        accountId: id,
        address: after.address,
        created: before.created,
        ...(nonceChanged ? { nonce: { before: before.nonce, after: after.nonce } } : {}),
        ...(keyChanged ? { pubKeyHash: { before: before.pubKeyHash, after: after.pubKeyHash } } : {}),
        balances,
      });
    }
    return diffs;
  }
}
