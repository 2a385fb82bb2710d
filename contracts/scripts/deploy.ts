// Deploys the whole L1 set on any JSON-RPC endpoint and writes addresses and genesis to a JSON file.
//
//   npm run deploy -w @zklite/contracts -- --rpc http://127.0.0.1:8545 --config config/devnet.json --out deployments/devnet.json
//
// The deployer is ZKLITE_DEPLOYER_PRIVATE_KEY when set, else the node's first unlocked account.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";

import { JsonRpcProvider, Wallet, type Signer } from "ethers";

import { deployZkLite } from "../lib/deploy";
import type { Deployment } from "../lib/deployment";
import { releaseSnarkjs } from "../tools/echo-prover";
import { loadDeployConfig, type LoadedDeployConfig } from "../tools/deploy-config-file";

export const PACKAGE_ROOT = path.resolve(__dirname, "..");
export const DEFAULT_DEPLOYMENT_FILE = path.join(PACKAGE_ROOT, "deployments", "devnet.json");
export const DEFAULT_CONFIG_FILE = path.join(PACKAGE_ROOT, "config", "devnet.json");

/** The JSON file the deploy and devnet scripts write. */
export interface DeploymentFile extends Deployment {
  rpcUrl: string;
  genesisStateRootIsPlaceholder: boolean;
  devCircuit?: LoadedDeployConfig["devCircuit"];
}

export async function deployFromConfig(rpcUrl: string, configFile: string, outFile: string): Promise<DeploymentFile> {
  const provider = new JsonRpcProvider(rpcUrl, undefined, { staticNetwork: true, pollingInterval: 200 });
  const key = process.env.ZKLITE_DEPLOYER_PRIVATE_KEY;
  const signer: Signer = key ? new Wallet(key, provider) : await provider.getSigner(0);
  const accounts = (await provider.listAccounts()).map((a) => a.address);
  const config = loadDeployConfig(configFile, accounts);
  const deployment = await deployZkLite(signer, config.params);
  const file: DeploymentFile = {
    ...deployment,
    rpcUrl,
    genesisStateRootIsPlaceholder: config.genesisStateRootIsPlaceholder,
    ...(config.devCircuit ? { devCircuit: config.devCircuit } : {}),
  };
  mkdirSync(path.dirname(outFile), { recursive: true });
  writeFileSync(outFile, JSON.stringify(file, null, 2) + "\n");
  provider.destroy();
  return file;
}

export function describeDeployment(file: DeploymentFile, outFile: string): string {
  const lines = [
    `zkLite L1 contracts on chain ${file.chainId} (${file.rpcUrl}):`,
    ...Object.entries(file.contracts).map(([name, address]) => `  ${name.padEnd(18)} ${address}`),
    `  block verifiers    ${Object.keys(file.blockVerifiers).join(", ")} chunks`,
    ...file.tokens.map((t) => `  token ${String(t.id).padEnd(12)} ${t.address} ${t.symbol}`),
    `  genesis root       ${file.genesis.stateRoot}${file.genesisStateRootIsPlaceholder ? "  (PLACEHOLDER: not a real state root)" : ""}`,
    `written to ${outFile}`,
  ];
  if (file.devCircuit) lines.push("WARNING: some verifiers are the INSECURE development echo circuits (their proofs say nothing about the state)");
  return lines.join("\n");
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      rpc: { type: "string", default: process.env.ZKLITE_L1_RPC_URL ?? "http://127.0.0.1:8545" },
      config: { type: "string", default: DEFAULT_CONFIG_FILE },
      out: { type: "string", default: process.env.ZKLITE_DEPLOYMENT_FILE ?? DEFAULT_DEPLOYMENT_FILE },
    },
  });
  const outFile = path.resolve(values.out);
  const file = await deployFromConfig(values.rpc, path.resolve(values.config), outFile);
  console.log(describeDeployment(file, outFile));
}

if (require.main === module) {
  main()
    .then(releaseSnarkjs)
    .then(() => process.exit(0))
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
