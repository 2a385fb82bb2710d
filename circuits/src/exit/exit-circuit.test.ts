import { randomInt } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { FIELD_MODULUS, isProcessableToken, type StateTree } from "@zklite/state";
import type { CompiledCircuit } from "../circom-compiler.js";
import { randomStateTree, randomTokenOf } from "../test-support/random-state.js";
import { calculateWitness, type CircuitInput } from "../witness-calculator.js";
import { compileExitCircuit } from "./exit-circuit.js";
import { exitFieldPublicInputs, exitSha256PublicInput } from "./exit-statement.js";
import { buildExitWitness } from "./exit-witness.js";

// 32-bit token ids, as in production (NFT exits: exit-nft-circuit.test.ts); at balance depth 16 the NFT branch is left out.
const DEPTHS = { accountTreeDepth: 4, balanceTreeDepth: 32 };
const FUNGIBLE_ONLY_DEPTHS = { accountTreeDepth: 4, balanceTreeDepth: 16 };
const unsatisfied = expect.objectContaining({ code: "CIRCUIT_UNSATISFIED" });

function pickAccount(tree: StateTree): number {
  const ids = [...tree.accountIds()];
  return ids[randomInt(ids.length)]!;
}

/** Changes one sibling among the first `levels` levels of the path (default: all). */
function tamperSibling(input: CircuitInput, key: "accountSiblings" | "balanceSiblings", levels?: number): CircuitInput {
  const siblings = (input[key] as readonly (readonly bigint[])[]).map((level) => [...level]);
  const level = randomInt(levels ?? siblings.length);
  const slot = randomInt(3);
  siblings[level]![slot] = (siblings[level]![slot]! + 1n) % FIELD_MODULUS;
  return { ...input, [key]: siblings };
}

describe("exit circuit, field-input form, fungible tokens (4/32)", () => {
  let circuit: CompiledCircuit;
  let tree: StateTree;
  beforeAll(async () => {
    circuit = await compileExitCircuit("field-inputs", DEPTHS);
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

  it.each(["processable", "extended"] as const)("rejects invalid witnesses (a balance in the %s tree)", async (kind) => {
    const accountId = pickAccount(tree);
    const held = [...tree.balances(accountId).keys()].sort((a, b) => a - b);
    const tokenId = kind === "processable" ? held[0]! : held[held.length - 1]!;
    expect(isProcessableToken(tokenId), `the random account holds a ${kind} token`).toBe(kind === "processable");
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
      // a processable token's path is the first 5 levels (its processable tree)
      "wrong balance path sibling": tamperSibling(input, "balanceSiblings", isProcessableToken(tokenId) ? 5 : undefined),
      "wrong root of the other balance tree": { ...input, otherBalanceRoot: ((input.otherBalanceRoot as bigint) + 1n) % FIELD_MODULUS },
      "NFT creator on a fungible token": { ...input, nftCreatorAccountId: 1n },
      "NFT creator address on a fungible token": { ...input, nftCreatorAddress: 5n },
      "NFT serial on a fungible token": { ...input, nftSerialId: 1n },
      "NFT content hash on a fungible token": { ...input, nftContentHashLow: 7n },
      "token id + 2^16 (an NFT id)": { ...input, tokenId: (input.tokenId as bigint) + 65_536n },
      "token id 2^32": { ...input, tokenId: 1n << 32n },
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
      // token 0's processable path, padded to the extended tree's levels the circuit ignores
      balanceSiblings: [...proof.balancePath.siblings.map((level) => [...level]), ...Array.from({ length: 11 }, () => [0n, 0n, 0n])],
      otherBalanceRoot: proof.extendedRoot,
    };
    await expect(calculateWitness(circuit.wasmPath, forged)).rejects.toThrow(unsatisfied);
  });

  it("refuses to build a fungible exit with NFT info, or an NFT exit without it", () => {
    const nft = { tokenId: 65_536, creatorId: 1, creatorAddress: `0x${"1".repeat(40)}`, serialId: 0, contentHash: `0x${"0".repeat(64)}`, address: `0x${"0".repeat(40)}` };
    expect(() => buildExitWitness(tree, pickAccount(tree), 0, nft)).toThrow(expect.objectContaining({ code: "NFT_INFO_MISMATCH" }));
    expect(() => buildExitWitness(tree, pickAccount(tree), 65_536)).toThrow(expect.objectContaining({ code: "NFT_INFO_REQUIRED" }));
  });
});

describe("exit circuit, field-input form at balance depth 16 (fungible tokens only)", () => {
  let circuit: CompiledCircuit;
  let tree: StateTree;
  beforeAll(async () => {
    circuit = await compileExitCircuit("field-inputs", FUNGIBLE_ONLY_DEPTHS);
    tree = randomStateTree(FUNGIBLE_ONLY_DEPTHS.accountTreeDepth, FUNGIBLE_ONLY_DEPTHS.balanceTreeDepth, 4);
  });

  it("accepts random balances; rejects non-zero NFT fields and token ids beyond 16 bits", async () => {
    const accountId = pickAccount(tree);
    const { statement, input } = buildExitWitness(tree, accountId, randomTokenOf(tree, accountId));
    const witness = await calculateWitness(circuit.wasmPath, input);
    expect(witness.slice(1, 11)).toEqual(exitFieldPublicInputs(statement));
    const cases: Record<string, CircuitInput> = {
      "NFT creator": { ...input, nftCreatorAccountId: 1n },
      "NFT content hash": { ...input, nftContentHashHigh: 1n },
      "token id + 2^16": { ...input, tokenId: (input.tokenId as bigint) + 65_536n },
    };
    for (const [name, tampered] of Object.entries(cases)) {
      await expect(calculateWitness(circuit.wasmPath, tampered), name).rejects.toThrow(unsatisfied);
    }
  });

  it("refuses to build an exit for a token id the balance tree cannot hold", () => {
    expect(() => buildExitWitness(tree, pickAccount(tree), 65_536)).toThrow(expect.objectContaining({ code: "UNSUPPORTED_EXIT_TOKEN" }));
  });
});

describe("exit circuit, SHA-256 form (4/32)", () => {
  let circuit: CompiledCircuit;
  let tree: StateTree;
  beforeAll(async () => {
    circuit = await compileExitCircuit("sha256", DEPTHS);
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
