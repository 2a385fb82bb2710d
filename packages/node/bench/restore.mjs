// Data restore from a local L1 (run `npm run build` first). One JSON object per line:
//   restore.seconds        `zklite-restore --committed` as a process, start to exit, of BENCH_RESTORE_TRANSFERS transfers
//                          (default 10,000) that the node committed on a Hardhat L1 (goal: under 60 s)
//   restore.blocks_per_s   blocks restored per second of that run
//   restore.ops_per_s      operations (transfers, deposits, key changes) replayed per second
// The history: the echo devnet (contracts with dev-echo verifiers; only commits matter here), the node sealing
// 512-chunk blocks (256 transfers), BENCH_RESTORE_USERS users (default 100) funded by deposits, every block committed
// by the eth-sender. The restore writes into a new PGlite data directory, reading L1 in windows of 2,000 blocks.
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { startEchoDevnet } from "../dist/testing/echo-devnet.js";
import { fundedUsers, waitForL1Status } from "../dist/testing/echo-users.js";
import { TEST_NODE_ENV } from "../dist/testing/devnet.js";
import { lastJsonLine } from "../dist/testing/process-output.js";
import { presign, settled, submit } from "./load.mjs";

const TRANSFERS = Number(process.env.BENCH_RESTORE_TRANSFERS ?? 10_000);
const USERS = Number(process.env.BENCH_RESTORE_USERS ?? 100);
const BIN = join(dirname(fileURLToPath(import.meta.url)), "../dist/bin/zklite-restore.js");
const print = (bench, value, unit, extra = {}) => console.log(JSON.stringify({ bench, value: Number(Number(value).toPrecision(4)), unit, ...extra }));
const log = (...args) => console.error("[bench]", ...args);

log(`restore: a history of ${TRANSFERS} transfers among ${USERS} users`);
const devnet = await startEchoDevnet({
  env: { ZKLITE_LOG_LEVEL: "warn", ZKLITE_BLOCK_CHUNK_SIZES: "10,32,512", ZKLITE_MINIBLOCK_INTERVAL_MS: "100", ZKLITE_MINIBLOCK_ITERATIONS: "10", ZKLITE_ETH_SENDER_MAX_BLOCKS_PER_TX: "4" },
});
try {
  const funded = await fundedUsers(devnet, USERS, 10n ** 19n);
  const users = funded.map((f) => f.user);
  const fee = BigInt((await devnet.provider.getTransactionFee("Transfer", users[1].address, "ETH")).totalFee);
  const perUser = Math.ceil(TRANSFERS / USERS);
  const bodies = await presign(users, funded.map((f) => f.id), perUser, 1, fee);
  const base = (await devnet.provider.getNetworkStatus()).totalTransactions;
  let next = 0;
  await Promise.all(Array.from({ length: 32 }, async () => {
    while (next < bodies.length) await submit(devnet.node.url, bodies[next++]);
  }));
  const status = await settled(devnet.provider, base + bodies.length, 900_000);
  await waitForL1Status(devnet, status.lastSealedBlock, "committedAt", 900_000);
  await devnet.l1.mine(2);
  log(`restore: ${status.lastSealedBlock} blocks committed; restoring`);

  const env = {
    ...process.env,
    ...TEST_NODE_ENV,
    ZKLITE_L1_RPC_URL: devnet.l1.url,
    ZKLITE_DEPLOYMENT_FILE: devnet.node.deploymentFile,
    ZKLITE_DATA_DIR: join(mkdtempSync(join(tmpdir(), "zklite-restore-bench-")), "data"),
  };
  delete env.DATABASE_URL;
  const started = performance.now();
  const output = await new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, "--committed", "--json"], { env, stdio: ["ignore", "pipe", "inherit"] });
    let stdout = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.once("error", reject);
    child.once("exit", (code) => (code === 0 ? resolve(stdout) : reject(new Error(`zklite-restore exited ${code}`))));
  });
  const seconds = (performance.now() - started) / 1000;
  const result = lastJsonLine(output, "zklite-restore");
  if (result.lastBlock !== status.lastSealedBlock) throw new Error(`restored ${result.lastBlock} blocks, the node sealed ${status.lastSealedBlock}`);
  const extra = { blocks: result.blocksReplayed, operations: result.operationsReplayed, replaySeconds: Number(result.replaySeconds.toFixed(1)) };
  print("restore.seconds", seconds, "s", { ...extra, transfers: bodies.length, goal: "< 60 for 10,000 transfers" });
  print("restore.blocks_per_s", result.blocksReplayed / seconds, "blocks/s", extra);
  print("restore.ops_per_s", result.operationsReplayed / seconds, "ops/s", extra);
} finally {
  await devnet.close();
}
