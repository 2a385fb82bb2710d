/**
 * The eth-sender in the node process against a real Hardhat L1 whose verifiers check real (dev-echo) Groth16
 * proofs: blocks committed, proven and executed with the node's stored-block hashes, aggregation and deadlines,
 * the API's verified state, a gas spike, a dropped transaction replaced, and kill -9 mid-flight.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZkLite__factory } from "@zklite/contracts";
import { parseUnits, toQuantity } from "ethers";
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
    expect(commits.some((op) => op.toBlock > op.fromBlock)).toBe(true);
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

  it("waits while the L1 base fee is above the cap, then sends", async () => {
    const [, bob, carol] = users as [FundedUser, FundedUser, FundedUser];
    await devnet.l1.send("hardhat_setNextBlockBaseFeePerGas", [toQuantity(parseUnits("500", "gwei"))]);
    await devnet.l1.mine(1);
    const before = await lastBlock();
    await transfer(devnet, bob, carol.user.address);
    const block = await waitForSealed(devnet, before + 1);
    await sleep(DEADLINE_MS + 2000);
    expect((await prisma().block.findUniqueOrThrow({ where: { number: block } })).commitTxHash).toBeNull();
    expect(await metric("zklite_eth_sender_waiting_for_gas")).toBe(1);
    expect(await metric("zklite_eth_sender_base_fee_gwei")).toBeGreaterThan(MAX_BASE_FEE_GWEI);
    const sent = await prisma().l1Transaction.count();

    await devnet.l1.send("hardhat_setNextBlockBaseFeePerGas", [toQuantity(parseUnits("1", "gwei"))]);
    await devnet.l1.mine(1);
    await waitForL1Status(devnet, block, "committedAt");
    expect(await metric("zklite_eth_sender_waiting_for_gas")).toBe(0);
    expect(await prisma().l1Transaction.count()).toBe(sent + 1);
  }, 60_000);

  it("replaces a transaction dropped from the L1 mempool with fees bumped by at least 12.5 %", async () => {
    const [, bob, carol] = users as [FundedUser, FundedUser, FundedUser];
    await devnet.l1.send("evm_setAutomine", [false]);
    try {
      const before = await lastBlock();
      await transfer(devnet, carol, bob.user.address);
      const block = await waitForSealed(devnet, before + 1);
      const first = await sentCommitTx(block);
      expect(await devnet.l1.send("hardhat_dropTransaction", [first.hash])).toBe(true);
      const replacement = await waitFor(
        async () => (await prisma().l1Transaction.findMany({ where: { operationId: first.operationId }, orderBy: { id: "asc" } }))[1],
        STUCK_AFTER_MS + 10_000,
        "a replacement",
      );
      expect(replacement.nonce).toBe(first.nonce);
      const bumped = (value: { toFixed(): string }) => (BigInt(value.toFixed()) * 1125n + 999n) / 1000n;
      expect(BigInt(replacement.maxFeePerGas.toFixed())).toBeGreaterThanOrEqual(bumped(first.maxFeePerGas));
      expect(BigInt(replacement.maxPriorityFeePerGas.toFixed())).toBeGreaterThanOrEqual(bumped(first.maxPriorityFeePerGas));
      await devnet.l1.mine(1);
      await waitForL1Status(devnet, block, "committedAt");
      expect((await prisma().block.findUniqueOrThrow({ where: { number: block } })).commitTxHash).toBe(replacement.hash);
      expect((await prisma().l1Transaction.findUniqueOrThrow({ where: { id: first.id } })).status).toBe("replaced");
      expect(await metric("zklite_eth_sender_replacements_total")).toBeGreaterThanOrEqual(1);
    } finally {
      await devnet.l1.send("evm_setAutomine", [true]);
    }
  }, 60_000);

  it("survives kill -9 between broadcast and confirmation: recognises the mined transaction, re-broadcasts a lost one", async () => {
    const [alice, bob] = users as [FundedUser, FundedUser];
    await devnet.l1.send("evm_setAutomine", [false]);
    try {
      // 1. mined while the node is down
      const before = await lastBlock();
      await transfer(devnet, alice, bob.user.address);
      let block = await waitForSealed(devnet, before + 1);
      let tx = await sentCommitTx(block);
      await devnet.node.kill();
      await devnet.l1.mine(1);
      await devnet.node.restart();
      await waitForL1Status(devnet, block, "committedAt");
      expect((await prisma().block.findUniqueOrThrow({ where: { number: block } })).commitTxHash).toBe(tx.hash);
      expect(await prisma().l1Transaction.count({ where: { operationId: tx.operationId } })).toBe(1);

      // 2. lost from the L1 mempool while the node is down: the stored raw transaction goes out again
      await transfer(devnet, alice, bob.user.address);
      block = await waitForSealed(devnet, block + 1);
      tx = await sentCommitTx(block);
      await devnet.node.kill();
      expect(await devnet.l1.send("hardhat_dropTransaction", [tx.hash])).toBe(true);
      await devnet.node.restart();
      await waitFor(async () => ((await devnet.l1.send("eth_getTransactionByHash", [tx.hash])) === null ? undefined : true), 20_000, "the re-broadcast");
      await devnet.l1.mine(1);
      await waitForL1Status(devnet, block, "committedAt");
      expect((await prisma().block.findUniqueOrThrow({ where: { number: block } })).commitTxHash).toBe(tx.hash);
      expect(await prisma().l1Transaction.count({ where: { operationId: tx.operationId } })).toBe(1);
    } finally {
      await devnet.l1.send("evm_setAutomine", [true]);
    }
    // every block committed exactly once, none skipped
    const last = await lastBlock();
    await waitForL1Status(devnet, last, "committedAt");
    const zk = rollup();
    const commits = (await zk.queryFilter(zk.filters.BlockCommit())).map((log) => Number((log as unknown as { args: [bigint] }).args[0]));
    expect(commits).toEqual(Array.from({ length: last }, (_, i) => i + 1));
    expect(Number(await zk.totalBlocksCommitted())).toBe(last);
  }, 120_000);
});

async function sentCommitTx(block: number) {
  return waitFor(
    async () =>
      (await prisma().l1Transaction.findFirst({ where: { status: "sent", operation: { kind: "commit", fromBlock: { lte: block }, toBlock: { gte: block } } }, orderBy: { id: "asc" } })) ?? undefined,
    DEADLINE_MS + 15_000,
    `the commit transaction of block ${block}`,
  );
}

async function metric(name: string): Promise<number> {
  const text = await (await fetch(`${devnet.node.url}/metrics`)).text();
  const values = text
    .split("\n")
    .filter((line) => line.startsWith(name) && !line.startsWith("#"))
    .map((line) => Number(line.split(" ").at(-1)));
  return values.reduce((a, b) => a + b, 0);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
