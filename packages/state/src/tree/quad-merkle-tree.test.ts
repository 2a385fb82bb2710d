import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { referencePoseidon, type ReferencePoseidon } from "../../test/reference-poseidon.js";
import { referenceQuadRoot } from "../../test/reference-tree.js";
import { FIELD_MODULUS } from "../poseidon.js";
import { rootFromAuditPath, verifyAuditPath } from "./audit-path.js";
import { QuadMerkleTree } from "./quad-merkle-tree.js";
import { hashBatchOnThisThread, hashBatchSize, rehashTrees, runRehashAsync, runRehashSync, type RehashProcess } from "./rehash.js";

let reference: ReferencePoseidon;
beforeAll(async () => {
  reference = await referencePoseidon();
});

const EMPTY_BALANCE_ROOT_DEPTH_32 = 0x151399c724e17408a7a43cdadba2fc000da9339c56e4d49c6cdee6c4356fbc68n;

const fieldElement = fc.bigInt({ min: 0n, max: FIELD_MODULUS - 1n });
const writes = (depth: number) => fc.array(fc.tuple(fc.nat({ max: 2 ** depth - 1 }), fc.oneof(fc.constant(0n), fieldElement)), { maxLength: 24 });

describe("QuadMerkleTree", () => {
  it("has the fixed empty root at production balance depth (vector from circomlibjs)", () => {
    expect(referenceQuadRoot(reference, 32, 0n, new Map())).toBe(EMPTY_BALANCE_ROOT_DEPTH_32);
    expect(new QuadMerkleTree({ depth: 32, emptyLeaf: 0n }).root()).toBe(EMPTY_BALANCE_ROOT_DEPTH_32);
  });

  it("computes lazily the same root as a from-scratch recomputation", () => {
    fc.assert(
      fc.property(fc.constantFrom(2, 4, 6, 8), fc.array(writes(8), { minLength: 1, maxLength: 3 }), (depth, rounds) => {
        const tree = new QuadMerkleTree({ depth, emptyLeaf: 7n });
        const model = new Map<number, bigint>();
        for (const round of rounds) {
          for (const [rawIndex, value] of round) {
            const index = rawIndex % 2 ** depth;
            tree.set(index, value);
            model.set(index, value);
          }
          expect(tree.root()).toBe(referenceQuadRoot(reference, depth, 7n, model));
        }
      }),
      { numRuns: 25 },
    );
  });

  it("does no hashing on writes and hashes each dirty node once", () => {
    const tree = new QuadMerkleTree({ depth: 8, emptyLeaf: 0n });
    tree.set(0, 1n);
    tree.set(1, 2n);
    tree.set(255, 3n);
    expect(tree.isClean).toBe(false);
    // leaves 0 and 1 share every ancestor; leaf 255 shares only the root: 4 + 3 distinct nodes.
    expect(runRehashSync(rehashTrees([tree]))).toBe(7);
    expect(tree.isClean).toBe(true);
    expect(runRehashSync(rehashTrees([tree]))).toBe(0);
  });

  it("produces audit paths that verify against the root and fail for a wrong leaf", () => {
    fc.assert(
      fc.property(writes(6), fc.nat({ max: 63 }), (leafWrites, probe) => {
        const tree = new QuadMerkleTree({ depth: 6, emptyLeaf: 0n });
        for (const [index, value] of leafWrites) tree.set(index % 64, value);
        const root = tree.root();
        const path = tree.auditPath(probe);
        expect(path.leaf).toBe(tree.get(probe));
        expect(verifyAuditPath(path, root)).toBe(true);
        expect(verifyAuditPath({ ...path, leaf: (path.leaf + 1n) % FIELD_MODULUS }, root)).toBe(false);
        const [first, ...rest] = path.siblings;
        if (first !== undefined) {
          const tampered = [(first[0] + 1n) % FIELD_MODULUS, first[1], first[2]] as const;
          expect(verifyAuditPath({ ...path, siblings: [tampered, ...rest] }, root)).toBe(false);
        }
      }),
      { numRuns: 25 },
    );
  });

  it("audit path at production depth verifies with circomlibjs hashing", () => {
    const tree = new QuadMerkleTree({ depth: 32, emptyLeaf: 0n });
    tree.set(0, 5n);
    tree.set(2 ** 31 - 2, 65536n);
    const path = tree.auditPath(2 ** 31 - 2);
    expect(path.siblings).toHaveLength(16);
    let node = path.leaf;
    let position = path.index;
    for (const siblings of path.siblings) {
      const children = [...siblings];
      children.splice(position % 4, 0, node);
      node = reference(children);
      position = Math.floor(position / 4);
    }
    expect(node).toBe(tree.root());
    expect(rootFromAuditPath(path)).toBe(tree.root());
  });

  it("restores the empty root and frees storage when leaves go back to empty", () => {
    const tree = new QuadMerkleTree({ depth: 32, emptyLeaf: 0n });
    tree.set(123456789, 1n);
    expect(tree.root()).not.toBe(EMPTY_BALANCE_ROOT_DEPTH_32);
    tree.set(123456789, 0n);
    expect(tree.root()).toBe(EMPTY_BALANCE_ROOT_DEPTH_32);
    expect(tree.nonEmptyLeafCount).toBe(0);
  });

  it("rehashes many trees in one batch per level, sync or async, to identical roots", async () => {
    const makeTrees = () =>
      [4, 8, 8].map((depth, t) => {
        const tree = new QuadMerkleTree({ depth, emptyLeaf: 0n });
        for (let i = 0; i < 5; i++) tree.set((i * 37 + t) % 2 ** depth, BigInt(i + t + 1));
        return tree;
      });
    const syncTrees = makeTrees();
    const batches: number[] = [];
    runRehashSync(rehashTrees(syncTrees), (batch) => {
      expect(batch.arity).toBe(4);
      batches.push(batch.inputs.length / 4);
      return hashBatchOnThisThread(batch);
    });
    expect(batches).toHaveLength(4); // one batch per height of the deepest tree
    const asyncTrees = makeTrees();
    await runRehashAsync(rehashTrees(asyncTrees), async (batch) => hashBatchOnThisThread(batch));
    expect(asyncTrees.map((t) => t.root())).toEqual(syncTrees.map((t) => t.root()));
  });

  it("keeps the tree consistent when a batch hasher fails mid-way", async () => {
    const tree = new QuadMerkleTree({ depth: 8, emptyLeaf: 0n });
    tree.set(3, 9n);
    const expected = new QuadMerkleTree({ depth: 8, emptyLeaf: 0n });
    expected.set(3, 9n);
    let calls = 0;
    await expect(
      runRehashAsync(rehashTrees([tree]), async (batch) => {
        if (++calls === 2) throw new Error("worker died");
        return hashBatchOnThisThread(batch);
      }),
    ).rejects.toThrow("worker died");
    expect(tree.isClean).toBe(false);
    expect(tree.root()).toBe(expected.root());
  });

  it("a batch hasher answering with the wrong number of hashes is refused, and the tree stays consistent", () => {
    const tree = new QuadMerkleTree({ depth: 8, emptyLeaf: 0n });
    tree.set(3, 9n);
    tree.set(200, 1n);
    const expected = new QuadMerkleTree({ depth: 8, emptyLeaf: 0n });
    expected.set(3, 9n);
    expected.set(200, 1n);
    expect(() => runRehashSync(rehashTrees([tree]), (batch) => hashBatchOnThisThread(batch).slice(1))).toThrow(
      expect.objectContaining({ code: "INVALID_ARGUMENT" }),
    );
    expect(tree.isClean).toBe(false);
    expect(tree.root()).toBe(expected.root());
  });

  it("rejects bad depths, indices and values with typed errors", () => {
    expect(() => new QuadMerkleTree({ depth: 3, emptyLeaf: 0n })).toThrow(expect.objectContaining({ code: "INVALID_TREE_DEPTH" }));
    expect(() => new QuadMerkleTree({ depth: 34, emptyLeaf: 0n })).toThrow(expect.objectContaining({ code: "INVALID_TREE_DEPTH" }));
    const tree = new QuadMerkleTree({ depth: 4, emptyLeaf: 0n });
    expect(() => tree.set(16, 1n)).toThrow(expect.objectContaining({ code: "INVALID_INDEX" }));
    expect(() => tree.set(-1, 1n)).toThrow(expect.objectContaining({ code: "INVALID_INDEX" }));
    expect(() => tree.set(1.5, 1n)).toThrow(expect.objectContaining({ code: "INVALID_INDEX" }));
    expect(() => tree.set(1, FIELD_MODULUS)).toThrow(expect.objectContaining({ code: "NOT_A_FIELD_ELEMENT" }));
    expect(tree.isClean).toBe(true);
  });
});

describe("hash batches carry their arity", () => {
  const field = fc.bigInt({ min: 0n, max: FIELD_MODULUS - 1n });

  it("hashBatchOnThisThread hashes arity-n groups in order, like circomlibjs' Poseidon(n)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 16 }), fc.integer({ min: 0, max: 4 }), fc.array(field, { minLength: 64, maxLength: 64 }), (arity, count, pool) => {
        const inputs = pool.slice(0, arity * count);
        const expected = Array.from({ length: count }, (_, i) => reference(inputs.slice(i * arity, (i + 1) * arity)));
        expect(hashBatchOnThisThread({ arity, inputs })).toEqual(expected);
        expect(hashBatchSize({ arity, inputs })).toBe(count);
      }),
      { numRuns: 16 },
    );
  });

  it("runRehashSync / runRehashAsync count inputs.length / arity hashes per batch", async () => {
    const batches = [
      { arity: 4, inputs: [1n, 2n, 3n, 4n, 5n, 6n, 7n, 8n] },
      { arity: 5, inputs: [1n, 2n, 3n, 4n, 5n, 6n, 7n, 8n, 9n, 10n, 11n, 12n, 13n, 14n, 15n] },
      { arity: 1, inputs: [42n] },
    ];
    const answers: bigint[][] = [];
    function* process(): RehashProcess {
      for (const batch of batches) answers.push(yield batch);
    }
    expect(runRehashSync(process())).toBe(2 + 3 + 1);
    expect(answers).toEqual(batches.map((batch) => hashBatchOnThisThread(batch)));
    expect(answers[1]?.[0]).toBe(reference([1n, 2n, 3n, 4n, 5n]));
    answers.length = 0;
    expect(await runRehashAsync(process(), async (batch) => hashBatchOnThisThread(batch))).toBe(6);
    expect(answers).toEqual(batches.map((batch) => hashBatchOnThisThread(batch)));
  });

  it("rejects arities outside 1..16 and inputs that are not a whole number of hashes", () => {
    for (const arity of [0, 17, -4, 1.5, Number.NaN]) {
      expect(() => hashBatchOnThisThread({ arity, inputs: [] })).toThrow(expect.objectContaining({ code: "INVALID_ARGUMENT" }));
    }
    expect(() => hashBatchOnThisThread({ arity: 5, inputs: [1n, 2n, 3n, 4n] })).toThrow(expect.objectContaining({ code: "INVALID_ARGUMENT" }));
    function* bad(): RehashProcess {
      yield { arity: 4, inputs: [1n, 2n, 3n, 4n, 5n] };
    }
    expect(() => runRehashSync(bad())).toThrow(expect.objectContaining({ code: "INVALID_ARGUMENT" }));
  });
});
