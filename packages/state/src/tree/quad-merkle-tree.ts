import { stateError } from "../errors.js";
import { FIELD_MODULUS } from "../poseidon.js";
import type { AuditPath } from "./audit-path.js";
import { emptySubtreeHashes } from "./empty-subtrees.js";
import { rehashTrees, runRehashSync, type RehashableTree } from "./rehash.js";

export interface QuadMerkleTreeOptions {
  /** Width of a leaf index in bits: even, 2 to 32. The tree has 2^depth leaves and depth/2 levels. */
  readonly depth: number;
  /** Value of every leaf never written. */
  readonly emptyLeaf: bigint;
}

export const MAX_TREE_DEPTH = 32;

/**
 * Sparse 4-ary Merkle tree over the BN254 scalar field, node = Poseidon(c0, c1, c2, c3).
 *
 * Writes never hash: `set` stores the leaf and marks it dirty. Hashing happens when the root or a
 * path is needed (`root`, `auditPath`) or when a caller drives `rehashTrees` itself (to batch many
 * trees, possibly on worker threads); each dirty node is hashed once. Only leaves and nodes that
 * differ from the empty subtree of their height are stored, so an almost empty tree of depth 32 costs
 * a few map entries.
 */
export class QuadMerkleTree implements RehashableTree {
  readonly depth: number;
  readonly levels: number;
  readonly emptyLeaf: bigint;
  /** `emptyHashes[h]` = root of an empty subtree of height h. */
  readonly emptyHashes: readonly bigint[];
  private readonly leaves = new Map<number, bigint>();
  /** Internal nodes, keyed `height * 2^depth + index` (height 1..levels). */
  private readonly nodes = new Map<number, bigint>();
  private readonly levelStride: number;
  private dirtyLeaves = new Set<number>();

  constructor(options: QuadMerkleTreeOptions) {
    const { depth, emptyLeaf } = options;
    if (!Number.isInteger(depth) || depth < 2 || depth > MAX_TREE_DEPTH || depth % 2 !== 0) {
      throw stateError("INVALID_TREE_DEPTH", `tree depth must be an even integer in [2, ${MAX_TREE_DEPTH}], got ${depth}`);
    }
    assertFieldElement(emptyLeaf);
    this.depth = depth;
    this.levels = depth / 2;
    this.emptyLeaf = emptyLeaf;
    this.emptyHashes = emptySubtreeHashes(emptyLeaf, this.levels);
    this.levelStride = 2 ** depth;
  }

  get capacity(): number {
    return this.levelStride;
  }

  get(index: number): bigint {
    this.assertIndex(index);
    return this.leaves.get(index) ?? this.emptyLeaf;
  }

  set(index: number, value: bigint): void {
    this.assertIndex(index);
    assertFieldElement(value);
    if (value === this.emptyLeaf) this.leaves.delete(index);
    else this.leaves.set(index, value);
    this.dirtyLeaves.add(index);
  }

  /** Leaves that differ from the empty leaf, in no particular order. */
  nonEmptyLeaves(): IterableIterator<[number, bigint]> {
    return this.leaves.entries();
  }

  get nonEmptyLeafCount(): number {
    return this.leaves.size;
  }

  /** True when no write is waiting to be hashed. */
  get isClean(): boolean {
    return this.dirtyLeaves.size === 0;
  }

  /** The root; hashes whatever changed since the last call. */
  root(): bigint {
    if (!this.isClean) runRehashSync(rehashTrees([this]));
    return this.node(this.levels, 0);
  }

  /** Proof of the leaf at `index` against the current root. */
  auditPath(index: number): AuditPath {
    this.assertIndex(index);
    if (!this.isClean) runRehashSync(rehashTrees([this]));
    const siblings: (readonly [bigint, bigint, bigint])[] = [];
    let position = index;
    for (let height = 0; height < this.levels; height++) {
      const slot = position & 3;
      const first = position - slot;
      const others: bigint[] = [];
      for (let s = 0; s < 4; s++) if (s !== slot) others.push(this.node(height, first + s));
      siblings.push([others[0] as bigint, others[1] as bigint, others[2] as bigint]);
      position = first / 4;
    }
    return { index, leaf: this.get(index), siblings };
  }

  /** Value of the node at `height` (0 = leaves), falling back to the empty subtree hash. */
  node(height: number, index: number): bigint {
    if (height === 0) return this.leaves.get(index) ?? this.emptyLeaf;
    return this.nodes.get(height * this.levelStride + index) ?? (this.emptyHashes[height] as bigint);
  }

  /** An independent copy: the same leaves, cached nodes and writes still waiting to be hashed. */
  clone(): QuadMerkleTree {
    const copy = new QuadMerkleTree({ depth: this.depth, emptyLeaf: this.emptyLeaf });
    for (const [index, value] of this.leaves) copy.leaves.set(index, value);
    for (const [key, value] of this.nodes) copy.nodes.set(key, value);
    for (const index of this.dirtyLeaves) copy.dirtyLeaves.add(index);
    return copy;
  }

  /** @internal Hands the dirty leaf indices to a rehash and forgets them. */
  takeDirtyLeaves(): Set<number> {
    const dirty = this.dirtyLeaves;
    this.dirtyLeaves = new Set();
    return dirty;
  }

  /** @internal Puts leaves back on the dirty list (used when a rehash is abandoned). */
  markDirty(indices: Iterable<number>): void {
    for (const index of indices) this.dirtyLeaves.add(index);
  }

  /** @internal Stores a freshly computed internal node. */
  storeNode(height: number, index: number, value: bigint): void {
    const key = height * this.levelStride + index;
    if (value === this.emptyHashes[height]) this.nodes.delete(key);
    else this.nodes.set(key, value);
  }

  private assertIndex(index: number): void {
    if (!Number.isInteger(index) || index < 0 || index >= this.levelStride) {
      throw stateError("INVALID_INDEX", `leaf index ${index} is outside [0, 2^${this.depth})`);
    }
  }
}

export function assertFieldElement(value: bigint): void {
  if (typeof value !== "bigint" || value < 0n || value >= FIELD_MODULUS) {
    throw stateError("NOT_A_FIELD_ELEMENT", `${String(value)} is not a canonical BN254 field element`);
  }
}
