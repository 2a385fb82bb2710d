#!/usr/bin/env node
/**
 * `zklite-restore`: rebuilds the rollup state from L1 alone into a node's storage (data-restore/README.md).
 * Configured by the node's own environment variables, so `zklite-node` started with the same ones serves it.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { initPoseidon } from "@zklite/state";
import { isZkLiteError } from "@zklite/protocol";
import { loadConfig } from "../config/config.js";
import { restoreFromL1, type DataRestoreOptions, type RestoreMode, type RestoreProgress } from "../data-restore/data-restore.js";
import { PrismaRestoreStore, type PrismaRestoreStoreOptions } from "../data-restore/prisma-restore-store.js";
import { openDatabase } from "../storage/database.js";

const USAGE = `zklite-restore: rebuild the zkLite state from L1 alone (commit calldata, replayed and checked
against every block's committed state hash) into a node's storage.

usage: zklite-restore [--committed] [--until-block N] [--json] [--help]

  --committed       restore every block L1 holds committed (default: only executed blocks, the final state)
  --until-block N   stop after rollup block N (a later run carries on from there)
  --json            print the result as one JSON object on stdout

Configured by the node's environment variables (packages/node/README.md, "Configuration"):
  DATABASE_URL / ZKLITE_DATA_DIR   where to write (PostgreSQL, or PGlite; default ./.zklite/data)
  ZKLITE_L1_RPC_URL                any Ethereum JSON-RPC endpoint
  ZKLITE_DEPLOYMENT_FILE           the rollup's public deployment file (addresses, deploy block, genesis)
  ZKLITE_L1_CONFIRMATIONS          L1 blocks below the head to stop at
  ZKLITE_L1_MAX_LOG_RANGE          L1 blocks per eth_getLogs window
Interrupted, it resumes from the last block it stored. Exits 1 with a typed error (RESTORE_…) on a mismatch.
`;

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes("--help") || args.includes("-h")) {
    process.stdout.write(USAGE);
    return;
  }
  const untilIndex = args.indexOf("--until-block");
  const untilBlock = untilIndex < 0 ? undefined : Number(args[untilIndex + 1]);
  const unknown = args.find((arg, i) => arg !== "--committed" && arg !== "--json" && i !== untilIndex && i !== untilIndex + 1);
  if (unknown !== undefined || (untilBlock !== undefined && !(Number.isSafeInteger(untilBlock) && untilBlock >= 0))) {
    process.stderr.write(`zklite-restore: ${unknown === undefined ? `--until-block takes a block number, not ${args[untilIndex + 1]}` : `unknown argument ${unknown}`}\n\n${USAGE}`);
    process.exit(2);
  }
  const mode: RestoreMode = args.includes("--committed") ? "committed" : "executed";
  const config = loadConfig(process.env);
  const deployment = JSON.parse(readFileSync(resolve(config.ZKLITE_DEPLOYMENT_FILE), "utf8")) as DataRestoreOptions["deployment"] & { chainId: string; tokens: PrismaRestoreStoreOptions["knownTokens"] };
  await initPoseidon();
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.ZKLITE_DATA_DIR });
  try {
    const store = new PrismaRestoreStore(database.prisma, { rpcUrl: config.ZKLITE_L1_RPC_URL, chainId: Number(deployment.chainId), knownTokens: deployment.tokens });
    const result = await restoreFromL1(
      {
        rpcUrl: config.ZKLITE_L1_RPC_URL,
        chainId: Number(deployment.chainId),
        deployment,
        depths: { accountTreeDepth: config.ZKLITE_ACCOUNT_TREE_DEPTH, balanceTreeDepth: config.ZKLITE_BALANCE_TREE_DEPTH },
        mode,
        untilBlock,
        confirmations: config.ZKLITE_L1_CONFIRMATIONS,
        windowBlocks: config.ZKLITE_L1_MAX_LOG_RANGE,
        requestTimeoutMs: 30_000,
        onProgress: progressBar(),
      },
      store,
    ).finally(() => store.close());
    process.stderr.write("\n");
    if (args.includes("--json")) process.stdout.write(`${JSON.stringify(result)}\n`);
    else {
      process.stdout.write(
        `restored ${mode} blocks up to ${result.lastBlock} (L1 has ${result.l1Committed} committed, ${result.l1Executed} executed, read to L1 block ${result.l1Block}); ` +
          `state root ${result.stateRoot}; this run replayed ${result.blocksReplayed} blocks, ${result.operationsReplayed} operations in ${result.replaySeconds.toFixed(1)} s\n`,
      );
    }
  } finally {
    await database.close();
  }
}

/** One line on stderr, rewritten in place on a terminal; one line per 5 % otherwise. */
function progressBar(): (progress: RestoreProgress) => void {
  const tty = process.stderr.isTTY === true;
  let lastShare = -1;
  return (progress) => {
    const [done, total, label] =
      progress.phase === "scan"
        ? [progress.l1Block - progress.l1FromBlock + 1, progress.l1ToBlock - progress.l1FromBlock + 1, `L1 blocks ${progress.l1Block}/${progress.l1ToBlock}, ${progress.committed} committed, ${progress.executed} executed`]
        : [progress.block - progress.firstBlock + 1, progress.targetBlock - progress.firstBlock + 1, `block ${progress.block}/${progress.targetBlock}, ${progress.operations} operations`];
    const share = total <= 0 ? 1 : done / total;
    const bar = "#".repeat(Math.round(share * 24)).padEnd(24, "-");
    const line = `[zklite-restore] ${progress.phase.padEnd(6)} [${bar}] ${label}`;
    if (tty) process.stderr.write(`\r${line}\x1b[K`);
    else if (Math.floor(share * 20) !== lastShare || share === 1) process.stderr.write(`${line}\n`);
    lastShare = Math.floor(share * 20);
  };
}

main().catch((error: unknown) => {
  const message = isZkLiteError(error) ? `${error.code}: ${error.message}` : error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`\nzklite-restore failed: ${message}\n`);
  process.exit(1);
});
