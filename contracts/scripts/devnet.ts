// The local L1 of `npm start`: a Hardhat node on 127.0.0.1, the contracts deployed on it, addresses printed and
// written to deployments/devnet.json (or ZKLITE_DEPLOYMENT_FILE). Runs until Ctrl-C.
//
//   npm run devnet -w @zklite/contracts        env: ZKLITE_L1_PORT (8545), ZKLITE_GENESIS_ROOT, ZKLITE_DEPLOYMENT_FILE
import { spawn } from "node:child_process";
import path from "node:path";

import { JsonRpcProvider } from "ethers";

import { DEFAULT_CONFIG_FILE, DEFAULT_DEPLOYMENT_FILE, PACKAGE_ROOT, deployFromConfig, describeDeployment } from "./deploy";

const HOST = "127.0.0.1";

async function waitForRpc(url: string, timeoutMs: number): Promise<void> {
  const provider = new JsonRpcProvider(url, undefined, { staticNetwork: true });
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      try {
        await provider.send("eth_chainId", []);
        return;
      } catch (error) {
        if (Date.now() > deadline) throw new Error(`no JSON-RPC answer from ${url} within ${timeoutMs / 1000} s`, { cause: error });
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  } finally {
    provider.destroy();
  }
}

async function portTaken(url: string): Promise<boolean> {
  try {
    await waitForRpc(url, 0);
    return true;
  } catch {
    return false;
  }
}

async function main(): Promise<void> {
  const port = Number(process.env.ZKLITE_L1_PORT ?? 8545);
  const url = `http://${HOST}:${port}`;
  if (await portTaken(url)) throw new Error(`something already answers JSON-RPC on ${url}; stop it or set ZKLITE_L1_PORT`);

  const hardhat = require.resolve("hardhat/internal/cli/cli.js");
  const node = spawn(process.execPath, [hardhat, "node", "--hostname", HOST, "--port", String(port)], {
    cwd: PACKAGE_ROOT,
    env: { ...process.env, HARDHAT_DISABLE_TELEMETRY_PROMPT: "true" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  let stopping = false;
  const stop = (code: number) => {
    stopping = true;
    node.kill("SIGTERM");
    process.exit(code);
  };
  node.on("exit", (code) => {
    if (!stopping) {
      console.error(`[devnet] hardhat node exited (${code ?? "signal"})`);
      process.exit(code ?? 1);
    }
  });
  process.on("SIGINT", () => stop(0));
  process.on("SIGTERM", () => stop(0));

  try {
    await waitForRpc(url, 60_000);
    const outFile = path.resolve(process.env.ZKLITE_DEPLOYMENT_FILE ?? DEFAULT_DEPLOYMENT_FILE);
    const file = await deployFromConfig(url, DEFAULT_CONFIG_FILE, outFile);
    console.log(describeDeployment(file, outFile));
    console.log(`[devnet] L1 running on ${url} (chain ${file.chainId}); Ctrl-C to stop`);
  } catch (error) {
    console.error("[devnet] deployment failed:", error);
    stop(1);
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
