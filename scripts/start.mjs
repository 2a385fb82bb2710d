// `npm start`: the whole zkLite devnet in one command, no external service.
//   1. builds every workspace;
//   2. builds (first run) or finds (cached) the INSECURE development keys of the devnet's circuits;
//   3. computes the genesis state root with @zklite/state (production tree depths, the operator as fee account);
//   4. runs the local L1 (a Hardhat node on 127.0.0.1) with the contracts deployed on it, verifying blocks and
//      exits with the Solidity verifiers of those keys;
//   5. runs the zkLite node against it (embedded PGlite, API on 127.0.0.1:3030) and one prover worker;
//   6. deposits ETH into a few dev accounts and prints how to connect.
// Stops everything on Ctrl-C. Settings: README.md, "npm start".
import { execSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { writeDevnetDeployConfig } from "./devnet/deploy-config.mjs";
import { ensureDevnetKeys } from "./devnet/dev-keys.mjs";
import { fundDevAccounts } from "./devnet/fund-accounts.mjs";

const startedAt = Date.now();
const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: "1", NEXT_TELEMETRY_DISABLED: "1", CHECKPOINT_DISABLE: "1" };
// Hardhat's first default account: the devnet's deployer, governor, validator and fee account.
const feeAccountAddress = process.env.ZKLITE_FEE_ACCOUNT_ADDRESS ?? "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";
/** 12 chunks: the smallest even size holding every operation (a FullExit is 11 chunks); README.md says why. */
const blockSizes = (process.env.ZKLITE_DEVNET_BLOCK_SIZES ?? "12").split(",").map(Number);
const devnetDir = join(root, ".zklite", "devnet");
const deploymentFile = join(root, "contracts", "deployments", "devnet.json");
const deployConfigFile = join(devnetDir, "deploy-config.json");
const keySetFile = join(devnetDir, "keys", "key-set.json");
// The devnet L1 starts empty every time, so the node's state of an earlier run belongs to another chain.
const dataDir = process.env.ZKLITE_DATA_DIR ?? join(devnetDir, "data");
const l1Port = process.env.ZKLITE_L1_PORT ?? "8545";
const l1Url = process.env.ZKLITE_L1_RPC_URL ?? `http://127.0.0.1:${l1Port}`;
const apiPort = process.env.ZKLITE_API_PORT ?? "3030";
const apiUrl = `http://127.0.0.1:${apiPort}`;
const proverSecret = process.env.ZKLITE_PROVER_SECRET ?? randomBytes(16).toString("hex");

console.log("[zklite] building all workspaces");
execSync("npx turbo run build --output-logs=errors-only", { cwd: root, stdio: "inherit", env });

const keys = await ensureDevnetKeys({ manifestPath: keySetFile, blockSizes, cwd: root });

const { RollupState, PRODUCTION_TREE_DEPTHS, initPoseidon } = await import("@zklite/state");
await initPoseidon();
const genesis = RollupState.genesis({ ...PRODUCTION_TREE_DEPTHS, feeAccountAddress });
const genesisRoot = "0x" + genesis.root.toString(16).padStart(64, "0");
console.log(`[zklite] genesis state root ${genesisRoot} (fee account ${feeAccountAddress})`);
mkdirSync(devnetDir, { recursive: true });
writeDevnetDeployConfig({ root, outFile: deployConfigFile, genesisRoot, keys });

rmSync(deploymentFile, { force: true });
if (process.env.ZKLITE_DATA_DIR === undefined) rmSync(dataDir, { recursive: true, force: true });
const children = [];
const stopAll = (signal) => {
  for (const child of children) if (child.exitCode === null) child.kill(signal);
};
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => stopAll(signal));
function supervise(name, child) {
  children.push(child);
  child.on("exit", (code, signal) => {
    console.error(`[zklite] the ${name} stopped (${code ?? signal})`);
    stopAll("SIGTERM");
    process.exit(code ?? 1);
  });
  return child;
}

supervise(
  "L1",
  spawn("npm", ["run", "devnet", "-w", "@zklite/contracts"], {
    cwd: root,
    stdio: "inherit",
    env: { ...env, ZKLITE_L1_PORT: l1Port, ZKLITE_GENESIS_ROOT: genesisRoot, ZKLITE_DEPLOY_CONFIG: deployConfigFile, ZKLITE_DEPLOYMENT_FILE: deploymentFile },
  }),
);
await waitFor(() => existsSync(deploymentFile), 180_000, "the devnet to deploy the contracts");

supervise(
  "node",
  spawn(process.execPath, [join(root, "packages", "node", "dist", "bin", "zklite-node.js")], {
    cwd: root,
    stdio: "inherit",
    env: {
      ...env,
      ZKLITE_DEPLOYMENT_FILE: deploymentFile,
      ZKLITE_DATA_DIR: dataDir,
      ZKLITE_L1_RPC_URL: l1Url,
      ZKLITE_API_PORT: apiPort,
      ZKLITE_L1_CONFIRMATIONS: process.env.ZKLITE_L1_CONFIRMATIONS ?? "0",
      ZKLITE_TOKEN_PRICES_USD: process.env.ZKLITE_TOKEN_PRICES_USD ?? "DAI=1,USDC=1",
      ZKLITE_BLOCK_CHUNK_SIZES: blockSizes.join(","),
      ZKLITE_KEY_SET: keySetFile,
      ZKLITE_PROVER_SECRET: proverSecret,
    },
  }),
);
await waitFor(async () => (await fetch(`${apiUrl}/health`).catch(() => undefined))?.ok === true, 120_000, "the node's API");

supervise(
  "prover",
  spawn(process.execPath, [join(root, "packages", "prover", "dist", "bin", "zklite-prover-worker.js"), "--node", apiUrl, "--key-set", keySetFile, "--name", "devnet-prover-1"], {
    cwd: root,
    stdio: "inherit",
    env: { ...env, ZKLITE_PROVER_SECRET: proverSecret },
  }),
);

const deployment = JSON.parse(readFileSync(deploymentFile, "utf8"));
const funded = await fundDevAccounts({ l1Url, rollupAddress: deployment.contracts.zkLite, accounts: [1, 2, 3, 4], amountEth: 100 });

console.log(`
[zklite] devnet ready in ${Math.round((Date.now() - startedAt) / 1000)} s
  zkLite API (tRPC)   ${apiUrl}        health: ${apiUrl}/health, metrics: ${apiUrl}/metrics
  L1 JSON-RPC         ${l1Url}   (chain ${deployment.chainId}, Hardhat's default accounts and mnemonic)
  rollup contract     ${deployment.contracts.zkLite}
  governance          ${deployment.contracts.governance}
  block sizes         ${blockSizes.join(", ")} chunks, proven by 1 prover (INSECURE development keys)
  funded on L2        ${funded.join(", ")} (100 ETH each; set a signing key to transact)
  deployment file     ${deploymentFile}
  connect             import { Provider, Wallet } from "@zklite/sdk";
                      const provider = Provider.newHttpProvider("${apiUrl}");
  more provers        ZKLITE_PROVER_SECRET=${proverSecret} node packages/prover/dist/bin/zklite-prover-worker.js --node ${apiUrl} --key-set ${keySetFile}
Ctrl-C stops everything.`);

async function waitFor(check, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) {
      console.error(`[zklite] timed out after ${timeoutMs / 1000} s waiting for ${what}`);
      stopAll("SIGTERM");
      process.exit(1);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
