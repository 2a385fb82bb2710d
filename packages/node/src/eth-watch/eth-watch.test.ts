// eth-watch against a real Hardhat L1 (child process on 127.0.0.1) with the zkLite contracts deployed.
import { Governance__factory, TestCustomNFTFactory__factory, TestERC20__factory, ZkLite__factory } from "@zklite/contracts";
import { Wallet, getAddress } from "ethers";
import { pino } from "pino";
import { Registry } from "prom-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { HardhatL1, type ContractSigner } from "../testing/hardhat-l1.js";
import { TcpProxy } from "../testing/tcp-proxy.js";
import { EthWatchError, SerialIdGapError } from "./errors.js";
import { EthWatch, type EthWatchHooks, type ReorgInfo } from "./eth-watch.js";
import { InMemoryEthWatchStore } from "./in-memory-store.js";
import { NEW_PRIORITY_REQUEST_TOPIC, decodeLogs } from "./l1-events.js";
import type { EthWatchConfigInput } from "./config.js";
import type { InMemoryEthWatchStoreInit } from "./in-memory-store.js";

let l1: HardhatL1;
let proxy: TcpProxy;
let user: ContractSigner;
let userAddress: string;
let other: ContractSigner;
let otherAddress: string;
const watchers: EthWatch[] = [];

beforeAll(async () => {
  l1 = await HardhatL1.start();
  proxy = await TcpProxy.start(l1.port);
  user = await l1.contractSigner(1);
  userAddress = (await user.getAddress()).toLowerCase();
  other = await l1.contractSigner(2);
  otherAddress = (await other.getAddress()).toLowerCase();
}, 120_000);

afterAll(async () => {
  for (const watch of watchers) await watch.stop();
  await proxy?.close();
  await l1?.stop();
});

const rollup = (signer: ContractSigner) => ZkLite__factory.connect(l1.deployment.contracts.zkLite, signer);
const dai = (signer: ContractSigner) => TestERC20__factory.connect(l1.deployment.tokens[0]!.address, signer);

async function totalPriorityRequests(): Promise<bigint> {
  const zkLite = rollup(user);
  return (await zkLite.firstPriorityRequestId()) + (await zkLite.totalOpenPriorityRequests());
}

interface Watcher {
  readonly watch: EthWatch;
  readonly store: InMemoryEthWatchStore;
  readonly logs: string[];
  readonly registry: Registry;
  readonly reorgs: ReorgInfo[];
  readonly errors: Error[];
}

/** A watcher whose store already holds everything up to the current head (so tests do not see each other's ops). */
async function freshWatcher(config: Partial<EthWatchConfigInput>, init?: InMemoryEthWatchStoreInit, hooks: EthWatchHooks = {}): Promise<Watcher> {
  const head = await l1.blockNumber();
  const store = new InMemoryEthWatchStore(
    init ?? { cursor: { blockNumber: head, blockHash: (await l1.provider.getBlock(head))!.hash! }, nextSerialId: await totalPriorityRequests() },
  );
  const logs: string[] = [];
  const reorgs: ReorgInfo[] = [];
  const errors: Error[] = [];
  const registry = new Registry();
  const watch = new EthWatch({
    config: {
      rpcUrl: l1.url,
      chainId: l1.chainId,
      rollupAddress: l1.deployment.contracts.zkLite,
      governanceAddress: l1.deployment.contracts.governance,
      startBlock: l1.deployment.deployBlock,
      confirmations: 0,
      pollIntervalMs: 50,
      backoffInitialMs: 50,
      backoffMaxMs: 400,
      requestTimeoutMs: 2_000,
      ...config,
    },
    store,
    logger: pino({ level: "debug" }, { write: (line: string) => void logs.push(line) }),
    registry,
    hooks: { onReorg: (info) => reorgs.push(info), onError: (error) => errors.push(error), ...hooks },
  });
  watchers.push(watch);
  return { watch, store, logs, registry, reorgs, errors };
}

async function depositEth(amount: bigint, to: string): Promise<number> {
  const receipt = await (await rollup(user).depositETH(to, { value: amount })).wait();
  return receipt!.blockNumber;
}

async function waitFor(what: string, condition: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function metricValue(registry: Registry, name: string): Promise<number> {
  const metric = await registry.getSingleMetric(name)?.get();
  return (metric?.values ?? []).reduce((sum, v) => sum + v.value, 0);
}

describe("eth-watch on a Hardhat L1", () => {
  it("reads ETH and ERC-20 deposits and full exits: unconfirmed first, confirmed after `confirmations` blocks", async () => {
    const confirmations = 3;
    const { watch, store, registry } = await freshWatcher({ confirmations });
    const base = await store.nextSerialId();
    const recipient = Wallet.createRandom().address.toLowerCase();
    const daiAddress = l1.deployment.tokens[0]!.address;
    const daiId = l1.deployment.tokens[0]!.id;

    await depositEth(10n ** 18n, recipient);
    await (await dai(user).approve(l1.deployment.contracts.zkLite, 5n * 10n ** 18n)).wait();
    await (await rollup(user).depositERC20(daiAddress, 5n * 10n ** 18n, otherAddress)).wait();
    await (await rollup(other).requestFullExit(7, "0x0000000000000000000000000000000000000000")).wait();
    const lastBlock = (await (await rollup(other).requestFullExit(8, daiAddress)).wait())!.blockNumber;

    const first = await watch.pollOnce();
    expect(first.head).toBe(lastBlock);
    const seen = [...store.priorityOps.filter((op) => op.serialId >= base), ...store.unconfirmed];
    expect(seen.map((op) => op.serialId)).toEqual([base, base + 1n, base + 2n, base + 3n]);
    for (const op of store.unconfirmed) expect(op.l1BlockNumber).toBeGreaterThan(lastBlock - confirmations);
    for (const op of store.priorityOps.filter((o) => o.serialId >= base)) expect(op.l1BlockNumber).toBeLessThanOrEqual(lastBlock - confirmations);
    expect(store.unconfirmed.length).toBeGreaterThan(0);
    expect(await metricValue(registry, "zklite_eth_watch_unconfirmed_priority_ops")).toBe(store.unconfirmed.length);

    await l1.mine(confirmations);
    const second = await watch.pollOnce();
    expect(second.unconfirmedOps).toBe(0);
    expect(store.unconfirmed).toEqual([]);
    const ops = store.priorityOps.filter((op) => op.serialId >= base);
    expect(ops.map((op) => op.op)).toEqual([
      { type: "Deposit", from: userAddress, token: 0, amount: 10n ** 18n, to: recipient },
      { type: "Deposit", from: userAddress, token: daiId, amount: 5n * 10n ** 18n, to: otherAddress },
      { type: "FullExit", accountId: 7, ethAddress: otherAddress, token: 0 },
      { type: "FullExit", accountId: 8, ethAddress: otherAddress, token: daiId },
    ]);
    for (const op of ops) {
      const receipt = await l1.provider.getTransactionReceipt(op.l1TxHash);
      expect(receipt?.blockNumber).toBe(op.l1BlockNumber);
      expect(receipt?.blockHash).toBe(op.l1BlockHash);
      expect(op.expirationBlock).toBe(op.l1BlockNumber + 80_640);
    }
    expect(store.cursor?.blockNumber).toBe(second.confirmedHead);
    expect(await metricValue(registry, "zklite_eth_watch_last_confirmed_l1_block")).toBe(second.confirmedHead);
    expect(await metricValue(registry, "zklite_eth_watch_last_seen_l1_block")).toBe(second.head);
    // nothing is applied twice when polling again
    await watch.pollOnce();
    expect(store.priorityOps.filter((op) => op.serialId >= base)).toHaveLength(4);
  });

  it("a deposit reorged away inside the confirmation window is never confirmed; the next deposit takes its serial id", async () => {
    const confirmations = 3;
    const { watch, store } = await freshWatcher({ confirmations });
    const base = await store.nextSerialId();
    const snapshot = await l1.snapshot();
    await depositEth(111n, otherAddress);
    await l1.mine(confirmations - 2); // deposit block + 1 = 2 blocks < 3 confirmations
    await watch.pollOnce();
    expect(store.unconfirmed.map((op) => [op.serialId, (op.op as { amount: bigint }).amount])).toEqual([[base, 111n]]);
    expect(store.priorityOps.filter((op) => op.serialId >= base)).toEqual([]);

    await l1.revert(snapshot);
    await watch.pollOnce();
    expect(store.unconfirmed).toEqual([]);

    await depositEth(222n, otherAddress);
    await l1.mine(confirmations);
    await watch.pollOnce();
    const ops = store.priorityOps.filter((op) => op.serialId >= base);
    expect(ops.map((op) => [op.serialId, (op.op as { amount: bigint }).amount])).toEqual([[base, 222n]]);
    const everSaved = store.savedBatches.flatMap((batch) => batch.priorityOps);
    expect(everSaved.some((op) => op.op.type === "Deposit" && op.op.amount === 111n)).toBe(false);
  });

  it("detects a reorg of the stored cursor block, logs it and re-reads the rewound window", async () => {
    const { watch, store, logs, reorgs, registry } = await freshWatcher({ confirmations: 0, reorgRewindBlocks: 4 });
    const base = await store.nextSerialId();
    const snapshot = await l1.snapshot();
    await l1.mine(2);
    await watch.pollOnce();
    const cursorBefore = store.cursor!;

    await l1.revert(snapshot);
    await depositEth(333n, otherAddress); // a different block at the cursor's height's parent
    await l1.mine(2);
    await watch.pollOnce();
    expect(reorgs).toHaveLength(1);
    expect(reorgs[0]).toMatchObject({ blockNumber: cursorBefore.blockNumber, storedHash: cursorBefore.blockHash });
    expect(reorgs[0]!.canonicalHash).not.toBe(cursorBefore.blockHash);
    expect(reorgs[0]!.rewindFrom).toBe(cursorBefore.blockNumber - 4);
    expect(logs.some((line) => line.includes("L1 reorg of the last processed block"))).toBe(true);
    expect(await metricValue(registry, "zklite_eth_watch_reorgs_total")).toBe(1);
    const ops = store.priorityOps.filter((op) => op.serialId >= base);
    expect(ops.map((op) => (op.op as { amount: bigint }).amount)).toEqual([333n]);
    expect(store.cursor!.blockHash).toBe((await l1.provider.getBlock(store.cursor!.blockNumber))!.hash);
    await watch.pollOnce();
    expect(reorgs).toHaveLength(1);
  });

  it("survives the L1 going away and coming back: no deposit lost or applied twice", async () => {
    const { watch, store, registry, errors } = await freshWatcher({ rpcUrl: proxy.url, confirmations: 1 });
    const from = (await l1.blockNumber()) + 1;
    const base = await store.nextSerialId();
    watch.start();
    const amounts: bigint[] = [];
    for (let i = 1n; i <= 12n; i++) {
      if (i === 4n) await proxy.cut();
      if (i === 10n) {
        await waitFor("errors while the L1 is cut", () => errors.length >= 3);
        await proxy.restore();
      }
      await depositEth(1000n + i, otherAddress);
      amounts.push(1000n + i);
      await new Promise((resolve) => setTimeout(resolve, 40));
    }
    await l1.mine(1);
    await waitFor("all deposits confirmed", () => store.priorityOps.filter((op) => op.serialId >= base).length >= 12);
    await watch.stop();

    expect(errors.every((error) => error instanceof EthWatchError && error.code === "ETH_WATCH_L1_UNAVAILABLE")).toBe(true);
    expect(await metricValue(registry, "zklite_eth_watch_l1_errors_total")).toBe(errors.length);
    const onL1 = decodeLogs(
      await l1.provider.getLogs({ address: l1.deployment.contracts.zkLite, topics: [NEW_PRIORITY_REQUEST_TOPIC], fromBlock: from, toBlock: "latest" }),
      l1.deployment.contracts.zkLite,
      l1.deployment.contracts.governance,
    ).priorityOps;
    const stored = store.priorityOps.filter((op) => op.serialId >= base);
    expect(stored).toEqual(onL1);
    expect(stored.map((op) => (op.op as { amount: bigint }).amount)).toEqual(amounts);
    expect(new Set(stored.map((op) => op.serialId)).size).toBe(stored.length);
  });

  it("refuses a gap in serial ids, and a store ahead of the L1, with typed errors and appends nothing", async () => {
    const confirmations = 1;
    const base = await totalPriorityRequests();
    const before = await l1.blockNumber();
    const firstBlock = await depositEth(1n, otherAddress);
    const secondBlock = await depositEth(2n, otherAddress);
    await l1.mine(confirmations);
    const hashOf = async (n: number) => (await l1.provider.getBlock(n))!.hash!;

    // behind: the cursor is past serial `base`, the store still expects it → the next op seen is base + 1
    const behind = await freshWatcher({ confirmations }, { cursor: { blockNumber: firstBlock, blockHash: await hashOf(firstBlock) }, nextSerialId: base });
    const gap = await behind.watch.pollOnce().catch((error: unknown) => error);
    expect(gap).toBeInstanceOf(SerialIdGapError);
    expect(gap).toMatchObject({ code: "ETH_WATCH_SERIAL_ID_GAP", expected: base, received: base + 1n });
    expect(behind.store.savedBatches).toEqual([]);
    expect(behind.store.cursor?.blockNumber).toBe(firstBlock);
    // and it stays refused on retry (never skips)
    await expect(behind.watch.pollOnce()).rejects.toBeInstanceOf(SerialIdGapError);

    // missing ops with no event in the window: caught by the rollup's counter
    const missing = await freshWatcher({ confirmations }, { cursor: { blockNumber: secondBlock, blockHash: await hashOf(secondBlock) }, nextSerialId: base });
    await expect(missing.watch.pollOnce()).rejects.toMatchObject({ code: "ETH_WATCH_SERIAL_ID_GAP", expected: base });
    expect(missing.store.savedBatches).toEqual([]);

    // ahead: the store claims more ops than the L1 has
    const ahead = await freshWatcher({ confirmations }, { cursor: { blockNumber: before, blockHash: await hashOf(before) }, nextSerialId: base + 5n });
    await expect(ahead.watch.pollOnce()).rejects.toMatchObject({ code: "ETH_WATCH_STORE_AHEAD_OF_L1" });
    expect(ahead.store.savedBatches).toEqual([]);

    // the right store takes both
    const right = await freshWatcher({ confirmations }, { cursor: { blockNumber: before, blockHash: await hashOf(before) }, nextSerialId: base });
    await right.watch.pollOnce();
    expect(right.store.priorityOps.map((op) => op.serialId)).toEqual([base, base + 1n]);
  });

  it("picks up token listings and NFT factory registrations", async () => {
    const governor = await l1.contractSigner(0);
    const { watch, store } = await freshWatcher({ confirmations: 0 });
    const token = await new TestERC20__factory(governor).deploy("Fresh", "FRSH");
    await token.waitForDeployment();
    const tokenAddress = await token.getAddress();
    const governance = Governance__factory.connect(l1.deployment.contracts.governance, governor);
    const receipt = await (await governance.addToken(tokenAddress)).wait();
    const tokenId = Number(await governance.tokenIds(tokenAddress));

    const factory = await new TestCustomNFTFactory__factory(governor).deploy(l1.deployment.contracts.zkLite, l1.deployment.contracts.governance);
    await factory.waitForDeployment();
    const factoryAddress = await factory.getAddress();
    const creator = await l1.signer(3);
    const message =
      `\nCreator's account ID in zkSync: ${(77).toString(16).padStart(8, "0")}` +
      `\nCreator: ${creator.address.slice(2).toLowerCase()}` +
      `\nFactory: ${factoryAddress.slice(2).toLowerCase()}`;
    await (await factory.registerCreator(77, creator.address, await creator.signMessage(message))).wait();

    await watch.pollOnce();
    expect(store.tokens.get(tokenId)).toMatchObject({ tokenId, address: tokenAddress.toLowerCase(), l1BlockNumber: receipt!.blockNumber });
    expect(getAddress(store.tokens.get(tokenId)!.address)).toBe(tokenAddress);
    expect(store.nftFactories).toEqual([
      expect.objectContaining({ creatorAccountId: 77, creatorAddress: creator.address.toLowerCase(), factoryAddress: factoryAddress.toLowerCase() }),
    ]);
  });
});

describe("eth-watch when the L1 node is killed and comes back with a new chain", () => {
  it("backs off while it is down, then detects the lost chain (reorg + store ahead) instead of continuing", async () => {
    const node = await HardhatL1.start();
    try {
      const signer = await node.contractSigner(1);
      const zkLite = ZkLite__factory.connect(node.deployment.contracts.zkLite, signer);
      const store = new InMemoryEthWatchStore();
      const errors: Error[] = [];
      const reorgs: ReorgInfo[] = [];
      const watch = new EthWatch({
        config: {
          rpcUrl: node.url,
          chainId: node.chainId,
          rollupAddress: node.deployment.contracts.zkLite,
          governanceAddress: node.deployment.contracts.governance,
          startBlock: node.deployment.deployBlock,
          pollIntervalMs: 50,
          backoffInitialMs: 50,
          backoffMaxMs: 300,
          requestTimeoutMs: 2_000,
        },
        store,
        logger: pino({ level: "silent" }),
        registry: new Registry(),
        hooks: { onError: (error) => errors.push(error), onReorg: (info) => reorgs.push(info) },
      });
      watchers.push(watch);
      for (const amount of [1n, 2n]) await (await zkLite.depositETH(otherAddress, { value: amount })).wait();
      watch.start();
      await waitFor("two deposits", () => store.priorityOps.length === 2);

      await node.kill();
      await waitFor("errors while the node is down", () => errors.length >= 2);
      expect(errors.every((error) => (error as EthWatchError).code === "ETH_WATCH_L1_UNAVAILABLE")).toBe(true);

      await node.restart(); // same port, a new chain, the contracts deployed again (same addresses)
      expect(node.deployment.contracts.zkLite).toBe(watch.config.rollupAddress);
      await waitFor("the lost chain noticed", () => errors.some((error) => (error as EthWatchError).code === "ETH_WATCH_STORE_AHEAD_OF_L1"));
      expect(reorgs.length).toBeGreaterThanOrEqual(1);
      await watch.stop();
      expect(store.priorityOps.map((op) => op.serialId)).toEqual([0n, 1n]);
    } finally {
      await node.stop();
    }
  });
});
