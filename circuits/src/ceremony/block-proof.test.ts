import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { init } from "@zklite/crypto-wasm";
import { FIELD_MODULUS } from "@zklite/state";
import { compileBlockCircuit } from "../block/block-circuit.js";
import type { BlockCircuitParameters } from "../block/block-circuit-parameters.js";
import { buildBlockWitness, type BlockWitness } from "../block/block-witness.js";
import { BlockScenario } from "../test-support/block-scenario.js";
import { deploySolidityVerifier } from "../test-support/solidity-verifier.js";
import { ensureDevKeys, type DevKeys } from "./dev-keys.js";
import { proveGroth16, verifyGroth16, type Groth16Result } from "./groth16.js";

// The smallest block: one Transfer. Its state is prepared with 16-chunk blocks that are executed, not proven.
const PROVEN: BlockCircuitParameters = { chunks: 2, accountDepth: 4, balanceDepth: 32, feeSlots: 1, extendedLanes: 1 };
const SETUP: BlockCircuitParameters = { ...PROVEN, chunks: 16 };

describe("Groth16 proof of a 2-chunk block with INSECURE development keys", () => {
  let keys: DevKeys;
  let witness: BlockWitness;
  let result: Groth16Result;

  beforeAll(async () => {
    await init();
    const circuit = await compileBlockCircuit(PROVEN);
    keys = await ensureDevKeys(circuit);
    const scenario = new BlockScenario(SETUP, 0xb10c);
    scenario.randomBlock(["deposit", "deposit", "deposit"]).commit();
    scenario.randomBlock(["changePubKey"]).commit();
    const request = { blockNumber: 3, feeAccountId: 0, timestamp: 1_700_000_120, operations: [scenario.transferEntry()] };
    witness = buildBlockWitness(scenario.state.tree, request, PROVEN);
    result = await proveGroth16(circuit.wasmPath, keys.zkeyPath, witness.input);
  }, 1_800_000); // a cold machine builds a 2^19 ptau and the keys first

  it("has the block commitment as its only public signal and verifies with snarkjs", async () => {
    expect(result.publicSignals).toEqual([witness.publicInput]);
    await expect(verifyGroth16(keys.verificationKeyPath, result.publicSignals, result.proof)).resolves.toBe(true);
  });

  it("is rejected for another commitment", async () => {
    await expect(verifyGroth16(keys.verificationKeyPath, [(witness.publicInput + 1n) % FIELD_MODULUS], result.proof)).resolves.toBe(false);
  });

  it("verifies with the exported Solidity verifier on Hardhat, and only for its commitment", async () => {
    const verify = await deploySolidityVerifier(readFileSync(keys.verifierSolidityPath, "utf8"));
    await expect(verify(result.solidityProof, [witness.publicInput])).resolves.toBe(true);
    await expect(verify(result.solidityProof, [witness.publicInput ^ 1n])).resolves.toBe(false);
  });
});
