import { poseidon } from "../poseidon.js";
import type { QuadMerkleTree } from "./quad-merkle-tree.js";

/**
 * A rehash as a coroutine: it yields batches of Poseidon inputs (4 field elements per node, flat)
 * and expects the hashes back, in order. The same process runs synchronously on this thread
 * (`runRehashSync`) or with any asynchronous batch hasher, e.g. a pool of worker threads
 * (`runRehashAsync`). Each batch holds every dirty node of one height across all trees, so the
 * number of round trips is the number of levels, not the number of nodes.
 */
export type RehashProcess = Generator<bigint[], void, bigint[]>;

export type BatchHasher = (flatInputs: readonly bigint[]) => bigint[];
export type AsyncBatchHasher = (flatInputs: readonly bigint[]) => Promise<bigint[]>;

/** Rehashes the dirty nodes of several trees level by level (trees may differ in depth). */
export function* rehashTrees(trees: readonly QuadMerkleTree[]): RehashProcess {
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

function* rehashLevels(trees: readonly QuadMerkleTree[], dirtyLeaves: readonly Set<number>[]): RehashProcess {
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
    const hashes = yield inputs;
    let next = 0;
    frontiers = trees.map((tree, t) => {
      const parents = parentsPerTree[t] as number[];
      for (const parent of parents) tree.storeNode(height, parent, hashes[next++] as bigint);
      return new Set(parents);
    });
  }
}

export const hashBatchOnThisThread: BatchHasher = (flatInputs) => {
  const hashes: bigint[] = [];
  for (let i = 0; i < flatInputs.length; i += 4) {
    hashes.push(poseidon([flatInputs[i] as bigint, flatInputs[i + 1] as bigint, flatInputs[i + 2] as bigint, flatInputs[i + 3] as bigint]));
  }
  return hashes;
};

/** Drives a rehash process to completion; returns the number of hashes computed. */
export function runRehashSync(process: RehashProcess, hashBatch: BatchHasher = hashBatchOnThisThread): number {
  let hashed = 0;
  try {
    let step = process.next([]);
    while (!step.done) {
      const inputs = step.value;
      hashed += inputs.length / 4;
      step = process.next(hashBatch(inputs));
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
      const inputs = step.value;
      hashed += inputs.length / 4;
      step = process.next(await hashBatch(inputs));
    }
  } finally {
    process.return();
  }
  return hashed;
}
