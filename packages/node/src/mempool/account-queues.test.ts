import type { Tx } from "@zklite/protocol";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AccountQueues } from "./account-queues.js";
import { entrySenders, type MempoolEntry, type QueuedTx } from "./mempool-entry.js";

let seq = 0;
function entry(txs: { sender: string; nonce: number }[], receivedAt = 0, batch = txs.length > 1): MempoolEntry {
  const queued: QueuedTx[] = txs.map(({ sender, nonce }) => ({
    hash: `sync-tx:${(seq * 1000 + nonce).toString(16).padStart(64, "0")}:${sender}`,
    tx: { type: "Transfer", nonce } as unknown as Tx,
    sender,
    nonce,
    ethSignatures: [],
  }));
  return { seq: seq++, txs: queued, batch: batch ? { hash: `batch-${seq}`, ethSignatures: [] } : undefined, senders: entrySenders(queued), receivedAt };
}

describe("AccountQueues", () => {
  it("takes a sender's entries only in nonce order from the account's nonce, whatever the arrival order", () => {
    const queues = new AccountQueues();
    const third = entry([{ sender: "a", nonce: 2 }]);
    const first = entry([{ sender: "a", nonce: 0 }]);
    const other = entry([{ sender: "b", nonce: 5 }]);
    const second = entry([{ sender: "a", nonce: 1 }]);
    for (const item of [third, first, other, second]) queues.add(item);
    const nonces = { a: 0, b: 5 } as Record<string, number>;
    const ready = queues.ready((sender) => nonces[sender] ?? 0, 100);
    const order = ready.filter((item) => item.txs[0]?.sender === "a").map((item) => item.txs[0]?.nonce);
    expect(order).toEqual([0, 1, 2]);
    expect(ready).toContain(other);
    // with a gap nothing of `a` runs
    expect(queues.ready((sender) => (sender === "a" ? 7 : 5), 100)).toEqual([other]);
  });

  it("takes a batch of several senders only when it is next for all of them, and respects the limit", () => {
    const queues = new AccountQueues();
    const batch = entry([{ sender: "a", nonce: 1 }, { sender: "b", nonce: 0 }, { sender: "a", nonce: 2 }]);
    const before = entry([{ sender: "a", nonce: 0 }]);
    const after = entry([{ sender: "a", nonce: 3 }]);
    for (const item of [batch, after, before]) queues.add(item);
    expect(queues.ready(() => 0, 100)).toEqual([before, batch, after]);
    expect(queues.ready((sender) => (sender === "b" ? 1 : 0), 100)).toEqual([before]);
    expect(queues.ready(() => 0, 1)).toEqual([before]);
  });

  it("reports entries whose nonce was used or whose gap outlived the TTL, and forgets removed ones", () => {
    const queues = new AccountQueues();
    const used = entry([{ sender: "a", nonce: 0 }], 0);
    const gapOld = entry([{ sender: "b", nonce: 4 }], 0);
    const gapNew = entry([{ sender: "c", nonce: 4 }], 9_000);
    const current = entry([{ sender: "d", nonce: 0 }], 0);
    for (const item of [used, gapOld, gapNew, current]) queues.add(item);
    const nonces = { a: 1, b: 0, c: 0, d: 0 } as Record<string, number>;
    expect(queues.stale((sender) => nonces[sender] ?? 0, 10_000, 5_000)).toEqual([used, gapOld]);
    queues.remove(used);
    expect(queues.hasHash(used.txs[0]?.hash as string)).toBe(false);
    expect(queues.hasNonce("a", 0)).toBe(false);
    expect(queues.size).toBe(3);
  });

  it("matches a reference model on random arrivals: every sender's run is a contiguous nonce chain", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 6 })), { maxLength: 40 }), fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 4, maxLength: 4 }), (arrivals, start) => {
        const queues = new AccountQueues();
        const seen = new Set<string>();
        for (const [sender, nonce] of arrivals) {
          const key = `${sender}:${nonce}`;
          if (seen.has(key)) continue;
          seen.add(key);
          queues.add(entry([{ sender: String(sender), nonce }]));
        }
        const nonceOf = (sender: string) => start[Number(sender)] as number;
        const ready = queues.ready(nonceOf, 1000);
        for (let sender = 0; sender < 4; sender++) {
          const taken = ready.filter((item) => item.txs[0]?.sender === String(sender)).map((item) => item.txs[0]?.nonce as number);
          let expected = start[sender] as number;
          const chain: number[] = [];
          while (seen.has(`${sender}:${expected}`)) chain.push(expected++);
          expect(taken).toEqual(chain);
        }
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});
