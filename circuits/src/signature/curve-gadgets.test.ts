import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { AltBabyJubjubPoint, decompressPoint, GENERATOR, multiplyGenerator, SUBGROUP_ORDER } from "@zklite/crypto-wasm/ts";
import { compileCircuit, type CompiledCircuit } from "../circom-compiler.js";
import { calculateWitness, type CircuitInput } from "../witness-calculator.js";

// The curve pieces of ZkSyncSignatureVerifier, with AltBabyJubjub coordinates in and out.
const SOURCE = `pragma circom 2.1.0;
include "zksync_signature.circom";

template CurveTestbench() {
    signal input e[250];
    signal input point[2];
    signal input s[251];
    signal input checked[2];
    signal output product[2];
    signal output generatorProduct[2];

    var SCALE = ALT_TO_BABYJUB_X_SCALE();
    signal babyProduct[2] <== BabyJubJubScalarMul(250)(e, [point[0] * SCALE, point[1]]);
    product <== [babyProduct[0] / SCALE, babyProduct[1]];
    signal babyGeneratorProduct[2] <== EscalarMulFix(251, SIGNATURE_GENERATOR_BABYJUB())(s);
    generatorProduct <== [babyGeneratorProduct[0] / SCALE, babyGeneratorProduct[1]];

    component check = AltBabyJubjubNotSmallOrder();
    check.x <== checked[0];
    check.y <== checked[1];
}

component main = CurveTestbench();
`;

const bitsOf = (value: bigint, count: number): bigint[] => Array.from({ length: count }, (_, i) => (value >> BigInt(i)) & 1n);
const randomBelow = (bound: bigint): bigint => BigInt(`0x${randomBytes(40).toString("hex")}`) % bound;
const littleEndian32 = (value: bigint): Uint8Array => Uint8Array.from({ length: 32 }, (_, i) => Number((value >> BigInt(8 * i)) & 0xffn));
const affine = (point: AltBabyJubjubPoint): bigint[] => {
  const { x, y } = point.toAffine();
  return [x, y];
};
const unsatisfied = expect.objectContaining({ code: "CIRCUIT_UNSATISFIED" });

/** The 8 points of order dividing 8: multiples of l·P for a curve point P with l·P of order 8. */
function smallOrderPoints(): AltBabyJubjubPoint[] {
  for (let y = 2n; ; y++) {
    const torsion = decompressPoint(littleEndian32(y))?.multiply(SUBGROUP_ORDER);
    if (torsion === undefined || torsion.double().double().isIdentity()) continue;
    return [...Array(8).keys()].map((k) => torsion.multiply(BigInt(k)));
  }
}

describe("curve gadgets of the signature verifier", () => {
  let circuit: CompiledCircuit;
  const G = AltBabyJubjubPoint.fromAffine(GENERATOR);
  const smallOrder = smallOrderPoints();
  const base: CircuitInput = { e: bitsOf(0n, 250), point: affine(G), s: bitsOf(0n, 251), checked: affine(G) };
  beforeAll(async () => {
    circuit = await compileCircuit("curve_gadgets_testbench", SOURCE);
  });

  it("finds the 8 small-order points (orders 1, 2, 4, 4, 8, 8, 8, 8)", () => {
    const orders = smallOrder.map((point) => [1n, 2n, 4n, 8n].find((n) => point.multiply(n).isIdentity()));
    expect(orders.map(Number).sort()).toEqual([1, 2, 4, 4, 8, 8, 8, 8]);
  });

  it("BabyJubJubScalarMul(250) computes e·P for edge and random scalars, also for P with a small-order component", async () => {
    const subgroupPoint = multiplyGenerator(randomBelow(SUBGROUP_ORDER));
    const points = [G, subgroupPoint, ...[1, 2, 4].map((k) => subgroupPoint.add(smallOrder[k]!))];
    const top = (1n << 250n) - 1n;
    const scalars = [0n, 1n, 2n, 3n, 4n, 5n, 1n << 249n, (1n << 249n) - 1n, top, top - 1n, randomBelow(1n << 20n), randomBelow(1n << 250n), randomBelow(1n << 250n)];
    for (const [index, point] of points.entries()) {
      for (const e of index === 0 ? scalars : scalars.filter((_, i) => i % 3 === index % 3)) {
        const witness = await calculateWitness(circuit.wasmPath, { ...base, e: bitsOf(e, 250), point: affine(point) });
        expect(witness.slice(1, 3), `${e}`).toEqual(affine(point.multiply(e)));
      }
    }
  });

  it("EscalarMulFix(251, G) computes s·G for every 251-bit s", async () => {
    for (const s of [0n, 1n, 2n, SUBGROUP_ORDER - 1n, SUBGROUP_ORDER, (1n << 251n) - 1n, 1n << 250n, randomBelow(SUBGROUP_ORDER), randomBelow(SUBGROUP_ORDER)]) {
      const witness = await calculateWitness(circuit.wasmPath, { ...base, s: bitsOf(s, 251) });
      expect(witness.slice(3, 5), `${s}`).toEqual(affine(multiplyGenerator(s)));
    }
  });

  it("AltBabyJubjubNotSmallOrder accepts curve points of large order and rejects small-order and off-curve points", async () => {
    const subgroupPoint = multiplyGenerator(randomBelow(SUBGROUP_ORDER));
    for (const point of [subgroupPoint, ...smallOrder.slice(1).map((torsion) => subgroupPoint.add(torsion))]) {
      await expect(calculateWitness(circuit.wasmPath, { ...base, checked: affine(point) })).resolves.toBeDefined();
    }
    for (const point of smallOrder) {
      await expect(calculateWitness(circuit.wasmPath, { ...base, checked: affine(point) }), `${affine(point)}`).rejects.toThrow(unsatisfied);
    }
    const [x, y] = affine(subgroupPoint) as [bigint, bigint];
    await expect(calculateWitness(circuit.wasmPath, { ...base, checked: [x, y + 1n] })).rejects.toThrow(unsatisfied);
    await expect(calculateWitness(circuit.wasmPath, { ...base, checked: [0n, 0n] })).rejects.toThrow(unsatisfied);
  });
});
