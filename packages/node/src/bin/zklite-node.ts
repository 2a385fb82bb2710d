#!/usr/bin/env node
/**
 * `zklite-node`: the node core as one process (storage, eth-watch, mempool, state keeper, API), configured by
 * environment variables (README.md, "Configuration"). Stops cleanly on SIGINT/SIGTERM; after a crash, start it
 * again: it rebuilds from storage.
 */
import { isZkLiteError } from "@zklite/protocol";
import { loadConfig } from "../config/config.js";
import { ZkLiteNode } from "../node.js";

const USAGE = `zklite-node: the zkLite node — storage, eth-watch, mempool, state keeper, witness generator, prover API,
eth-sender and the tRPC API in one process.

usage: zklite-node [--help]

Configured by environment variables (packages/node/README.md, "Configuration"), e.g.
  DATABASE_URL            PostgreSQL; absent: embedded PGlite in ZKLITE_DATA_DIR (default ./.zklite/data)
  ZKLITE_L1_RPC_URL       the L1 JSON-RPC endpoint (default http://127.0.0.1:8545)
  ZKLITE_DEPLOYMENT_FILE  the contracts' deployment file (default contracts/deployments/devnet.json)
  ZKLITE_KEY_SET          key-set manifest: blocks are witnessed and proofs verified with it
  ZKLITE_PROVER_SECRET    enables the prover API for zklite-prover-worker processes
  ZKLITE_API_PORT         the API's port on ZKLITE_API_HOST (default 127.0.0.1:3030)
  ZKLITE_SERVICES         what this process runs: core, witness, eth-sender (default all; split across
                          processes, they share one PostgreSQL)
Exits 70 on an unrecoverable error (restart it: it rebuilds from storage), 1 if it cannot start.
`;

async function main(): Promise<void> {
  if (process.argv.includes("--help") || process.argv.includes("-h")) {
    process.stdout.write(USAGE);
    return;
  }
  const unknown = process.argv.slice(2);
  if (unknown.length > 0) {
    process.stderr.write(`zklite-node: unknown argument ${unknown[0]}\n\n${USAGE}`);
    process.exit(2);
  }
  const node = new ZkLiteNode(loadConfig(process.env), {
    // memory may be ahead of storage: exit, and let the restart rebuild from what was stored
    onFatal: () => process.exit(70),
  });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    node.logger.info({ signal }, "stopping");
    node.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        node.logger.error({ err: error }, "stop failed");
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
  await node.start();
}

main().catch((error: unknown) => {
  const message = isZkLiteError(error) ? `${error.code}: ${error.message}` : error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`zklite-node failed to start: ${message}\n`);
  process.exit(1);
});
