import type { ReferencePoseidon } from "./reference-poseidon.js";

/**
 * Naive, recursive root of a sparse 4-ary Merkle tree: recomputed from the leaves alone, with no
 * caching and no code shared with src/. Slot of a child at height h = (index >> 2h) & 3.
 */
export function referenceQuadRoot(hash: ReferencePoseidon, depth: number, emptyLeaf: bigint, leaves: ReadonlyMap<number, bigint>): bigint {
  const levels = depth / 2;
  const empty = [emptyLeaf];
  for (let h = 1; h <= levels; h++) {
    const e = empty[h - 1] as bigint;
    empty.push(hash([e, e, e, e]));
  }
  const entries = [...leaves.entries()].filter(([, value]) => value !== emptyLeaf);
  const subtree = (height: number, first: number, items: [number, bigint][]): bigint => {
    if (items.length === 0) return empty[height] as bigint;
    if (height === 0) return (items[0] as [number, bigint])[1];
    const span = 4 ** (height - 1);
    const children: bigint[] = [];
    for (let slot = 0; slot < 4; slot++) {
      const start = first + slot * span;
      children.push(subtree(height - 1, start, items.filter(([index]) => index >= start && index < start + span)));
    }
    return hash(children);
  };
  return subtree(levels, 0, entries);
}

export interface ReferenceAccount {
  readonly id: number;
  readonly nonce: number;
  readonly pubKeyHash: bigint;
  readonly address: bigint;
  /** All balances, any token id: split between the two trees here, by the rule alone. */
  readonly balances: ReadonlyMap<number, bigint>;
}

/** Written out here rather than imported: token ids 0..1023 go to the 10-bit processable tree. */
const REFERENCE_PROCESSABLE_DEPTH = 10;

/** Balance tree roots of one account from scratch: [processable (depth 10), extended (depth balanceDepth)]. */
export function referenceBalanceRoots(hash: ReferencePoseidon, balanceDepth: number, balances: ReadonlyMap<number, bigint>): [bigint, bigint] {
  const processable = new Map<number, bigint>();
  const extended = new Map<number, bigint>();
  for (const [token, amount] of balances) (token < 2 ** REFERENCE_PROCESSABLE_DEPTH ? processable : extended).set(token, amount);
  return [referenceQuadRoot(hash, REFERENCE_PROCESSABLE_DEPTH, 0n, processable), referenceQuadRoot(hash, balanceDepth, 0n, extended)];
}

/**
 * State root from scratch: leaf = Poseidon(nonce, pkh, address, processableRoot, extendedRoot) (5
 * inputs); the empty account = all zero with two empty balance trees.
 */
export function referenceStateRoot(
  hash: ReferencePoseidon,
  accountDepth: number,
  balanceDepth: number,
  accounts: readonly ReferenceAccount[],
): bigint {
  return referenceQuadRoot(hash, accountDepth, referenceEmptyAccountLeaf(hash, balanceDepth), referenceAccountLeaves(hash, balanceDepth, accounts));
}

export function referenceEmptyAccountLeaf(hash: ReferencePoseidon, balanceDepth: number): bigint {
  return hash([0n, 0n, 0n, ...referenceBalanceRoots(hash, balanceDepth, new Map())]);
}

export function referenceAccountLeaves(hash: ReferencePoseidon, balanceDepth: number, accounts: readonly ReferenceAccount[]): Map<number, bigint> {
  const leaves = new Map<number, bigint>();
  for (const account of accounts) {
    const [processableRoot, extendedRoot] = referenceBalanceRoots(hash, balanceDepth, account.balances);
    leaves.set(account.id, hash([BigInt(account.nonce), account.pubKeyHash, account.address, processableRoot, extendedRoot]));
  }
  return leaves;
}
