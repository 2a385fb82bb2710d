import { randomBytes, randomInt } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { FR_MODULUS, rescueHash, rescuePermutation } from "@zklite/crypto-wasm/ts";
import { compileCircuit, type CompiledCircuit } from "../circom-compiler.js";
import { calculateWitness } from "../witness-calculator.js";

const MAX_INPUTS = 5;
const SOURCE = `pragma circom 2.1.0;
include "rescue.circom";

template RescueTestbench() {
    signal input state[3];
${[...Array(MAX_INPUTS).keys()].map((i) => `    signal input in${i + 1}[${i + 1}];`).join("\n")}
    signal output permuted[3];
    signal output hashes[${MAX_INPUTS}];

    permuted <== RescuePermutation()(state);
${[...Array(MAX_INPUTS).keys()].map((i) => `    hashes[${i}] <== RescueHash(${i + 1})(in${i + 1});`).join("\n")}
}

component main = RescueTestbench();
`;

const randomElement = (): bigint => BigInt(`0x${randomBytes(40).toString("hex")}`) % FR_MODULUS;
const EDGES = [0n, 1n, FR_MODULUS - 1n, (1n << 253n) - 1n];

describe("RescuePermutation and RescueHash(n) in circom", () => {
  let circuit: CompiledCircuit;
  beforeAll(async () => {
    circuit = await compileCircuit("rescue_testbench", SOURCE);
  });

  it("costs 396 constraints per permutation", () => {
    // one permutation, then ceil(n / 2) per hash
    expect(circuit.header.constraints).toBe(396 * (1 + 1 + 1 + 2 + 2 + 3));
  });

  it("matches @zklite/crypto-wasm's permutation and fixed-length sponge on random and edge inputs", async () => {
    for (let run = 0; run < 6; run++) {
      const pick = (): bigint => (run < 2 ? EDGES[randomInt(EDGES.length)]! : randomElement());
      const state = [pick(), pick(), pick()];
      const inputs = [...Array(MAX_INPUTS).keys()].map((i) => Array.from({ length: i + 1 }, pick));
      const input = Object.fromEntries([["state", state], ...inputs.map((values, i) => [`in${i + 1}`, values])]);
      const witness = await calculateWitness(circuit.wasmPath, input);
      expect(witness.slice(1, 4)).toEqual(rescuePermutation(state));
      expect(witness.slice(4, 4 + MAX_INPUTS)).toEqual(inputs.map((values) => rescueHash(values)));
    }
  });

  it("depends on every input element (padding with ones is not the same as a trailing one)", async () => {
    const base = { state: [1n, 2n, 3n], in1: [7n], in2: [7n, 1n], in3: [1n, 2n, 3n], in4: [1n, 2n, 3n, 1n], in5: [1n, 2n, 3n, 4n, 5n] };
    const witness = await calculateWitness(circuit.wasmPath, base);
    const hashes = witness.slice(4, 4 + MAX_INPUTS);
    expect(hashes[0]).not.toBe(hashes[1]); // [7] vs [7, 1]: same absorbed pair, different length in the capacity
    expect(hashes[2]).not.toBe(hashes[3]);
    const changed = await calculateWitness(circuit.wasmPath, { ...base, in5: [1n, 2n, 3n, 4n, 6n] });
    expect(changed.slice(4, 8)).toEqual(hashes.slice(0, 4));
    expect(changed[8]).not.toBe(hashes[4]);
  });
});
