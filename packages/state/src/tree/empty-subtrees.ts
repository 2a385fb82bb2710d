import { poseidon } from "../poseidon.js";

const cache = new Map<string, readonly bigint[]>();

/**
 * Hashes of all-empty subtrees: `result[h]` is the root of an empty 4-ary subtree of height `h`
 * (`result[0]` = the empty leaf). Computed once per (empty leaf, height) and shared by every tree.
 */
export function emptySubtreeHashes(emptyLeaf: bigint, levels: number): readonly bigint[] {
  const key = `${emptyLeaf}:${levels}`;
  let hashes = cache.get(key);
  if (hashes === undefined) {
    const computed = [emptyLeaf];
    for (let height = 1; height <= levels; height++) {
      const child = computed[height - 1] as bigint;
      computed.push(poseidon([child, child, child, child]));
    }
    hashes = Object.freeze(computed);
    cache.set(key, hashes);
  }
  return hashes;
}
