import { poseidon } from "../poseidon.js";

/**
 * Merkle proof of one leaf of a 4-ary tree.
 *
 * `siblings[l]` holds the three other children of the leaf's ancestor at height `l + 1`, in
 * ascending slot order with the path node's own slot left out. The slot of the path node at
 * height `l` is `(index >> 2l) & 3`: the index is read two bits at a time, least significant first.
 */
export interface AuditPath {
  readonly index: number;
  readonly leaf: bigint;
  readonly siblings: readonly (readonly [bigint, bigint, bigint])[];
}

/** Places `node` at `slot` among the three `siblings` (kept in slot order). */
export function childrenWithNodeAt(node: bigint, slot: number, siblings: readonly [bigint, bigint, bigint]): bigint[] {
  const children = [siblings[0], siblings[1], siblings[2]];
  children.splice(slot, 0, node);
  return children;
}

/** Folds an audit path up to the root it implies. */
export function rootFromAuditPath(path: AuditPath): bigint {
  let node = path.leaf;
  let position = path.index;
  for (const siblings of path.siblings) {
    node = poseidon(childrenWithNodeAt(node, position & 3, siblings));
    position = Math.floor(position / 4);
  }
  return node;
}

export function verifyAuditPath(path: AuditPath, root: bigint): boolean {
  return rootFromAuditPath(path) === root;
}
