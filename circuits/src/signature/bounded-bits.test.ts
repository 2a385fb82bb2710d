import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { FR_MODULUS, SUBGROUP_ORDER } from "@zklite/crypto-wasm/ts";
import { compileCircuit, type CompiledCircuit } from "../circom-compiler.js";
import { calculateWitness, type CircuitInput } from "../witness-calculator.js";

// Small instances are checked exhaustively against their bound; FieldBits and the signature's s < l instance on
// edge values. (An alias decomposition of a field element cannot be fed through the witness calculator, which
// computes the bits itself; the bound logic it would have to pass is the one the small instances exercise.)
const SMALL_BOUNDS: readonly [bits: number, maxValue: number][] = [
  [8, 0],
  [8, 1],
  [8, 127],
  [8, 128],
  [8, 200],
  [8, 255],
  [7, 100],
  [7, 15],
];
const SOURCE = `pragma circom 2.1.0;
include "rescue.circom";

template BoundedBitsTestbench() {
    signal input small[${SMALL_BOUNDS.length}];
    signal input scalar;
    signal input field;
    signal output scalarBits[251];
    signal output fieldBits[254];

${SMALL_BOUNDS.map(([bits, max], i) => `    _ <== BoundedBits(${bits}, ${max})(small[${i}]);`).join("\n")}
    scalarBits <== BoundedBits(251, ${SUBGROUP_ORDER - 1n})(scalar);
    fieldBits <== FieldBits()(field);
}

component main = BoundedBitsTestbench();
`;

const bitsOf = (value: bigint, count: number): bigint[] => Array.from({ length: count }, (_, i) => (value >> BigInt(i)) & 1n);
const unsatisfied = expect.objectContaining({ code: "CIRCUIT_UNSATISFIED" });

describe("BoundedBits and FieldBits", () => {
  let circuit: CompiledCircuit;
  const valid: CircuitInput = { small: SMALL_BOUNDS.map(() => 0n), scalar: 0n, field: 0n };
  const withSmall = (index: number, value: bigint): CircuitInput => ({ ...valid, small: SMALL_BOUNDS.map((_, i) => (i === index ? value : 0n)) });
  beforeAll(async () => {
    circuit = await compileCircuit("bounded_bits_testbench", SOURCE);
  });

  it("accept exactly the values up to the bound (every value below 2^(n+1) of each small instance)", async () => {
    for (const [index, [bits, max]] of SMALL_BOUNDS.entries()) {
      for (let value = 0; value < 2 ** (bits + 1); value++) {
        const outcome = calculateWitness(circuit.wasmPath, withSmall(index, BigInt(value)));
        if (value <= max) await expect(outcome, `${value} <= ${max}`).resolves.toBeDefined();
        else await expect(outcome, `${value} > ${max}`).rejects.toThrow(unsatisfied);
      }
    }
  });

  it("decompose s < l and reject s >= l", async () => {
    const random = BigInt(`0x${randomBytes(32).toString("hex")}`) % SUBGROUP_ORDER;
    for (const scalar of [0n, 1n, random, 1n << 250n, SUBGROUP_ORDER - 1n]) {
      const witness = await calculateWitness(circuit.wasmPath, { ...valid, scalar });
      expect(witness.slice(1, 252)).toEqual(bitsOf(scalar, 251));
    }
    for (const scalar of [SUBGROUP_ORDER, SUBGROUP_ORDER + 1n, (1n << 251n) - 1n, 1n << 251n, FR_MODULUS - 1n]) {
      await expect(calculateWitness(circuit.wasmPath, { ...valid, scalar }), `${scalar}`).rejects.toThrow(unsatisfied);
    }
  });

  it("give the canonical bits of any field element", async () => {
    const random = BigInt(`0x${randomBytes(40).toString("hex")}`) % FR_MODULUS;
    const highHalf = (FR_MODULUS - 1n) >> 127n;
    for (const field of [0n, 1n, random, (1n << 253n) + 5n, FR_MODULUS - 1n, FR_MODULUS - 2n, highHalf << 127n, (highHalf << 127n) - 1n]) {
      const witness = await calculateWitness(circuit.wasmPath, { ...valid, field });
      expect(witness.slice(252, 506)).toEqual(bitsOf(field, 254));
    }
  });
});
