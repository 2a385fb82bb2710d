import { randomInt } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { FIELD_MODULUS } from "@zklite/state";
import { compileExitCircuit } from "../exit/exit-circuit.js";
import { exitFieldPublicInputs } from "../exit/exit-statement.js";
import { buildExitWitness } from "../exit/exit-witness.js";
import { randomStateTree, randomTokenOf } from "../test-support/random-state.js";
import { ensureDevKeys, requiredPtauPower, type DevKeys } from "./dev-keys.js";
import { proveGroth16, verifyGroth16, type Groth16Result } from "./groth16.js";

const DEPTHS = { accountTreeDepth: 4, balanceTreeDepth: 16 };

describe("Groth16 proof of the exit circuit with INSECURE development keys", () => {
  let keys: DevKeys;
  let wasmPath: string;
  let publicInputs: bigint[];
  let result: Groth16Result;

  beforeAll(async () => {
    const circuit = await compileExitCircuit("field-inputs", DEPTHS);
    expect(requiredPtauPower(circuit)).toBe(13);
    keys = await ensureDevKeys(circuit);
    wasmPath = circuit.wasmPath;
    const tree = randomStateTree(DEPTHS.accountTreeDepth, DEPTHS.balanceTreeDepth, 5);
    const ids = [...tree.accountIds()];
    const accountId = ids[randomInt(ids.length)]!;
    const { statement, input } = buildExitWitness(tree, accountId, randomTokenOf(tree, accountId));
    publicInputs = exitFieldPublicInputs(statement);
    result = await proveGroth16(wasmPath, keys.zkeyPath, input);
  });

  it("verifies with snarkjs, and the proof's public signals are the statement", async () => {
    expect(result.publicSignals).toEqual(publicInputs);
    await expect(verifyGroth16(keys.verificationKeyPath, publicInputs, result.proof)).resolves.toBe(true);
    expect(result.solidityProof).toHaveLength(8);
  });

  it("is rejected for any other public input", async () => {
    const index = randomInt(publicInputs.length);
    const tampered = publicInputs.map((value, i) => (i === index ? (value + 1n) % FIELD_MODULUS : value));
    await expect(verifyGroth16(keys.verificationKeyPath, tampered, result.proof)).resolves.toBe(false);
  });

  it("is rejected when the proof itself is altered", async () => {
    const swapped = { ...result.proof, pi_a: result.proof.pi_c, pi_c: result.proof.pi_a };
    await expect(verifyGroth16(keys.verificationKeyPath, publicInputs, swapped)).resolves.toBe(false);
  });

  it("exports a snarkjs Solidity verifier taking the ten public inputs", () => {
    expect(existsSync(keys.verifierSolidityPath)).toBe(true);
    expect(readFileSync(keys.verifierSolidityPath, "utf8")).toMatch(/function verifyProof\([^)]*uint\[10\] calldata _pubSignals\)/);
  });
});
