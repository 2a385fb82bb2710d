// Reads a deploy configuration file (config/*.json) into DeployParams.
//
// {
//   "genesisStateRoot": "0x…",                  overridden by env ZKLITE_GENESIS_ROOT
//   "genesisStateRootIsPlaceholder": true,      says the root is not a real state's (printed loudly)
//   "governor": "0x…", "validators": ["0x…"],   optional, default: the deployer
//   "blockChunks": [10, 32, …],
//   "blockVerifier": VerifierSpec | { "<chunks>": VerifierSpec },
//   "exitVerifier": VerifierSpec,
//   "nftFactory": { "name": "…", "symbol": "…" },
//   "devTokens": [{ "name", "symbol", "mintAmount": "<decimal>" }],  optional
//   "devTokensMintToAccounts": 10               mint dev tokens to the first N accounts of the node
// }
// VerifierSpec = "dev-echo" (the INSECURE development circuit, tools/dev-circuit.ts)
//              | { "address": "0x…" } | { "solidity": "path/to/verifier.sol" } (snarkjs export, relative to the file)
import { readFileSync } from "node:fs";
import path from "node:path";

import type { ContractSource, DeployParams } from "../lib/deploy-config";
import { compileGroth16Verifier } from "./compile-verifier";
import { ensureDevCircuit, type DevCircuit, type DevCircuitKind } from "./dev-circuit";

type VerifierSpec = "dev-echo" | { address: string } | { solidity: string };

interface DeployConfigFile {
  genesisStateRoot: string;
  genesisStateRootIsPlaceholder?: boolean;
  governor?: string;
  validators?: string[];
  blockChunks: number[];
  blockVerifier: VerifierSpec | Record<string, VerifierSpec>;
  exitVerifier: VerifierSpec;
  nftFactory: { name: string; symbol: string };
  devTokens?: { name: string; symbol: string; mintAmount: string }[];
  devTokensMintToAccounts?: number;
}

export const DEV_BLOCK_KEY = "devnet-block";
export const DEV_EXIT_KEY = "devnet-exit";

/** Circuit wasm and proving key of each development echo circuit the deployment uses. */
export interface DevCircuitFiles {
  blockWasm?: string;
  blockZkey?: string;
  exitWasm?: string;
  exitZkey?: string;
}

export interface LoadedDeployConfig {
  params: DeployParams;
  genesisStateRootIsPlaceholder: boolean;
  /** Set when a verifier is a development echo circuit: what a development prover needs, per circuit. */
  devCircuit?: DevCircuitFiles;
}

function isVerifierSpec(value: unknown): value is VerifierSpec {
  return value === "dev-echo" || (typeof value === "object" && value !== null && ("address" in value || "solidity" in value));
}

/** Loads `file`; `accounts` are the node's accounts (for devTokensMintToAccounts). */
export function loadDeployConfig(file: string, accounts: readonly string[]): LoadedDeployConfig {
  const config = JSON.parse(readFileSync(file, "utf8")) as DeployConfigFile;
  const baseDir = path.dirname(path.resolve(file));
  const devCircuits: Partial<Record<DevCircuitKind, DevCircuit>> = {};
  const dev = (kind: DevCircuitKind): DevCircuit =>
    (devCircuits[kind] ??= ensureDevCircuit(kind, [kind === "block" ? DEV_BLOCK_KEY : DEV_EXIT_KEY]));
  const artifacts = new Map<string, ContractSource>();
  const source = (spec: VerifierSpec, kind: DevCircuitKind): ContractSource => {
    if (spec === "dev-echo") {
      const devKey = kind === "block" ? DEV_BLOCK_KEY : DEV_EXIT_KEY;
      const key = dev(kind).keys[devKey];
      if (!key) throw new Error(`dev circuit key ${devKey} missing`);
      const cached = artifacts.get(key.verifierSolidityPath) ?? compileGroth16Verifier(key.verifierSolidityPath);
      artifacts.set(key.verifierSolidityPath, cached);
      return cached;
    }
    if ("address" in spec) return spec.address;
    const solidity = path.resolve(baseDir, spec.solidity);
    const cached = artifacts.get(solidity) ?? compileGroth16Verifier(solidity);
    artifacts.set(solidity, cached);
    return cached;
  };
  const blockSpec = (chunks: number): VerifierSpec => {
    const spec = isVerifierSpec(config.blockVerifier) ? config.blockVerifier : config.blockVerifier[String(chunks)];
    if (!spec) throw new Error(`${file}: no verifier for block size ${chunks}`);
    return spec;
  };
  const mintTo = accounts.slice(0, config.devTokensMintToAccounts ?? 0);
  const params: DeployParams = {
    genesisStateRoot: process.env.ZKLITE_GENESIS_ROOT ?? config.genesisStateRoot,
    ...(config.governor === undefined ? {} : { governor: config.governor }),
    ...(config.validators === undefined ? {} : { validators: config.validators }),
    blockVerifiers: config.blockChunks.map((chunks) => ({ chunks, verifier: source(blockSpec(chunks), "block") })),
    exitVerifier: source(config.exitVerifier, "exit"),
    nftFactory: config.nftFactory,
    devTokens: (config.devTokens ?? []).map((t) => ({ name: t.name, symbol: t.symbol, mintAmount: BigInt(t.mintAmount), mintTo })),
  };
  const blockKey = devCircuits.block?.keys[DEV_BLOCK_KEY];
  const exitKey = devCircuits.exit?.keys[DEV_EXIT_KEY];
  const devCircuit: DevCircuitFiles = {
    ...(devCircuits.block && blockKey ? { blockWasm: devCircuits.block.wasmPath, blockZkey: blockKey.zkeyPath } : {}),
    ...(devCircuits.exit && exitKey ? { exitWasm: devCircuits.exit.wasmPath, exitZkey: exitKey.zkeyPath } : {}),
  };
  return {
    params,
    genesisStateRootIsPlaceholder: process.env.ZKLITE_GENESIS_ROOT === undefined && config.genesisStateRootIsPlaceholder === true,
    ...(Object.keys(devCircuit).length > 0 ? { devCircuit } : {}),
  };
}
