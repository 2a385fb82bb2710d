import { describe, expect, it } from "vitest";

import { InMemoryEthWatchStore } from "./in-memory-store.js";
import type { ConfirmedPriorityOp } from "./types.js";

const op = (serialId: bigint): ConfirmedPriorityOp => ({
  serialId,
  op: { type: "FullExit", accountId: 1, ethAddress: `0x${"11".repeat(20)}`, token: 0 },
  l1TxHash: `0x${"22".repeat(32)}`,
  l1BlockNumber: 5,
  l1BlockHash: `0x${"33".repeat(32)}`,
  logIndex: 0,
  expirationBlock: 100,
});
const cursor = (blockNumber: number) => ({ blockNumber, blockHash: `0x${blockNumber.toString(16).padStart(64, "0")}` });
const batch = (ops: ConfirmedPriorityOp[], at: number) => ({ priorityOps: ops, tokens: [], nftFactories: [], authFacts: [], cursor: cursor(at) });

describe("InMemoryEthWatchStore", () => {
  it("appends contiguous ops and moves the cursor", async () => {
    const store = new InMemoryEthWatchStore();
    expect(await store.loadCursor()).toBeUndefined();
    expect(await store.nextSerialId()).toBe(0n);
    await store.saveConfirmed(batch([op(0n), op(1n)], 5));
    await store.saveConfirmed(batch([], 6));
    await store.saveConfirmed(batch([op(2n)], 7));
    expect(await store.nextSerialId()).toBe(3n);
    expect(await store.loadCursor()).toEqual(cursor(7));
    expect(store.priorityOps.map((o) => o.serialId)).toEqual([0n, 1n, 2n]);
  });

  it("refuses a non-contiguous append and changes nothing", async () => {
    const store = new InMemoryEthWatchStore({ cursor: cursor(3), nextSerialId: 10n });
    for (const ops of [[op(11n)], [op(9n)], [op(10n), op(10n)], [op(10n), op(12n)]]) {
      await expect(store.saveConfirmed(batch(ops, 8))).rejects.toMatchObject({ code: "ETH_WATCH_NON_CONTIGUOUS_APPEND" });
    }
    expect(await store.nextSerialId()).toBe(10n);
    expect(await store.loadCursor()).toEqual(cursor(3));
    expect(store.savedBatches).toEqual([]);
  });

  it("upserts tokens and factories, replaces the unconfirmed set", async () => {
    const store = new InMemoryEthWatchStore();
    const token = { tokenId: 1, address: `0x${"aa".repeat(20)}`, l1BlockNumber: 1, l1TxHash: "0x", logIndex: 0 };
    const factory = { creatorAccountId: 4, creatorAddress: `0x${"bb".repeat(20)}`, factoryAddress: `0x${"cc".repeat(20)}`, l1BlockNumber: 1, l1TxHash: "0x", logIndex: 1 };
    await store.saveConfirmed({ priorityOps: [], tokens: [token], nftFactories: [factory], authFacts: [], cursor: cursor(1) });
    await store.saveConfirmed({ priorityOps: [], tokens: [token], nftFactories: [factory], authFacts: [], cursor: cursor(1) });
    expect([...store.tokens.values()]).toEqual([token]);
    expect(store.nftFactories).toEqual([factory]);
    await store.replaceUnconfirmed([op(0n), op(1n)]);
    await store.replaceUnconfirmed([op(1n)]);
    expect(store.unconfirmed.map((o) => o.serialId)).toEqual([1n]);
  });
});
