#!/usr/bin/env node
/**
 * `zklite-node`: the node core as one process (storage, eth-watch, mempool, state keeper, API), configured by
 * environment variables (README.md, "Configuration"). Stops cleanly on SIGINT/SIGTERM; after a crash, start it
 * again: it rebuilds from storage.
 */
import { isZkLiteError } from "@zklite/protocol";
import { loadConfig } from "../config/config.js";
import { ZkLiteNode } from "../node.js";

async function main(): Promise<void> {
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
