import { stateError } from "../errors.js";
import { poseidon } from "../poseidon.js";

/** Largest number of inputs one Poseidon hash takes (circomlib's `Poseidon(n)`, n ≤ 16). */
export const MAX_HASH_ARITY = 16;

/**
 * One batch of Poseidon hashes that all take `arity` inputs: `inputs` holds them flat, `arity` field
 * elements per hash, so the batch asks for `inputs.length / arity` hashes. Tree nodes have arity 4,
 * account leaves arity 5.
 */
export interface HashBatch {
  readonly arity: number;
  readonly inputs: readonly bigint[];
}

/**
 * A rehash as a coroutine: it yields batches of Poseidon inputs (`HashBatch`, one arity per batch)
 * and expects the hashes back, in order. The same process runs synchronously on this thread
 * (`runRehashSync`) or with any asynchronous batch hasher, e.g. a pool of worker threads
 * (`runRehashAsync`). Each batch holds every dirty node of one height across all trees, so the
 * number of round trips is the number of levels, not the number of nodes.
 */
export type RehashProcess = Generator<HashBatch, void, bigint[]>;

export type BatchHasher = (batch: HashBatch) => bigint[];
export type AsyncBatchHasher = (batch: HashBatch) => Promise<bigint[]>;

/**
 * Number of hashes `batch` asks for; throws INVALID_ARGUMENT unless the arity is an integer in
 * 1..16 and the inputs are a whole number of hashes.
 */
export function hashBatchSize(batch: HashBatch): number {
  const { arity, inputs } = batch;
  if (!Number.isInteger(arity) || arity < 1 || arity > MAX_HASH_ARITY) {
    throw stateError("INVALID_ARGUMENT", `hash batch arity must be an integer in [1, ${MAX_HASH_ARITY}], got ${arity}`);
  }
  if (inputs.length % arity !== 0) {
    throw stateError("INVALID_ARGUMENT", `a hash batch of arity ${arity} cannot hold ${inputs.length} inputs`);
  }
  return inputs.length / arity;
}

/**
 * What a rehash needs from a tree (`QuadMerkleTree` is the one implementation): its node values and its
 * dirty-leaf bookkeeping. Declared here so that the rehash does not depend on the tree class.
 */
export interface RehashableTree {
  readonly levels: number;
  /** Value of the node at `height` (0 = leaves). */
  node(height: number, index: number): bigint;
  takeDirtyLeaves(): Set<number>;
  markDirty(indices: Iterable<number>): void;
  storeNode(height: number, index: number, value: bigint): void;
}

/** Rehashes the dirty nodes of several trees level by level (trees may differ in depth). */
export function* rehashTrees(trees: readonly RehashableTree[]): RehashProcess {
  const dirtyLeaves = trees.map((tree) => tree.takeDirtyLeaves());
  let completed = false;
  try {
    yield* rehashLevels(trees, dirtyLeaves);
    completed = true;
  } finally {
    // An abandoned rehash (hasher failure) leaves some heights stale: mark the leaves dirty again.
    if (!completed) trees.forEach((tree, t) => tree.markDirty(dirtyLeaves[t] as Set<number>));
  }
}

function* rehashLevels(trees: readonly RehashableTree[], dirtyLeaves: readonly Set<number>[]): RehashProcess {
  let frontiers = dirtyLeaves;
  const maxLevels = trees.reduce((max, tree) => Math.max(max, tree.levels), 0);
  for (let height = 1; height <= maxLevels; height++) {
    const inputs: bigint[] = [];
    const parentsPerTree: number[][] = [];
    trees.forEach((tree, t) => {
      const parents: number[] = [];
      parentsPerTree.push(parents);
      const frontier = frontiers[t] as Set<number>;
      if (height > tree.levels || frontier.size === 0) return;
      const seen = new Set<number>();
      for (const child of frontier) {
        const parent = Math.floor(child / 4);
        if (seen.has(parent)) continue;
        seen.add(parent);
        parents.push(parent);
        const first = parent * 4;
        inputs.push(tree.node(height - 1, first), tree.node(height - 1, first + 1), tree.node(height - 1, first + 2), tree.node(height - 1, first + 3));
      }
    });
    if (inputs.length === 0) break;
    const hashes = yield { arity: 4, inputs };
    let next = 0;
    frontiers = trees.map((tree, t) => {
      const parents = parentsPerTree[t] as number[];
      for (const parent of parents) tree.storeNode(height, parent, hashes[next++] as bigint);
      return new Set(parents);
    });
  }
}

export const hashBatchOnThisThread: BatchHasher = (batch) => {
  const count = hashBatchSize(batch);
  const { arity, inputs } = batch;
  const hashes: bigint[] = new Array<bigint>(count);
  for (let i = 0; i < count; i++) hashes[i] = poseidon(inputs.slice(i * arity, (i + 1) * arity));
  return hashes;
};

/** The hasher's answer must be one hash per hash asked for. */
function checkedHashes(batch: HashBatch, hashes: bigint[], count: number): bigint[] {
  if (!Array.isArray(hashes) || hashes.length !== count) {
    throw stateError("INVALID_ARGUMENT", `the batch hasher returned ${Array.isArray(hashes) ? hashes.length : String(hashes)} hashes for ${count} (arity ${batch.arity})`);
  }
  return hashes;
}

/** Drives a rehash process to completion; returns the number of hashes computed. */
export function runRehashSync(process: RehashProcess, hashBatch: BatchHasher = hashBatchOnThisThread): number {
  let hashed = 0;
  try {
    let step = process.next([]);
    while (!step.done) {
      const batch = step.value;
      const count = hashBatchSize(batch);
      hashed += count;
      step = process.next(checkedHashes(batch, hashBatch(batch), count));
    }
  } finally {
    process.return();
  }
  return hashed;
}

export async function runRehashAsync(process: RehashProcess, hashBatch: AsyncBatchHasher): Promise<number> {
  let hashed = 0;
  try {
    let step = process.next([]);
    while (!step.done) {
      const batch = step.value;
      const count = hashBatchSize(batch);
      hashed += count;
      step = process.next(checkedHashes(batch, await hashBatch(batch), count));
    }
  } finally {
    process.return();
  }
  return hashed;
}
