#!/usr/bin/env node
/** `zklite-prover-worker`: one prover worker process (src/worker/README.md). `--help` for the options. */
import { isZkLiteError } from "@zklite/crypto-wasm";
import { defaultEngine } from "../engines/index.js";
import { loadKeySet } from "../key-set/key-set.js";
import { parseWorkerArgs, USAGE } from "../worker/args.js";
import { NodeClient, zkLiteCodeOfCall } from "../worker/node-client.js";
import { plainProgress, ttyProgress } from "../worker/progress.js";
import { ProverWorker } from "../worker/prover-worker.js";

async function main(): Promise<number> {
  const args = parseWorkerArgs(process.argv.slice(2));
  if ("help" in args) {
    process.stdout.write(USAGE);
    return 0;
  }
  const keySet = loadKeySet(args.keySet, "prove");
  const started: { worker?: ProverWorker } = {};
  const progress = process.stdout.isTTY ? ttyProgress(args.name, process.stdout, () => started.worker?.proved ?? 0) : plainProgress(args.name, (line) => process.stdout.write(`${line}\n`));
  const engine = defaultEngine((message) => progress.log(message));
  const client = new NodeClient({ url: args.node, secret: args.secret, name: args.name });
  const worker = new ProverWorker({ client, keySet, engine, progress, pollMs: args.pollMs, holdMs: args.holdMs });
  started.worker = worker;
  progress.log(`started: node ${args.node}, block sizes ${keySet.chunkSizes.join(", ")}, engine ${engine.name}`);

  let stopping: Promise<number> | undefined;
  const stop = (signal: string) => {
    stopping ??= (async () => {
      progress.log(`${signal}: stopping`);
      await worker.stop();
      progress.log("stopped; the node has my jobs back");
      return 0;
    })();
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
  try {
    await worker.start();
  } catch (error) {
    progress.close();
    const code = zkLiteCodeOfCall(error);
    process.stderr.write(`zklite-prover-worker: ${code === null ? "" : `${code}: `}${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  const status = await (stopping ?? Promise.resolve(0));
  progress.close();
  return status;
}

main().then(
  (status) => process.exit(status),
  (error: unknown) => {
    const message = isZkLiteError(error) ? `${error.code}: ${error.message}` : error instanceof Error ? error.message : String(error);
    process.stderr.write(`zklite-prover-worker: ${message}\n`);
    process.exit(2);
  },
);
