import { randomInt } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { BrowserProvider, Contract, ContractFactory, type Eip1193Provider, type InterfaceAbi } from "ethers";
import solc from "solc";
import { beforeAll, describe, expect, it } from "vitest";
import { FIELD_MODULUS } from "@zklite/state";
import { compileExitCircuit } from "../exit/exit-circuit.js";
import { exitFieldPublicInputs } from "../exit/exit-statement.js";
import { buildExitWitness } from "../exit/exit-witness.js";
import { cacheRoot } from "../package-paths.js";
import { randomStateTree, randomTokenOf } from "../test-support/random-state.js";
import { ensureDevKeys } from "./dev-keys.js";
import { proveGroth16, type Groth16Result } from "./groth16.js";

const DEPTHS = { accountTreeDepth: 4, balanceTreeDepth: 16 };

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

describe("the exported Solidity verifier on Hardhat", () => {
  let verifier: Contract;
  let result: Groth16Result;
  let publicInputs: bigint[];

  beforeAll(async () => {
    const circuit = compileExitCircuit("field-inputs", DEPTHS);
    const keys = ensureDevKeys(circuit);
    const tree = randomStateTree(DEPTHS.accountTreeDepth, DEPTHS.balanceTreeDepth, 4);
    const ids = [...tree.accountIds()];
    const accountId = ids[randomInt(ids.length)]!;
    const { statement, input } = buildExitWitness(tree, accountId, randomTokenOf(tree, accountId));
    publicInputs = exitFieldPublicInputs(statement);
    result = await proveGroth16(circuit.wasmPath, keys.zkeyPath, input);

    const { abi, bytecode } = compileVerifier(readFileSync(keys.verifierSolidityPath, "utf8"));
    const signer = await new BrowserProvider(await hardhatProvider()).getSigner(0);
    const deployed = await new ContractFactory(abi, bytecode, signer).deploy();
    await deployed.waitForDeployment();
    verifier = new Contract(await deployed.getAddress(), abi, signer);
  });

  // the contracts' uint256[8] proof order: A.x, A.y, B.x1, B.x0, B.y1, B.y0, C.x, C.y
  const call = (proof: readonly bigint[], inputs: readonly bigint[]): Promise<boolean> =>
    verifier.getFunction("verifyProof").staticCall([proof[0], proof[1]], [[proof[2], proof[3]], [proof[4], proof[5]]], [proof[6], proof[7]], inputs) as Promise<boolean>;

  it("accepts the exit proof", async () => {
    await expect(call(result.solidityProof, publicInputs)).resolves.toBe(true);
  });

  it("rejects it for another public input or an altered proof", async () => {
    const index = randomInt(publicInputs.length);
    const tampered = publicInputs.map((value, i) => (i === index ? (value + 1n) % FIELD_MODULUS : value));
    await expect(call(result.solidityProof, tampered)).resolves.toBe(false);
    const altered = [...result.solidityProof];
    altered[6] = result.solidityProof[0]!;
    altered[7] = result.solidityProof[1]!;
    await expect(call(altered, publicInputs)).resolves.toBe(false);
  });
});
