// The local L1 of `npm start`: Hardhat's JSON-RPC node on 127.0.0.1 (in this process), the contracts deployed on
// it, addresses printed and written to deployments/devnet.json (or ZKLITE_DEPLOYMENT_FILE). Runs until stopped.
//
//   npm run devnet -w @zklite/contracts
//   env: ZKLITE_L1_PORT (8545), ZKLITE_GENESIS_ROOT, ZKLITE_DEPLOY_CONFIG (config/devnet.json), ZKLITE_DEPLOYMENT_FILE,
//        ZKLITE_L1_LOG=1 (log every RPC call)
import path from "node:path";

import hre from "hardhat";
import { TASK_NODE } from "hardhat/builtin-tasks/task-names";

import { DEFAULT_CONFIG_FILE, DEFAULT_DEPLOYMENT_FILE, deployFromConfig, describeDeployment } from "./deploy";

const HOST = "127.0.0.1";

async function rpcAnswers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
    });
    return response.ok;
  } catch {
    return false;
  }
}

async function waitForRpc(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await rpcAnswers(url))) {
    if (Date.now() > deadline) throw new Error(`no JSON-RPC answer from ${url} within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function main(): Promise<void> {
  const port = Number(process.env.ZKLITE_L1_PORT ?? 8545);
  const url = `http://${HOST}:${port}`;
  if (await rpcAnswers(url)) throw new Error(`something already answers JSON-RPC on ${url}; stop it or set ZKLITE_L1_PORT`);

  hre.run(TASK_NODE, { hostname: HOST, port }).catch((error: unknown) => {
    console.error("[devnet] the JSON-RPC node stopped:", error);
    process.exit(1);
  });
  await waitForRpc(url, 60_000);
  if (process.env.ZKLITE_L1_LOG !== "1") await hre.network.provider.send("hardhat_setLoggingEnabled", [false]);

  const outFile = path.resolve(process.env.ZKLITE_DEPLOYMENT_FILE ?? DEFAULT_DEPLOYMENT_FILE);
  const configFile = path.resolve(process.env.ZKLITE_DEPLOY_CONFIG ?? DEFAULT_CONFIG_FILE);
  const file = await deployFromConfig(url, configFile, outFile);
  console.log(describeDeployment(file, outFile));
  console.log(`[devnet] L1 running on ${url} (chain ${file.chainId}); Ctrl-C to stop`);
}

process.on("SIGINT", () => process.exit(0));
process.on("SIGTERM", () => process.exit(0));
// stop with the process that started us (npm, a supervisor), even if it could not pass a signal on
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) process.exit(0);
}, 1000).unref();
main().catch((error: unknown) => {
  console.error("[devnet]", error);
  process.exit(1);
});
