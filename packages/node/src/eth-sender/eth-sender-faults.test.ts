/**
 * The eth-sender in the node process when things go wrong: the L1 unreachable (TCP proxy cut) and back, a commit
 * mined and reverted (the operator lost its validator role), and the operator's revert of committed blocks with
 * the node's rewind.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Governance__factory, ZkLite__factory } from "@zklite/contracts";
import { parseUnits } from "ethers";
import { L1OperationRepository } from "../storage/l1-operation-repository.js";
import { storedBlockHash, storedBlockInfo } from "./block-encoding.js";
import { GOVERNOR_INDEX, releaseSnarkjs, startEchoDevnet, type EchoDevnet } from "../testing/echo-devnet.js";
import { fundedUsers, transfer, waitForL1Status, waitForSealed, type FundedUser } from "../testing/echo-users.js";
import { waitFor } from "../testing/wait-for.js";

const DEADLINE_MS = 1000;
const OPERATOR = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";

let devnet: EchoDevnet;
let users: FundedUser[];

beforeAll(async () => {
  devnet = await startEchoDevnet({ proxy: true, env: { ZKLITE_ETH_SENDER_DEADLINE_MS: String(DEADLINE_MS), ZKLITE_ETH_SENDER_MAX_BLOCKS_PER_TX: "4" } });
  users = await fundedUsers(devnet, 2, 10n ** 18n);
}, 300_000);

afterAll(async () => {
  await devnet?.close();
  await releaseSnarkjs();
});

const prisma = () => devnet.database.prisma;
const rollup = () => ZkLite__factory.connect(devnet.deployment.contracts.zkLite, devnet.l1.provider as never);

async function lastBlock(): Promise<number> {
  return (await prisma().block.aggregate({ _max: { number: true } }))._max.number ?? 0;
}

async function newBlock(): Promise<number> {
  const [alice, bob] = users as [FundedUser, FundedUser];
  const before = await lastBlock();
  await transfer(devnet, alice, bob.user.address);
  return waitForSealed(devnet, before + 1);
}

async function metric(name: string, label = ""): Promise<number> {
  const text = await (await fetch(`${devnet.node.url}/metrics`)).text();
  return text
    .split("\n")
    .filter((line) => line.startsWith(name) && line.includes(label) && !line.startsWith("#"))
    .map((line) => Number(line.split(" ").at(-1)))
    .reduce((a, b) => a + b, 0);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("eth-sender faults", () => {
  it("waits with a backoff while the L1 is unreachable and commits once it is back", async () => {
    await waitForL1Status(devnet, await lastBlock(), "committedAt");
    const proxy = devnet.proxy;
    if (proxy === undefined) throw new Error("no proxy");
    await proxy.cut();
    const block = await newBlock();
    await sleep(DEADLINE_MS + 4000);
    expect((await prisma().block.findUniqueOrThrow({ where: { number: block } })).commitTxHash).toBeNull();
    const failures = await metric("zklite_eth_sender_errors_total", 'code="ETH_SENDER_L1_UNAVAILABLE"');
    expect(failures).toBeGreaterThan(0);
    // exponential backoff: a handful of attempts in 5 s, not one per poll interval
    expect(failures).toBeLessThan(15);
    await proxy.restore();
    await waitForL1Status(devnet, block, "committedAt");
    expect(Number(await rollup().totalBlocksCommitted())).toBe(block);
  }, 60_000);

  it("stops the commit pipeline on a reverted commit, reports it, and sends nothing more", async () => {
    await devnet.l1.send("evm_setAutomine", [false]);
    let stuck: number;
    try {
      stuck = await newBlock();
      const sent = await waitFor(
        async () => (await prisma().l1Transaction.findFirst({ where: { status: "sent", operation: { kind: "commit", toBlock: { gte: stuck } } } })) ?? undefined,
        20_000,
        "the commit transaction",
      );
      // the governor removes the operator's validator role in the same L1 block, ahead of the commit (higher tip)
      const governance = Governance__factory.connect(devnet.deployment.contracts.governance, await devnet.l1.contractSigner(GOVERNOR_INDEX));
      await governance.setValidator(OPERATOR, false, { maxPriorityFeePerGas: parseUnits("50", "gwei"), maxFeePerGas: parseUnits("100", "gwei") });
      await devnet.l1.mine(1);
      const receipt = await devnet.l1.provider.getTransactionReceipt(sent.hash);
      expect(receipt?.status).toBe(0);
    } finally {
      await devnet.l1.send("evm_setAutomine", [true]);
    }
    const failed = await waitFor(async () => (await prisma().l1Operation.findFirst({ where: { kind: "commit", status: "failed" } })) ?? undefined, 20_000, "the failed operation");
    expect(failed.error).toContain("ETH_SENDER_TX_REVERTED");
    expect(failed.error).toContain("NotActiveValidator");
    expect(await metric("zklite_eth_sender_pipeline_stopped", 'kind="commit"')).toBe(1);
    expect(await metric("zklite_eth_sender_errors_total", 'code="ETH_SENDER_TX_REVERTED"')).toBe(1);
    expect(devnet.node.log).toContain("the commit pipeline stopped");

    // no loop: more blocks, several deadlines, not one more transaction
    const transactions = await prisma().l1Transaction.count();
    const nonce = await devnet.l1.provider.getTransactionCount(OPERATOR, "pending");
    await newBlock();
    await sleep(DEADLINE_MS * 4);
    expect(await prisma().l1Transaction.count()).toBe(transactions);
    expect(await devnet.l1.provider.getTransactionCount(OPERATOR, "pending")).toBe(nonce);

    // fixed by the governor and restarted: the failed commit is retried and everything goes through, once
    const governance = Governance__factory.connect(devnet.deployment.contracts.governance, await devnet.l1.contractSigner(GOVERNOR_INDEX));
    await (await governance.setValidator(OPERATOR, true)).wait();
    await devnet.node.stop();
    await devnet.node.restart();
    const last = await lastBlock();
    await waitForL1Status(devnet, last, "committedAt");
    expect(Number(await rollup().totalBlocksCommitted())).toBe(last);
  }, 90_000);

  it("reverts committed blocks on the operator's request; the node rewinds, re-executes their transactions and commits the new blocks", async () => {
    const last = await lastBlock();
    const from = last - 1;
    const zk = rollup();
    expect(Number(await zk.totalBlocksCommitted())).toBe(last);
    const reverted = await prisma().executedOperation.findMany({ where: { blockNumber: { gte: from }, success: true, txHash: { not: null } }, orderBy: { id: "asc" } });
    expect(reverted.length).toBeGreaterThan(0);
    const rootBefore = (await prisma().block.findUniqueOrThrow({ where: { number: from - 1 } })).newStateRoot;
    const statesBefore = await Promise.all(users.map((u) => devnet.provider.getState(u.user.address)));

    // the request as any process writes it (EthSender.requestRevert does the same after checking the L1)
    await new L1OperationRepository(prisma()).requestRevert(from, last);
    const revert = await waitFor(async () => (await prisma().l1Operation.findFirst({ where: { kind: "revert", status: "applied" } })) ?? undefined, 60_000, "the revert to be applied");
    const revertTx = await prisma().l1Transaction.findFirstOrThrow({ where: { operationId: revert.id, status: "confirmed" } });
    const revertLog = (await devnet.l1.provider.getTransactionReceipt(revertTx.hash))?.logs.map((log) => zk.interface.parseLog(log)).find((log) => log?.name === "BlocksRevert");
    expect(Number(revertLog?.args.totalBlocksCommitted)).toBe(from - 1);
    expect(devnet.node.log).toContain("storage rewound");

    // every reverted transaction runs again, in a new block built on the state before the revert
    const rerun = await waitFor(async () => {
      const rows = await prisma().executedOperation.findMany({ where: { txHash: { in: reverted.map((r) => r.txHash as string) }, success: true } });
      return rows.length === reverted.length ? rows : undefined;
    }, 60_000, "the reverted transactions to run again");
    await waitForSealed(devnet, Math.max(...rerun.map((row) => row.blockNumber)));
    const resealed = await prisma().block.findUniqueOrThrow({ where: { number: from } });
    expect(resealed.oldStateRoot).toBe(rootBefore);
    expect(resealed.createdAt.getTime()).toBeGreaterThan(revert.confirmedAt?.getTime() ?? Infinity);
    const statesAfter = await Promise.all(users.map((u) => devnet.provider.getState(u.user.address)));
    expect(statesAfter.map((s) => [s.id, s.committed.nonce, s.committed.balances])).toEqual(statesBefore.map((s) => [s.id, s.committed.nonce, s.committed.balances]));

    // the commit pipeline resumed: the new blocks are on L1 with the node's hashes, the API on the same URL
    await waitFor(async () => ((await prisma().block.count({ where: { number: { gte: from }, commitTxHash: null } })) === 0 ? true : undefined), 60_000, "the new blocks to commit");
    const newLast = await lastBlock();
    expect(Number(await zk.totalBlocksCommitted())).toBe(newLast);
    for (const block of await prisma().block.findMany({ where: { number: { gte: from } } })) {
      expect(await zk.storedBlockHashes(block.number)).toBe(storedBlockHash(storedBlockInfo(block)));
    }
    const block = await newBlock();
    await waitForL1Status(devnet, block, "committedAt");
    expect(await metric("zklite_eth_sender_pipeline_stopped", 'kind="commit"')).toBe(0);
  }, 120_000);
});
