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
  readonly balances: ReadonlyMap<number, bigint>;
}

/** State root from scratch: leaf = Poseidon(nonce, pkh, address, balanceRoot); empty account = all zero. */
export function referenceStateRoot(
  hash: ReferencePoseidon,
  accountDepth: number,
  balanceDepth: number,
  accounts: readonly ReferenceAccount[],
): bigint {
  const emptyBalanceRoot = referenceQuadRoot(hash, balanceDepth, 0n, new Map());
  const emptyAccountLeaf = hash([0n, 0n, 0n, emptyBalanceRoot]);
  const leaves = new Map<number, bigint>();
  for (const account of accounts) {
    const balanceRoot = referenceQuadRoot(hash, balanceDepth, 0n, account.balances);
    leaves.set(account.id, hash([BigInt(account.nonce), account.pubKeyHash, account.address, balanceRoot]));
  }
  return referenceQuadRoot(hash, accountDepth, emptyAccountLeaf, leaves);
}
