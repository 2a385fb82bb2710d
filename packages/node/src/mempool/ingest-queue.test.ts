import { describe, expect, it } from "vitest";
import { IngestQueue } from "./ingest-queue.js";
import type { MempoolEntry } from "./mempool-entry.js";
import type { MempoolStore } from "./mempool-store.js";

const entry = (seq: number) => ({ seq, txs: [], batch: undefined, senders: new Map(), receivedAt: 0 }) as MempoolEntry;

describe("IngestQueue (group commit)", () => {
  it("writes submissions that arrive during a write together in the next one, and resolves each after its write", async () => {
    const writes: number[][] = [];
    let release: () => void = () => undefined;
    const store: MempoolStore = {
      insert: async (entries) => {
        writes.push(entries.map((item) => item.seq));
        if (writes.length === 1) await new Promise<void>((resolve) => (release = resolve));
        return new Set(entries.filter((item) => item.seq === 3).map((item) => item.seq));
      },
      loadAll: async () => [],
    };
    const queue = new IngestQueue(store, 0);
    const first = queue.persist(entry(0));
    await new Promise((resolve) => setTimeout(resolve, 5));
    const rest = [1, 2, 3].map((seq) => queue.persist(entry(seq)));
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(writes).toEqual([[0]]);
    release();
    expect(await first).toBe(false);
    expect(await Promise.all(rest)).toEqual([false, false, true]); // 3 was already executed
    expect(writes).toEqual([[0], [1, 2, 3]]);
  });

  it("rejects every submission of a failed write, and keeps serving afterwards", async () => {
    let fail = true;
    const store: MempoolStore = {
      insert: async () => {
        if (fail) throw new Error("database down");
        return new Set();
      },
      loadAll: async () => [],
    };
    const queue = new IngestQueue(store, 0);
    await expect(Promise.all([queue.persist(entry(0)), queue.persist(entry(1))])).rejects.toThrow("database down");
    fail = false;
    expect(await queue.persist(entry(2))).toBe(false);
  });
});
