import { existsSync } from "node:fs";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIELD_MODULUS } from "../poseidon.js";
import { MutableStateTree } from "../state/mutable-state-tree.js";
import { hashBatchOnThisThread } from "../tree/rehash.js";
import { readWords, writeWords } from "./field-words.js";
import { PoseidonWorkerPool } from "./poseidon-worker-pool.js";

// Worker threads run compiled JavaScript: the pool is tested with the built worker (npm run build).
const workerUrl = new URL("../../dist/parallel/poseidon-worker.js", import.meta.url);

let pool: PoseidonWorkerPool;
beforeAll(async () => {
  if (!existsSync(workerUrl)) throw new Error(`${workerUrl.pathname} is missing: run \`npm run build -w @zklite/state\` before the tests`);
  pool = await PoseidonWorkerPool.start({ threads: 2, minParallelBatch: 4, workerUrl });
});
afterAll(async () => {
  await pool.close();
});

describe("PoseidonWorkerPool", () => {
  it("field words round-trip", () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: 0n, max: FIELD_MODULUS - 1n }), { maxLength: 10 }), (values) => {
        expect(readWords(writeWords(values))).toEqual(values);
      }),
    );
  });

  it("hashes arity-4 and arity-5 batches exactly like the calling thread, in order", async () => {
    for (const arity of [4, 5]) {
      const inputs = Array.from({ length: arity * 23 }, (_, i) => BigInt(i) * 7919n + BigInt(arity));
      const batch = { arity, inputs };
      const expected = hashBatchOnThisThread(batch);
      expect(expected).toHaveLength(23);
      // 23 ≥ minParallelBatch: split over this thread and both workers; 2 < 4: this thread only.
      expect(await pool.hashBatch(batch)).toEqual(expected);
      expect(await pool.hashBatch({ arity, inputs: inputs.slice(0, 2 * arity) })).toEqual(expected.slice(0, 2));
    }
    // An arity-5 batch read as arity 4 would be different hashes: the arity reaches the workers.
    const inputs = Array.from({ length: 20 * 8 }, (_, i) => BigInt(i + 1));
    expect(await pool.hashBatch({ arity: 5, inputs })).not.toEqual(await pool.hashBatch({ arity: 4, inputs }));
  });

  it("handles any arity 1..16 on the workers", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 16 }), fc.integer({ min: 4, max: 12 }), fc.bigInt({ min: 0n, max: FIELD_MODULUS - 1n }), async (arity, count, seed) => {
        const inputs = Array.from({ length: arity * count }, (_, i) => (seed + BigInt(i) * 0x9e3779b97f4a7c15n) % FIELD_MODULUS);
        expect(await pool.hashBatch({ arity, inputs })).toEqual(hashBatchOnThisThread({ arity, inputs }));
      }),
      { numRuns: 12 },
    );
  });

  it("rejects bad batches with typed errors, also when a worker's share is bad, and keeps working", async () => {
    await expect(pool.hashBatch({ arity: 17, inputs: [] })).rejects.toThrow(expect.objectContaining({ code: "INVALID_ARGUMENT" }));
    await expect(pool.hashBatch({ arity: 5, inputs: new Array<bigint>(4 * 5 + 1).fill(1n) })).rejects.toThrow(expect.objectContaining({ code: "INVALID_ARGUMENT" }));
    const inputs = new Array<bigint>(5 * 12).fill(3n);
    inputs[inputs.length - 1] = FIELD_MODULUS; // in the last worker's share
    await expect(pool.hashBatch({ arity: 5, inputs })).rejects.toThrow(expect.objectContaining({ code: "NOT_A_FIELD_ELEMENT" }));
    inputs[0] = FIELD_MODULUS; // this thread's share too
    await expect(pool.hashBatch({ arity: 5, inputs })).rejects.toThrow(expect.objectContaining({ code: "NOT_A_FIELD_ELEMENT" }));
    const good = { arity: 5, inputs: new Array<bigint>(5 * 12).fill(3n) };
    expect(await pool.hashBatch(good)).toEqual(hashBatchOnThisThread(good));
  });

  it("seals a state to the same root as hashing on one thread", async () => {
    const build = () => {
      const tree = new MutableStateTree({ accountTreeDepth: 6, balanceTreeDepth: 32 });
      for (let id = 0; id < 20; id++) {
        tree.createAccount(id, `0x${(id + 1).toString(16).padStart(40, "0")}`);
        tree.setBalance(id, id % 5, BigInt(id) * 1000n + 1n);
        if (id % 3 === 0) tree.setBalance(id, 65536 + id, 1n); // extended tree
        if (id % 4 === 0) tree.setBalance(id, 1023, 7n);
      }
      return tree;
    };
    const parallel = build();
    const arities: number[] = [];
    const hashes = await parallel.rehashWith((batch) => {
      arities.push(batch.arity);
      return pool.hashBatch(batch);
    });
    const serial = build();
    const serialHashes = serial.rehash();
    expect(parallel.root()).toBe(serial.root());
    expect(hashes).toBe(serialHashes);
    expect(hashes).toBeGreaterThan(0);
    // 16 levels of balance trees, the 5-input account leaves, 3 levels of the account tree.
    expect(arities).toEqual([...new Array<number>(16).fill(4), 5, 4, 4, 4]);
  });
});
