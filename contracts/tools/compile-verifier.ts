// Compiles a Solidity verifier exported by snarkjs (`zkey export solidityverifier`) with solc-js, offline.
// The compiled artifact is cached under .cache/verifier-artifacts/, keyed by the source's SHA-256.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

import solc from "solc";

import type { ContractArtifact } from "../lib/deploy-config";

const CACHE_DIR = path.resolve(__dirname, "..", ".cache", "verifier-artifacts");
const CONTRACT_NAME = "Groth16Verifier";

interface SolcOutput {
  errors?: { severity: string; formattedMessage: string }[];
  contracts?: Record<string, Record<string, { abi: unknown[]; evm: { bytecode: { object: string } } }>>;
}

export function compileGroth16Verifier(solidityPath: string): ContractArtifact {
  const source = readFileSync(solidityPath, "utf8");
  const key = createHash("sha256").update(source).digest("hex");
  const cached = path.join(CACHE_DIR, `${key}.json`);
  if (existsSync(cached)) return JSON.parse(readFileSync(cached, "utf8")) as ContractArtifact;

  const input = {
    language: "Solidity",
    sources: { "Verifier.sol": { content: source } },
    settings: {
      optimizer: { enabled: true, runs: 200 },
      evmVersion: "cancun",
      outputSelection: { "*": { "*": ["abi", "evm.bytecode.object"] } },
    },
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input))) as SolcOutput;
  const errors = (output.errors ?? []).filter((e) => e.severity === "error");
  if (errors.length > 0) {
    throw new Error(`compiling ${solidityPath} failed:\n${errors.map((e) => e.formattedMessage).join("\n")}`);
  }
  const contract = output.contracts?.["Verifier.sol"]?.[CONTRACT_NAME];
  if (!contract) throw new Error(`${solidityPath} has no contract ${CONTRACT_NAME}`);
  const artifact: ContractArtifact = { abi: contract.abi, bytecode: `0x${contract.evm.bytecode.object}` };
  mkdirSync(CACHE_DIR, { recursive: true });
  writeFileSync(cached, JSON.stringify(artifact));
  return artifact;
}
