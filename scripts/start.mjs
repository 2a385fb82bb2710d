// `npm start`: builds every workspace, computes the genesis state root with @zklite/state (production
// tree depths, the devnet operator as fee account), then runs the local L1: a Hardhat node on
// 127.0.0.1 with the zkLite contracts deployed on it. Stops on Ctrl-C.
import { execSync, spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: "1", NEXT_TELEMETRY_DISABLED: "1", CHECKPOINT_DISABLE: "1" };
// Hardhat's first default account: the devnet's deployer, governor, validator and fee account.
const feeAccountAddress = process.env.ZKLITE_FEE_ACCOUNT_ADDRESS ?? "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";

console.log("[zklite] building all workspaces");
execSync("npx turbo run build --output-logs=errors-only", { cwd: root, stdio: "inherit", env });

const { RollupState, PRODUCTION_TREE_DEPTHS, initPoseidon } = await import("@zklite/state");
await initPoseidon();
const genesis = RollupState.genesis({ ...PRODUCTION_TREE_DEPTHS, feeAccountAddress });
const genesisRoot = "0x" + genesis.root.toString(16).padStart(64, "0");
console.log(`[zklite] genesis state root ${genesisRoot} (fee account ${feeAccountAddress})`);

const devnet = spawn("npm", ["run", "devnet", "-w", "@zklite/contracts"], {
  cwd: root,
  stdio: "inherit",
  env: { ...env, ZKLITE_GENESIS_ROOT: process.env.ZKLITE_GENESIS_ROOT ?? genesisRoot },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => devnet.kill(signal));
devnet.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
