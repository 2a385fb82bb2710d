import { randomInt } from "node:crypto";
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { FIELD_MODULUS } from "@zklite/state";
import { compileExitCircuit } from "../exit/exit-circuit.js";
import { exitFieldPublicInputs } from "../exit/exit-statement.js";
import { buildExitWitness } from "../exit/exit-witness.js";
import { randomStateTree, randomTokenOf } from "../test-support/random-state.js";
import { deploySolidityVerifier, type SolidityVerify } from "../test-support/solidity-verifier.js";
import { ensureDevKeys } from "./dev-keys.js";
import { proveGroth16, type Groth16Result } from "./groth16.js";

const DEPTHS = { accountTreeDepth: 4, balanceTreeDepth: 16 };

describe("the exported Solidity verifier on Hardhat", () => {
  let call: SolidityVerify;
  let result: Groth16Result;
  let publicInputs: bigint[];

  beforeAll(async () => {
    const circuit = await compileExitCircuit("field-inputs", DEPTHS);
    const keys = await ensureDevKeys(circuit);
    const tree = randomStateTree(DEPTHS.accountTreeDepth, DEPTHS.balanceTreeDepth, 4);
    const ids = [...tree.accountIds()];
    const accountId = ids[randomInt(ids.length)]!;
    const { statement, input } = buildExitWitness(tree, accountId, randomTokenOf(tree, accountId));
    publicInputs = exitFieldPublicInputs(statement);
    result = await proveGroth16(circuit.wasmPath, keys.zkeyPath, input);

    call = await deploySolidityVerifier(readFileSync(keys.verifierSolidityPath, "utf8"));
  });

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
