/**
 * Data restore as a process (`zklite-restore`) against a real L1 that a real node filled through SDK wallets with
 * every operation type (ETH and ERC-20 deposits, keys by ECDSA and EIP-712, transfers to old and new accounts, an
 * NFT minted and withdrawn, a swap, a forced exit, a withdrawal, a full exit) in blocks committed, proven and
 * executed by the node's eth-sender, then a revert of committed blocks and their re-commit. The restore reads L1 alone and must reach the
 * node's roots and accounts (executed-only into PGlite, committed into PostgreSQL); killed and run again it gets the
 * same; a node started on the restored storage serves the same accounts.
 */
import { execSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZkLite__factory } from "@zklite/contracts";
import { Provider, tokenRatio, Wallet, type ETHOperation, type Transaction } from "@zklite/sdk";
import { hexlify, parseEther, randomBytes, Wallet as EthersWallet } from "ethers";
import { L1OperationRepository } from "../storage/l1-operation-repository.js";
import { openDatabase, type Database } from "../storage/database.js";
import type { PrismaClient } from "../storage/generated/client.js";
import { TEST_NODE_ENV } from "../testing/devnet.js";
import { proveStoredBlocks, releaseSnarkjs, startEchoDevnet, type EchoDevnet } from "../testing/echo-devnet.js";
import { waitForAllSealed, waitForL1Status } from "../testing/echo-users.js";
import { NodeProcess } from "../testing/node-process.js";
import { createTestDatabase } from "../testing/postgres.js";
import { lastJsonLine } from "../testing/process-output.js";
import { waitFor } from "../testing/wait-for.js";
import type { RestoreResult } from "./data-restore.js";

const BIN = join(dirname(fileURLToPath(import.meta.url)), "../../dist/bin/zklite-restore.js");

let devnet: EchoDevnet;
let alice: Wallet;
let bob: Wallet;
let carol: Wallet;
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  devnet = await startEchoDevnet({ env: { ZKLITE_ETH_SENDER_DEADLINE_MS: "500", ZKLITE_ETH_SENDER_MAX_BLOCKS_PER_TX: "3" } });
  [alice, bob, carol] = (await Promise.all([1, 2, 3].map(async (i) => Wallet.fromEthSigner(await devnet.l1.signer(i), devnet.provider)))) as [Wallet, Wallet, Wallet];
}, 300_000);

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  await devnet?.close();
  await releaseSnarkjs();
});

/** Mines the L1 blocks the node's confirmation depth needs, then waits for the node to execute the operation. */
async function executedOnL2(op: ETHOperation): Promise<void> {
  await op.awaitEthereumTxCommit();
  await devnet.l1.mine(2);
  await op.awaitReceipt(60_000);
}

async function committed(tx: Transaction | Promise<Transaction>): Promise<void> {
  const receipt = await (await tx).awaitReceipt(60_000);
  expect(receipt.status, String(receipt.failReason)).toBe("committed");
}

const prisma = () => devnet.database.prisma;
const rollup = () => ZkLite__factory.connect(devnet.deployment.contracts.zkLite, devnet.l1.provider as never);

async function lastBlock(): Promise<number> {
  return (await prisma().block.aggregate({ _max: { number: true } }))._max.number ?? 0;
}


interface RestoreRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `zklite-restore` with `args` into `target`; `killWhen` may SIGKILL it on a line of its progress output. */
function runRestore(
  target: { dataDir: string } | { databaseUrl: string },
  args: readonly string[],
  killWhen?: (line: string) => boolean,
  extraEnv: Readonly<Record<string, string>> = {},
): Promise<RestoreRun> {
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    ...TEST_NODE_ENV,
    ZKLITE_L1_RPC_URL: devnet.l1.url,
    ZKLITE_DEPLOYMENT_FILE: devnet.node.deploymentFile,
    // small windows, so that the scan takes several eth_getLogs requests
    ZKLITE_L1_MAX_LOG_RANGE: "25",
    ...extraEnv,
  };
  delete env.DATABASE_URL;
  if ("dataDir" in target) env.ZKLITE_DATA_DIR = target.dataDir;
  else env.DATABASE_URL = target.databaseUrl;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      if (killWhen !== undefined && stderr.split("\n").some((line) => killWhen(line))) child.kill("SIGKILL");
    });
    child.once("error", reject);
    child.once("exit", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

function resultOf(run: RestoreRun): RestoreResult {
  if (run.code !== 0) throw new Error(`zklite-restore exited ${run.code ?? run.signal}:\n${run.stderr.slice(-3000)}`);
  return lastJsonLine<RestoreResult>(run.stdout, "zklite-restore");
}

async function withDatabase<T>(target: { dataDir: string } | { databaseUrl: string }, read: (prisma: PrismaClient) => Promise<T>): Promise<T> {
  const database: Database = await openDatabase("dataDir" in target ? { dataDir: target.dataDir } : { databaseUrl: target.databaseUrl, dataDir: "unused" });
  try {
    return await read(database.prisma);
  } finally {
    await database.close();
  }
}

/** Every account with its balances, and every NFT, as comparable rows. */
async function accountsOf(db: PrismaClient) {
  const accounts = await db.account.findMany({ orderBy: { id: "asc" }, select: { id: true, address: true, nonce: true, pubKeyHash: true } });
  const balances = await db.balance.findMany({ orderBy: [{ accountId: "asc" }, { tokenId: "asc" }] });
  return { accounts, balances: balances.map((b) => ({ accountId: b.accountId, tokenId: b.tokenId, amount: b.amount.toFixed() })) };
}

async function newDataDir(): Promise<{ dataDir: string }> {
  return { dataDir: join(mkdtempSync(join(tmpdir(), "zklite-restore-")), "data") };
}

async function newDatabase(): Promise<{ databaseUrl: string }> {
  const pg = await createTestDatabase();
  cleanups.push(pg.drop);
  return { databaseUrl: pg.url };
}

describe("data restore from L1 (zklite-restore)", () => {
  let executedUpTo = 0;
  let resolveRestoredExecuted: (target: { dataDir: string }) => void = () => undefined;
  const restoredExecuted = new Promise<{ dataDir: string }>((resolve) => (resolveRestoredExecuted = resolve));

  it("builds a history on L1: executed blocks with every operation type, then committed ones, a revert and a re-commit", async () => {
    await executedOnL2(await alice.depositToSyncFromEthereum({ depositTo: alice.address(), token: "ETH", amount: parseEther("5") }));
    await executedOnL2(await bob.depositToSyncFromEthereum({ depositTo: bob.address(), token: "ETH", amount: parseEther("2") }));
    await executedOnL2(await bob.depositToSyncFromEthereum({ depositTo: bob.address(), token: "DAI", amount: parseEther("1000"), approveDepositAmountForERC20: true }));
    await executedOnL2(await carol.depositToSyncFromEthereum({ depositTo: carol.address(), token: "ETH", amount: parseEther("1") }));
    await committed(alice.setSigningKey({ feeToken: "ETH", ethAuthType: "ECDSA" }));
    await committed(bob.setSigningKey({ feeToken: "DAI", ethAuthType: "EIP712" }));
    await committed(carol.setSigningKey({ feeToken: "ETH", ethAuthType: "ECDSA" }));
    await committed(alice.syncTransfer({ to: bob.address(), token: "ETH", amount: parseEther("0.25") }));
    await committed(alice.syncTransfer({ to: EthersWallet.createRandom().address, token: "ETH", amount: parseEther("0.1") })); // TransferToNew
    const contentHash = hexlify(randomBytes(32));
    await committed(alice.mintNFT({ recipient: alice.address(), contentHash, feeToken: "ETH" }));
    const nft = Object.values((await alice.getAccountState()).committed.nfts).find((token) => token.contentHash === contentHash);
    await committed(alice.withdrawNFT({ to: alice.address(), token: nft?.id as number, feeToken: "ETH" }));
    const orderA = await alice.signOrder({ tokenSell: "ETH", tokenBuy: "DAI", amount: parseEther("0.01"), ratio: tokenRatio({ ETH: 1, DAI: 1000 }) });
    const orderB = await bob.getOrder({ tokenSell: "DAI", tokenBuy: "ETH", amount: parseEther("10"), ratio: tokenRatio({ DAI: 1000, ETH: 1 }) });
    await committed(carol.syncSwap({ orders: [orderA, orderB], feeToken: "ETH" }));
    const erin = EthersWallet.createRandom();
    await committed(alice.syncTransfer({ to: erin.address, token: "ETH", amount: parseEther("0.2") }));
    await committed(alice.syncForcedExit({ target: erin.address, token: "ETH" }));
    await committed(bob.withdrawFromSyncToEthereum({ ethAddress: bob.address(), token: "ETH", amount: parseEther("0.5") }));
    await executedOnL2(await carol.emergencyWithdraw({ token: "ETH" })); // FullExit
    const kinds = new Set((await prisma().executedOperation.findMany({ where: { success: true }, select: { opType: true } })).map((row) => row.opType));
    for (const kind of ["Deposit", "ChangePubKey", "Transfer", "TransferToNew", "MintNFT", "WithdrawNFT", "Swap", "ForcedExit", "Withdraw", "FullExit"]) expect(kinds).toContain(kind);

    // a few dozen blocks: transfers in blocks of their own
    for (let i = 0; i < 24; i++) {
      const before = await lastBlock();
      await committed((i % 2 === 0 ? alice : bob).syncTransfer({ to: (i % 2 === 0 ? bob : alice).address(), token: "ETH", amount: BigInt(1 + i) * 10n ** 12n }));
      await waitForAllSealed(devnet, before + 1);
    }
    const proven = await waitForAllSealed(devnet);
    expect(proven).toBeGreaterThanOrEqual(30);
    await waitForL1Status(devnet, proven, "committedAt");
    await proveStoredBlocks(devnet, proven);
    await waitForL1Status(devnet, proven, "executedAt", 120_000);
    executedUpTo = proven;

    // blocks committed, then reverted on the operator's request: the node rewinds and commits their transactions again
    await committed(bob.syncTransfer({ to: alice.address(), token: "DAI", amount: parseEther("1") }));
    const from = proven + 1;
    await waitForL1Status(devnet, await waitForAllSealed(devnet, from), "committedAt");
    await new L1OperationRepository(prisma()).requestRevert(from, Number(await rollup().totalBlocksCommitted()));
    await waitFor(async () => (await prisma().l1Operation.findFirst({ where: { kind: "revert", status: "applied" } })) ?? undefined, 60_000, "the revert to be applied");
    // the node applies the revert while it restarts in place: its API answers again once it is up
    await waitFor(async () => ((await fetch(`${devnet.node.url}/health`).then((response) => response.ok, () => false)) ? true : undefined), 60_000, "the node to be back after its rewind");
    await committed(alice.syncTransfer({ to: bob.address(), token: "ETH", amount: parseEther("0.01") }));
    await waitForL1Status(devnet, await waitForAllSealed(devnet, from), "committedAt");
    await devnet.l1.mine(3);

    const logs = await devnet.l1.provider.getLogs({ address: devnet.deployment.contracts.zkLite, fromBlock: 0 });
    const reverts = logs.filter((log) => rollup().interface.parseLog(log)?.name === "BlocksRevert");
    expect(reverts.length).toBe(1);
    expect(Number(await rollup().totalBlocksExecuted())).toBe(executedUpTo);
    expect(Number(await rollup().totalBlocksCommitted())).toBeGreaterThan(executedUpTo);
    console.log(`[data-restore] L1 history: ${executedUpTo} blocks executed, ${Number(await rollup().totalBlocksCommitted())} committed, ${kinds.size} operation types`);
  }, 400_000);

  it("restores the executed blocks into PGlite: the node's root at the last executed block; interrupted, it resumes to the same", async () => {
    const target = await newDataDir();
    const partial = resultOf(await runRestore(target, ["--json", "--until-block", "2"]));
    expect(partial.lastBlock).toBe(2);
    expect(partial.blocksReplayed).toBe(2);

    const resumed = resultOf(await runRestore(target, ["--json"]));
    expect(resumed.mode).toBe("executed");
    expect(resumed.lastBlock).toBe(executedUpTo);
    expect(resumed.blocksReplayed).toBe(executedUpTo - 2);
    const nodeBlock = await prisma().block.findUniqueOrThrow({ where: { number: executedUpTo } });
    expect(resumed.stateRoot).toBe(nodeBlock.newStateRoot);

    resolveRestoredExecuted(target);
    const fresh = resultOf(await runRestore(await newDataDir(), ["--json"]));
    expect(fresh).toMatchObject({ lastBlock: resumed.lastBlock, stateRoot: resumed.stateRoot, blocksReplayed: executedUpTo });
    const stored = await withDatabase(target, async (db) => ({
      blocks: await db.block.findMany({ orderBy: { number: "asc" }, select: { number: true, newStateRoot: true, commitment: true, executeTxHash: true } }),
      priorityOps: await db.priorityOperation.findMany({ orderBy: { serialId: "asc" }, select: { serialId: true, executedInBlock: true } }),
    }));
    const nodeBlocks = await prisma().block.findMany({ where: { number: { lte: executedUpTo } }, orderBy: { number: "asc" }, select: { number: true, newStateRoot: true, commitment: true, executeTxHash: true } });
    expect(stored.blocks).toEqual(nodeBlocks);
    const nodePriorityOps = await prisma().priorityOperation.findMany({ orderBy: { serialId: "asc" }, select: { serialId: true, executedInBlock: true } });
    expect(stored.priorityOps).toEqual(nodePriorityOps);
  }, 240_000);

  it("restores the executed blocks in headless Chromium into memory (no database): the same root and accounts", async () => {
    execSync(`node ${join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "..", "scripts", "ensure-chromium.mjs")}`, { stdio: "inherit" });
    const entry = join(dirname(fileURLToPath(import.meta.url)), "..", "testing", "browser-restore-entry.ts");
    const bundle = (await build({ entryPoints: [entry], bundle: true, platform: "browser", format: "iife", target: "es2022", write: false, logLevel: "warning" })).outputFiles[0]?.text as string;
    const browser = await chromium.launch({
      executablePath: process.env.ZKLITE_CHROMIUM ?? "/usr/bin/chromium",
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(String(error)));
      // a page on the L1's origin: the restore's JSON-RPC requests are same-origin
      await page.goto(devnet.l1.url).catch(() => undefined);
      await page.addScriptTag({ content: bundle });
      const deployment = JSON.parse(readFileSync(devnet.node.deploymentFile, "utf8")) as Record<string, unknown>;
      const options = { rpcUrl: devnet.l1.url, chainId: 31337, deployment, depths: { accountTreeDepth: 24, balanceTreeDepth: 32 }, mode: "executed", confirmations: 1, windowBlocks: 25, requestTimeoutMs: 30_000 };
      type Restored = { result: RestoreResult; accounts: { id: number; address: string; nonce: number; pubKeyHash: string; balances: [number, string][] }[]; blocks: number; priorityOps: number };
      const restored = await page.evaluate((o) => (globalThis as unknown as { zkliteRestore(options: unknown): Promise<unknown> }).zkliteRestore(o), options) as Restored;
      expect(errors).toEqual([]);
      expect(restored.result).toMatchObject({ lastBlock: executedUpTo, blocksReplayed: executedUpTo });
      expect(restored.blocks).toBe(executedUpTo);
      const nodeBlock = await prisma().block.findUniqueOrThrow({ where: { number: executedUpTo } });
      expect(restored.result.stateRoot).toBe(nodeBlock.newStateRoot);
      // the same accounts as the PGlite restore of the same blocks
      const inPglite = await withDatabase(await restoredExecuted, accountsOf);
      expect(restored.accounts.map(({ id, address, nonce, pubKeyHash }) => ({ id, address, nonce: BigInt(nonce), pubKeyHash }))).toEqual(inPglite.accounts);
      const balances = restored.accounts.flatMap((account) => account.balances.map(([tokenId, amount]) => ({ accountId: account.id, tokenId, amount }))).sort((a, b) => a.accountId - b.accountId || a.tokenId - b.tokenId);
      expect(balances).toEqual(inPglite.balances);
    } finally {
      await browser.close();
    }
  }, 240_000);

  it("restores every committed block into PostgreSQL, killed -9 midway and run again: the node's accounts; a node started on it serves them", async () => {
    const target = await newDatabase();
    // killed as soon as it reports its first block stored: the blocks after it take many more L1 reads and writes
    const killed = await runRestore(target, ["--json", "--committed"], (line) => line.includes("replay") && line.includes("block 1/"));
    expect(killed.signal).toBe("SIGKILL");
    const afterKill = await withDatabase(target, (db) => db.block.count());
    const last = await lastBlock();
    expect(afterKill).toBeGreaterThanOrEqual(1);
    expect(afterKill).toBeLessThan(last);

    const result = resultOf(await runRestore(target, ["--json", "--committed"]));
    expect(result).toMatchObject({ mode: "committed", lastBlock: last, l1Committed: last, blocksReplayed: last - afterKill });
    const nodeLast = await prisma().block.findUniqueOrThrow({ where: { number: last } });
    expect(result.stateRoot).toBe(nodeLast.newStateRoot);
    const restored = await withDatabase(target, accountsOf);
    expect(restored).toEqual(await accountsOf(prisma()));

    // a node on the restored storage (no eth-sender: the devnet's node stays the operator) serves the same state
    const replica = await NodeProcess.start({ l1Url: devnet.l1.url, deployment: devnet.deployment, databaseUrl: target.databaseUrl, env: { ...TEST_NODE_ENV } });
    cleanups.push(() => replica.stop());
    const replicaProvider = Provider.newHttpProvider(replica.url);
    for (const wallet of [alice, bob, carol]) {
      const [original, copy] = await Promise.all([devnet.provider.getState(wallet.address()), replicaProvider.getState(wallet.address())]);
      expect(copy.committed).toEqual(original.committed);
      expect(copy.id).toBe(original.id);
    }
  }, 240_000);

  it("refuses a genesis that is not the rollup's, and storage holding a node's own uncommitted block, before writing anything", async () => {
    const deployment = JSON.parse(readFileSync(devnet.node.deploymentFile, "utf8")) as { deployer: string };
    const wrongFile = join(mkdtempSync(join(tmpdir(), "zklite-restore-")), "deployment.json");
    writeFileSync(wrongFile, JSON.stringify({ ...deployment, deployer: "0x00000000000000000000000000000000000fee00" }));
    const target = await newDataDir();
    const run = await runRestore(target, ["--json"], undefined, { ZKLITE_DEPLOYMENT_FILE: wrongFile });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("RESTORE_CHAIN_MISMATCH");
    expect(await withDatabase(target, (db) => db.block.count())).toBe(0);

    const own = await newDatabase();
    resultOf(await runRestore(own, ["--json", "--until-block", "1"]));
    await withDatabase(own, (db) => db.block.update({ where: { number: 1 }, data: { commitTxHash: null, committedAt: null } }));
    const refused = await runRestore(own, ["--json"]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("RESTORE_STORAGE_CONFLICT");
    expect(await withDatabase(own, (db) => db.block.count())).toBe(1);
  }, 120_000);
});
