/**
 * The eth-sender in the node process when things go wrong: the L1 unreachable (TCP proxy cut) and back, a commit
 * mined and reverted (the operator lost its validator role), and the operator's revert of committed blocks.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Governance__factory, ZkLite__factory } from "@zklite/contracts";
import { parseUnits } from "ethers";
import { L1OperationRepository } from "../storage/l1-operation-repository.js";
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

  it("reverts committed blocks on the operator's request and stops committing", async () => {
    const last = await lastBlock();
    const zk = rollup();
    expect(Number(await zk.totalBlocksCommitted())).toBe(last);
    // the request as any process writes it (EthSender.requestRevert does the same after checking the L1)
    await new L1OperationRepository(prisma()).requestRevert(last - 1, last);
    const revert = await waitFor(async () => (await prisma().l1Operation.findFirst({ where: { kind: "revert", status: "confirmed" } })) ?? undefined, 30_000, "the revert");
    expect(Number(await zk.totalBlocksCommitted())).toBe(last - 2);
    expect(await zk.storedBlockHashes(last)).toBe(`0x${"00".repeat(32)}`);
    const reverted = await prisma().block.findMany({ where: { number: { gte: last - 1 } } });
    expect(reverted.map((b) => b.commitTxHash)).toEqual([null, null]);
    const events = await prisma().event.findMany({ where: { kind: "block_status", key: String(last) }, orderBy: { id: "desc" }, take: 1 });
    expect(events[0]?.payload).toMatchObject({ status: "sealed", reverted: true, txHash: (await prisma().l1Transaction.findFirstOrThrow({ where: { operationId: revert.id, status: "confirmed" } })).hash });
    expect(await metric("zklite_eth_sender_pipeline_stopped", 'kind="commit"')).toBe(1);
    const transactions = await prisma().l1Transaction.count();
    await newBlock();
    await sleep(DEADLINE_MS * 3);
    expect(await prisma().l1Transaction.count()).toBe(transactions);
    expect(Number(await zk.totalBlocksCommitted())).toBe(last - 2);
  }, 60_000);
});
