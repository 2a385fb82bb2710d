/**
 * Test helper: deploys the contracts on a running Hardhat node with the contracts' own deploy script and a deploy
 * configuration (contracts/tools/deploy-config-file.ts format), with the node's real genesis root for the
 * operator (Hardhat account 0) as fee account, so the blocks it seals can be proven against L1.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { PRODUCTION_TREE_DEPTHS, RollupState } from "@zklite/state";
import { contractsDir, type HardhatL1 } from "./hardhat-l1.js";

/** Hardhat account 9: the governor (account 0 is the deployer and the validator, the node's operator). */
export const GOVERNOR_INDEX = 9;

const run = promisify(execFile);

/** `config` without the fields this fills in (genesis root, governor, validators). Returns the deployment file. */
export async function deployWithConfig<T>(l1: HardhatL1, config: Record<string, unknown>): Promise<T> {
  const accounts = (await l1.provider.listAccounts()).map((account) => account.address);
  const genesis = RollupState.genesis({ ...PRODUCTION_TREE_DEPTHS, feeAccountAddress: (accounts[0] as string).toLowerCase() });
  const dir = mkdtempSync(join(tmpdir(), "zklite-deploy-"));
  const configFile = join(dir, "deploy-config.json");
  const outFile = join(dir, "deployment.json");
  writeFileSync(
    configFile,
    JSON.stringify({
      genesisStateRoot: `0x${genesis.root.toString(16).padStart(64, "0")}`,
      governor: accounts[GOVERNOR_INDEX],
      validators: [accounts[0]],
      nftFactory: { name: "zkLite NFT", symbol: "ZKLNFT" },
      devTokens: [{ name: "DAI (test)", symbol: "DAI", mintAmount: "1000000000000000000000000" }],
      devTokensMintToAccounts: 5,
      ...config,
    }),
  );
  const env: Record<string, string | undefined> = { ...process.env, HARDHAT_DISABLE_TELEMETRY_PROMPT: "true" };
  delete env.ZKLITE_GENESIS_ROOT;
  delete env.ZKLITE_DEPLOYER_PRIVATE_KEY;
  await run(process.execPath, ["--require", "ts-node/register/transpile-only", "scripts/deploy.ts", "--rpc", l1.url, "--config", configFile, "--out", outFile], {
    cwd: contractsDir(),
    env,
    timeout: 300_000,
  });
  return JSON.parse(readFileSync(outFile, "utf8")) as T;
}
