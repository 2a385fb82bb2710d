// Benchmarks of the node core as a process on a real Hardhat L1 (run `npm run build` first). One JSON object per line:
//   node.ingest_tps            transfers/s from the first HTTP submission (signatures verified, persisted) until all are
//                              executed in sealed, stored blocks; BENCH_INGEST_S seconds of load (default 60) at full speed
//   node.submit_p99_ms         p99 latency of a submission at BENCH_OFFERED_TPS offered (default 500) for BENCH_LATENCY_S s
//   node.account_read_p99_ms   p99 latency of account reads (20/s) during that load
//   node.restart_s             stop → API answering again, with BENCH_ACCOUNTS accounts stored (default 100,000)
//   node.rss_per_100k_accounts_mb  resident memory added by those accounts
// BENCH_BACKENDS=pglite,postgres (default both). `-- --only core|loop|restore` runs one part (loop: bench/loop.mjs, restore: bench/restore.mjs). The load is pre-signed before the timed window, on worker threads;
// the load generator runs on the same machine (2 cores here).
import { readFileSync } from "node:fs";
import { Wallet } from "ethers";
import { fundUsers, startDevnet } from "../dist/testing/devnet.js";
import { TestUser } from "../dist/testing/test-user.js";
import { presign, settled, submit } from "./load.mjs";
import { seedAccounts } from "./seed-accounts.mjs";

const env = (name, fallback) => Number(process.env[name] ?? fallback);
const INGEST_S = env("BENCH_INGEST_S", 60);
const TARGET_TPS = env("BENCH_TARGET_TPS", 1000);
const OFFERED_TPS = env("BENCH_OFFERED_TPS", 500);
const LATENCY_S = env("BENCH_LATENCY_S", 20);
const ACCOUNTS = env("BENCH_ACCOUNTS", 100_000);
const USERS = env("BENCH_USERS", 100);
const BACKENDS = (process.env.BENCH_BACKENDS ?? "pglite,postgres").split(",");
const print = (bench, value, unit, extra = {}) => console.log(JSON.stringify({ bench, value: Number(Number(value).toPrecision(4)), unit, ...extra }));
const log = (...args) => console.error("[bench]", ...args);
const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

function rssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)[1]) / 1024;
}

async function benchBackend(backend) {
  log(`${backend}: starting L1 and node`);
  const devnet = await startDevnet({
    backend,
    env: { ZKLITE_LOG_LEVEL: "warn", ZKLITE_BLOCK_CHUNK_SIZES: "8,32,128,512", ZKLITE_MINIBLOCK_INTERVAL_MS: "100", ZKLITE_MINIBLOCK_ITERATIONS: "10", ZKLITE_L1_CONFIRMATIONS: "0" },
  });
  try {
    const { provider, node } = devnet;
    const users = await Promise.all(Array.from({ length: USERS }, () => TestUser.create(Wallet.createRandom().privateKey)));
    const ids = await fundUsers(devnet, users, 10n ** 19n);
    const fee = BigInt((await provider.getTransactionFee("Transfer", users[1].address, "ETH")).totalFee);
    const ingestCount = Math.ceil((INGEST_S * TARGET_TPS) / USERS) * USERS;
    const latencyCount = Math.ceil((LATENCY_S * OFFERED_TPS) / USERS) * USERS;
    log(`${backend}: pre-signing ${ingestCount + latencyCount} transfers`);
    const ingest = await presign(users, ids, ingestCount / USERS, 1, fee);
    const offered = await presign(users, ids, latencyCount / USERS, 1 + ingestCount / USERS, fee);
    const base = (await provider.getNetworkStatus()).totalTransactions;

    log(`${backend}: ingest, ${ingest.length} transfers at full speed`);
    const started = performance.now();
    let next = 0;
    await Promise.all(Array.from({ length: 64 }, async () => {
      while (next < ingest.length) await submit(node.url, ingest[next++]);
    }));
    const submittedMs = performance.now() - started;
    await settled(provider, base + ingest.length, 600_000);
    const elapsed = (performance.now() - started) / 1000;
    print("node.ingest_tps", ingest.length / elapsed, "tx/s", { backend, transfers: ingest.length, seconds: Number(elapsed.toFixed(1)), submitOnlyTps: Math.round(ingest.length / (submittedMs / 1000)), goal: ">= 1000" });

    log(`${backend}: latency at ${OFFERED_TPS} tx/s offered for ${LATENCY_S} s`);
    const latencies = [];
    const reads = [];
    const t0 = performance.now();
    let reading = true;
    const reader = (async () => {
      let i = 0;
      while (reading) {
        const readStarted = performance.now();
        await provider.getState(users[i++ % users.length].address);
        reads.push(performance.now() - readStarted);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
    await Promise.all(offered.map(async (body, i) => {
      const due = t0 + (i * 1000) / OFFERED_TPS;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      latencies.push(await submit(node.url, body));
    }));
    reading = false;
    await reader;
    print("node.submit_p99_ms", percentile(latencies, 99), "ms", { backend, offeredTps: OFFERED_TPS, p50: Number(percentile(latencies, 50).toFixed(2)), samples: latencies.length, goal: "<= 50" });
    print("node.account_read_p99_ms", percentile(reads, 99), "ms", { backend, p50: Number(percentile(reads, 50).toFixed(2)), samples: reads.length, goal: "<= 20" });
    await settled(provider, base + ingest.length + offered.length, 600_000);

    log(`${backend}: restart with ${ACCOUNTS} accounts`);
    const rssBefore = rssMb(node.pid);
    await node.stop();
    await seedAccounts(backend === "postgres" ? node.databaseUrl : undefined, node.dataDir, ACCOUNTS);
    const restartStarted = performance.now();
    await node.restart(600_000);
    const restartS = (performance.now() - restartStarted) / 1000;
    print("node.restart_s", restartS, "s", { backend, accounts: ACCOUNTS + USERS + 2, goal: "<= 10" });
    await new Promise((resolve) => setTimeout(resolve, 2000));
    print("node.rss_per_100k_accounts_mb", ((rssMb(node.pid) - rssBefore) * 100_000) / ACCOUNTS, "MB", { backend, rssBeforeMb: Math.round(rssBefore), rssAfterMb: Math.round(rssMb(node.pid)) });
  } finally {
    await devnet.close();
  }
}

// --only core | loop | restore (default: all; the loop's figures are in loop.mjs, data restore's in restore.mjs)
const only = process.argv.includes("--only") ? process.argv[process.argv.indexOf("--only") + 1] : "all";
if (only === "all" || only === "core") for (const backend of BACKENDS) await benchBackend(backend);
if (only === "all" || only === "loop") await import("./loop.mjs");
if (only === "all" || only === "restore") await import("./restore.mjs");
process.exit(0);
