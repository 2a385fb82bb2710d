import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { BrowserProvider, Contract, ContractFactory, type Eip1193Provider, type InterfaceAbi } from "ethers";
import solc from "solc";
import { cacheRoot } from "../package-paths.js";

interface SolcOutput {
  errors?: { severity: string; formattedMessage: string }[];
  contracts?: Record<string, Record<string, { abi: InterfaceAbi; evm: { bytecode: { object: string } } }>>;
}

function compileVerifier(source: string): { abi: InterfaceAbi; bytecode: string } {
  const input = {
    language: "Solidity",
    sources: { "Verifier.sol": { content: source } },
    settings: { optimizer: { enabled: true, runs: 200 }, evmVersion: "cancun", outputSelection: { "*": { "*": ["abi", "evm.bytecode.object"] } } },
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input))) as SolcOutput;
  const errors = (output.errors ?? []).filter((error) => error.severity === "error");
  if (errors.length > 0) throw new Error(errors.map((error) => error.formattedMessage).join("\n"));
  const contract = output.contracts?.["Verifier.sol"]?.["Groth16Verifier"];
  if (contract === undefined) throw new Error("no Groth16Verifier in the exported verifier");
  return { abi: contract.abi, bytecode: `0x${contract.evm.bytecode.object}` };
}

/** Hardhat's in-process network, configured from a generated file so this package is no Hardhat project. */
async function hardhatProvider(): Promise<Eip1193Provider> {
  const dir = path.join(cacheRoot(), "hardhat");
  mkdirSync(dir, { recursive: true });
  const config = path.join(dir, "hardhat.config.cjs");
  writeFileSync(config, `module.exports = { solidity: "0.8.28", networks: { hardhat: { hardfork: "cancun" } } };\n`);
  process.env.HARDHAT_CONFIG = config;
  process.env.HARDHAT_DISABLE_TELEMETRY_PROMPT = "true";
  const hardhat = (await import("hardhat")).default;
  return hardhat.network.provider as Eip1193Provider;
}

/** `verifyProof` of a deployed snarkjs verifier, called with a proof in the contracts' `uint256[8]` order. */
export type SolidityVerify = (proof: readonly bigint[], inputs: readonly bigint[]) => Promise<boolean>;

/** Compiles a snarkjs-exported Groth16 verifier with solc-js and deploys it on Hardhat's in-process network. */
export async function deploySolidityVerifier(source: string): Promise<SolidityVerify> {
  const { abi, bytecode } = compileVerifier(source);
  const signer = await new BrowserProvider(await hardhatProvider()).getSigner(0);
  const deployed = await new ContractFactory(abi, bytecode, signer).deploy();
  await deployed.waitForDeployment();
  const verifier = new Contract(await deployed.getAddress(), abi, signer);
  // A.x, A.y, B.x1, B.x0, B.y1, B.y0, C.x, C.y
  return (proof, inputs) =>
    verifier.getFunction("verifyProof").staticCall([proof[0], proof[1]], [[proof[2], proof[3]], [proof[4], proof[5]]], [proof[6], proof[7]], inputs) as Promise<boolean>;
}
