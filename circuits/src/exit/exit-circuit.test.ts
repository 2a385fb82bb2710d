import { randomInt } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { FIELD_MODULUS, type StateTree } from "@zklite/state";
import type { CompiledCircuit } from "../circom-compiler.js";
import { randomStateTree, randomTokenOf } from "../test-support/random-state.js";
import { calculateWitness, type CircuitInput } from "../witness-calculator.js";
import { compileExitCircuit } from "./exit-circuit.js";
import { exitFieldPublicInputs, exitSha256PublicInput } from "./exit-statement.js";
import { buildExitWitness } from "./exit-witness.js";

const DEPTHS = { accountTreeDepth: 4, balanceTreeDepth: 16 };
const unsatisfied = expect.objectContaining({ code: "CIRCUIT_UNSATISFIED" });

function pickAccount(tree: StateTree): number {
  const ids = [...tree.accountIds()];
  return ids[randomInt(ids.length)]!;
}

function tamperSibling(input: CircuitInput, key: "accountSiblings" | "balanceSiblings"): CircuitInput {
  const siblings = (input[key] as readonly (readonly bigint[])[]).map((level) => [...level]);
  const level = randomInt(siblings.length);
  const slot = randomInt(3);
  siblings[level]![slot] = (siblings[level]![slot]! + 1n) % FIELD_MODULUS;
  return { ...input, [key]: siblings };
}

describe("exit circuit, field-input form", () => {
  let circuit: CompiledCircuit;
  let tree: StateTree;
  beforeAll(() => {
    circuit = compileExitCircuit("field-inputs", DEPTHS);
    tree = randomStateTree(DEPTHS.accountTreeDepth, DEPTHS.balanceTreeDepth, 6);
  });

  it("accepts random balances of random accounts; the public inputs are the statement's fields", async () => {
    for (let i = 0; i < 8; i++) {
      const accountId = pickAccount(tree);
      const tokenId = i % 4 === 3 ? randomInt(65_536) : randomTokenOf(tree, accountId); // some empty balances
      const { statement, input } = buildExitWitness(tree, accountId, tokenId);
      const witness = await calculateWitness(circuit.wasmPath, input);
      expect(witness.slice(1, 11)).toEqual(exitFieldPublicInputs(statement));
      expect(statement.amount).toBe(tree.balance(accountId, tokenId));
    }
  });

  it("accepts an account that does not exist (zero balance, zero owner)", async () => {
    const free = [...Array(15).keys()].find((id) => tree.account(id) === undefined)!;
    const { statement, input } = buildExitWitness(tree, free, randomInt(65_536));
    expect(statement.amount).toBe(0n);
    await expect(calculateWitness(circuit.wasmPath, input)).resolves.toBeDefined();
  });

  it("rejects invalid witnesses", async () => {
    const accountId = pickAccount(tree);
    const tokenId = randomTokenOf(tree, accountId);
    const { input } = buildExitWitness(tree, accountId, tokenId);
    const amount = input.amount as bigint;
    const cases: Record<string, CircuitInput> = {
      "wrong balance": { ...input, amount: amount + 1n },
      "wrong owner": { ...input, owner: (input.owner as bigint) ^ 1n },
      "wrong account id": { ...input, accountId: (input.accountId as bigint) ^ 1n },
      "wrong token id": { ...input, tokenId: (input.tokenId as bigint) ^ 1n },
      "wrong nonce": { ...input, nonce: (input.nonce as bigint) + 1n },
      "wrong root": { ...input, root: ((input.root as bigint) + 1n) % FIELD_MODULUS },
      "wrong account path sibling": tamperSibling(input, "accountSiblings"),
      "wrong balance path sibling": tamperSibling(input, "balanceSiblings"),
      "NFT creator on a fungible token": { ...input, nftCreatorAccountId: 1n },
      "NFT creator address on a fungible token": { ...input, nftCreatorAddress: 5n },
      "NFT serial on a fungible token": { ...input, nftSerialId: 1n },
      "NFT content hash on a fungible token": { ...input, nftContentHashLow: 7n },
      "token id beyond 16 bits": { ...input, tokenId: (input.tokenId as bigint) + 65_536n },
      "account id beyond the tree": { ...input, accountId: (input.accountId as bigint) + 16n },
    };
    for (const [name, tampered] of Object.entries(cases)) {
      await expect(calculateWitness(circuit.wasmPath, tampered), name).rejects.toThrow(unsatisfied);
    }
  });

  it("refuses to exit from the NFT storage account even with a valid path", async () => {
    const storage = 2 ** DEPTHS.accountTreeDepth - 1;
    expect(() => buildExitWitness(tree, storage, 0)).toThrow(expect.objectContaining({ code: "BAD_EXIT_ACCOUNT" }));
    const proof = tree.balanceProof(storage, 0);
    const { input } = buildExitWitness(tree, pickAccount(tree), 0);
    const forged: CircuitInput = {
      ...input,
      accountId: BigInt(storage),
      owner: 0n,
      amount: 0n,
      nonce: 0n,
      pubKeyHash: 0n,
      accountSiblings: proof.accountPath.siblings.map((level) => [...level]),
      balanceSiblings: proof.balancePath.siblings.map((level) => [...level]),
    };
    await expect(calculateWitness(circuit.wasmPath, forged)).rejects.toThrow(unsatisfied);
  });

  it("does not build witnesses for NFT tokens yet", () => {
    expect(() => buildExitWitness(tree, pickAccount(tree), 65_536)).toThrow(expect.objectContaining({ code: "UNSUPPORTED_EXIT_TOKEN" }));
  });
});

describe("exit circuit, SHA-256 form (the contract's current public input)", () => {
  let circuit: CompiledCircuit;
  let tree: StateTree;
  beforeAll(() => {
    circuit = compileExitCircuit("sha256", DEPTHS);
    tree = randomStateTree(DEPTHS.accountTreeDepth, DEPTHS.balanceTreeDepth, 4);
  });

  it("outputs sha256(statement) masked to 253 bits, as the contract computes it", async () => {
    for (let i = 0; i < 3; i++) {
      const accountId = pickAccount(tree);
      const { statement, input } = buildExitWitness(tree, accountId, randomTokenOf(tree, accountId));
      const witness = await calculateWitness(circuit.wasmPath, input);
      expect(witness[1]).toBe(exitSha256PublicInput(statement));
    }
  });

  it("rejects a wrong balance", async () => {
    const accountId = pickAccount(tree);
    const { input } = buildExitWitness(tree, accountId, randomTokenOf(tree, accountId));
    await expect(calculateWitness(circuit.wasmPath, { ...input, amount: (input.amount as bigint) + 1n })).rejects.toThrow(unsatisfied);
  });
});
