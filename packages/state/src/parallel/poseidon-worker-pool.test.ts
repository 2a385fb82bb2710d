import { existsSync } from "node:fs";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIELD_MODULUS } from "../poseidon.js";
import { StateTree } from "../state/state-tree.js";
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

  it("hashes a batch exactly like the calling thread, in order", async () => {
    const inputs = Array.from({ length: 4 * 23 }, (_, i) => BigInt(i) * 7919n);
    expect(await pool.hashBatch(inputs)).toEqual(hashBatchOnThisThread(inputs));
    expect(await pool.hashBatch(inputs.slice(0, 8))).toEqual(hashBatchOnThisThread(inputs.slice(0, 8)));
  });

  it("seals a state to the same root as hashing on one thread", async () => {
    const build = () => {
      const tree = new StateTree({ accountTreeDepth: 6, balanceTreeDepth: 8 });
      for (let id = 0; id < 20; id++) {
        tree.createAccount(id, `0x${(id + 1).toString(16).padStart(40, "0")}`);
        tree.setBalance(id, id % 5, BigInt(id) * 1000n);
      }
      return tree;
    };
    const parallel = build();
    const hashes = await parallel.rehashWith(pool.hashBatch);
    const serial = build();
    expect(parallel.root()).toBe(serial.root());
    expect(hashes).toBeGreaterThan(0);
  });
});
