import { randomBytes, randomInt } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { FIELD_MODULUS, QuadMerkleTree, poseidon } from "@zklite/state";
import { compileCircuit, type CompiledCircuit } from "./circom-compiler.js";
import { calculateWitness } from "./witness-calculator.js";

const LEVELS = 3;

// Harness: the root the gadget computes from a leaf, its index and audit path, plus the account leaf hash.
const HARNESS = `pragma circom 2.1.0;
include "circomlib/circuits/bitify.circom";
include "quad_merkle.circom";
template QuadMerkleHarness(levels) {
    signal input leaf;
    signal input index;
    signal input siblings[levels][3];
    signal input account[5];
    signal output root;
    signal output accountLeaf;
    component bits = Num2Bits(2 * levels);
    bits.in <== index;
    component tree = QuadMerkleRoot(levels);
    tree.leaf <== leaf;
    tree.indexBits <== bits.out;
    tree.siblings <== siblings;
    root <== tree.root;
    component hash = AccountLeaf();
    hash.nonce <== account[0];
    hash.pubKeyHash <== account[1];
    hash.address <== account[2];
    hash.processableRoot <== account[3];
    hash.extendedRoot <== account[4];
    accountLeaf <== hash.hash;
}
component main = QuadMerkleHarness(${LEVELS});
`;

const randomField = (): bigint => BigInt(`0x${randomBytes(32).toString("hex")}`) % FIELD_MODULUS;

describe("4-ary Poseidon tree gadgets against @zklite/state", () => {
  let circuit: CompiledCircuit;
  beforeAll(async () => {
    circuit = await compileCircuit("quad_merkle_harness", HARNESS);
  });

  it("computes the same root as QuadMerkleTree for every slot and random trees", async () => {
    for (let round = 0; round < 12; round++) {
      const tree = new QuadMerkleTree({ depth: 2 * LEVELS, emptyLeaf: round % 2 === 0 ? 0n : randomField() });
      for (let i = 0; i < randomInt(1, 30); i++) tree.set(randomInt(64), randomField());
      // the first four rounds walk every slot at the lowest level
      const index = round < 4 ? round + 4 * randomInt(16) : randomInt(64);
      const path = tree.auditPath(index);
      const account = [BigInt(randomInt(1 << 30)), randomField() >> 94n, randomField() >> 94n, randomField(), randomField()];
      const witness = await calculateWitness(circuit.wasmPath, { leaf: path.leaf, index: BigInt(index), siblings: path.siblings.map((s) => [...s]), account });
      expect(witness[1]).toBe(tree.root());
      expect(witness[2]).toBe(poseidon(account));
    }
  });

  it("a wrong sibling or index changes the root", async () => {
    const tree = new QuadMerkleTree({ depth: 2 * LEVELS, emptyLeaf: 0n });
    for (let i = 0; i < 20; i++) tree.set(randomInt(64), randomField());
    const index = randomInt(64);
    tree.set(index, randomField());
    const path = tree.auditPath(index);
    const siblings = path.siblings.map((s) => [...s]);
    const level = randomInt(LEVELS);
    const slot = randomInt(3);
    siblings[level]![slot] = (siblings[level]![slot]! + 1n) % FIELD_MODULUS;
    const account = [0n, 0n, 0n, 0n, 0n];
    const tampered = await calculateWitness(circuit.wasmPath, { leaf: path.leaf, index: BigInt(index), siblings, account });
    expect(tampered[1]).not.toBe(tree.root());
    const moved = await calculateWitness(circuit.wasmPath, { leaf: path.leaf, index: BigInt(index ^ 1), siblings: path.siblings.map((s) => [...s]), account });
    expect(moved[1]).not.toBe(tree.root());
  });
});
