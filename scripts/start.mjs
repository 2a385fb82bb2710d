// `npm start`: builds every workspace, computes the genesis state root with @zklite/state (production
// tree depths, the devnet operator as fee account), runs the local L1 (a Hardhat node on 127.0.0.1 with the
// zkLite contracts deployed on it), then the zkLite node against it (embedded PGlite, API on 127.0.0.1:3030).
// Stops both on Ctrl-C.
import { execSync, spawn } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: "1", NEXT_TELEMETRY_DISABLED: "1", CHECKPOINT_DISABLE: "1" };
// Hardhat's first default account: the devnet's deployer, governor, validator and fee account.
const feeAccountAddress = process.env.ZKLITE_FEE_ACCOUNT_ADDRESS ?? "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";
const deploymentFile = join(root, "contracts", "deployments", "devnet.json");
// The devnet L1 starts empty every time, so the node's state of an earlier run belongs to another chain.
const dataDir = process.env.ZKLITE_DATA_DIR ?? join(root, ".zklite", "devnet", "data");

console.log("[zklite] building all workspaces");
execSync("npx turbo run build --output-logs=errors-only", { cwd: root, stdio: "inherit", env });

const { RollupState, PRODUCTION_TREE_DEPTHS, initPoseidon } = await import("@zklite/state");
await initPoseidon();
const genesis = RollupState.genesis({ ...PRODUCTION_TREE_DEPTHS, feeAccountAddress });
const genesisRoot = "0x" + genesis.root.toString(16).padStart(64, "0");
console.log(`[zklite] genesis state root ${genesisRoot} (fee account ${feeAccountAddress})`);

rmSync(deploymentFile, { force: true });
if (process.env.ZKLITE_DATA_DIR === undefined) rmSync(dataDir, { recursive: true, force: true });
const children = [];
const stopAll = (signal) => {
  for (const child of children) if (child.exitCode === null) child.kill(signal);
};
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => stopAll(signal));

const devnet = spawn("npm", ["run", "devnet", "-w", "@zklite/contracts"], {
  cwd: root,
  stdio: "inherit",
  env: { ...env, ZKLITE_GENESIS_ROOT: process.env.ZKLITE_GENESIS_ROOT ?? genesisRoot, ZKLITE_DEPLOYMENT_FILE: deploymentFile },
});
children.push(devnet);
devnet.on("exit", (code, signal) => {
  stopAll("SIGTERM");
  process.exit(code ?? (signal ? 1 : 0));
});

const deadline = Date.now() + 180_000;
while (!existsSync(deploymentFile)) {
  if (Date.now() > deadline) {
    console.error("[zklite] the devnet did not deploy the contracts within 180 s");
    stopAll("SIGTERM");
    process.exit(1);
  }
  await new Promise((resolve) => setTimeout(resolve, 250));
}

const node = spawn(process.execPath, [join(root, "packages", "node", "dist", "bin", "zklite-node.js")], {
  cwd: root,
  stdio: "inherit",
  env: {
    ...env,
    ZKLITE_DEPLOYMENT_FILE: deploymentFile,
    ZKLITE_DATA_DIR: dataDir,
    ZKLITE_L1_RPC_URL: process.env.ZKLITE_L1_RPC_URL ?? `http://127.0.0.1:${process.env.ZKLITE_L1_PORT ?? 8545}`,
    ZKLITE_L1_CONFIRMATIONS: process.env.ZKLITE_L1_CONFIRMATIONS ?? "0",
    ZKLITE_TOKEN_PRICES_USD: process.env.ZKLITE_TOKEN_PRICES_USD ?? "DAI=1,USDC=1",
  },
});
children.push(node);
node.on("exit", (code, signal) => {
  console.error(`[zklite] the node stopped (${code ?? signal})`);
  stopAll("SIGTERM");
  process.exit(code ?? 1);
});
