import { readFileSync } from "node:fs";
import * as snarkjs from "snarkjs";
import { beforeAll, describe, expect, it } from "vitest";
import { nativeEngine } from "./engines/native.js";
import type { ProveResult } from "./engines/types.js";
import { snarkjsEngine } from "./engines/snarkjs.js";
import { ProverError } from "./errors.js";
import { nativeProverStatus } from "./native-binary.js";
import {
  devKeyFixture,
  type Fixture,
  mediumInput,
  readJson,
  sectionsOf,
  smallFixture,
  smallInput,
  witnessBytes,
  writeTemp,
} from "./test-support/fixtures.js";

async function expectCode(promise: Promise<unknown>, code: string): Promise<ProverError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ProverError);
  expect((error as ProverError).code).toBe(code);
  return error as ProverError;
}

async function verifies(fixture: Fixture, result: ProveResult): Promise<boolean> {
  return snarkjs.groth16.verify(readJson(fixture.vkeyPath), result.publicSignals, result.proof);
}

/** A witness whose private signal `index` is changed: no longer satisfies the circuit. */
function tamperedWitness(wtns: Uint8Array, index: number): Uint8Array {
  const copy = new Uint8Array(wtns);
  const values = sectionsOf(copy).get(2);
  if (values === undefined) throw new Error("no witness values");
  const at = values.offset + index * 32;
  copy[at] = (copy[at]! + 1) % 256;
  if (copy[at] === 0) copy[at + 1] = (copy[at + 1]! + 1) % 256;
  return copy;
}

describe("native Groth16 prover", () => {
  let small: Fixture;
  let smallDev: Fixture;
  let medium: Fixture;

  beforeAll(async () => {
    expect(nativeProverStatus()).toMatchObject({ available: true });
    small = await smallFixture();
    smallDev = await devKeyFixture("small");
    medium = await devKeyFixture("medium");
  });

  it("proves the small circuit with a snarkjs-made (contributed) key: snarkjs verifies, on random inputs", async () => {
    for (let i = 0; i < 3; i++) {
      const wtns = await witnessBytes(small, smallInput());
      const path = writeTemp("small.wtns", wtns);
      const fromFile = await nativeEngine.prove(small.zkeyPath, path, { r1csPath: small.r1csPath });
      expect(fromFile.proof.protocol).toBe("groth16");
      expect(fromFile.proof.curve).toBe("bn128");
      expect(fromFile.proof.pi_a).toHaveLength(3);
      expect(fromFile.proof.pi_b).toHaveLength(3);
      expect(await verifies(small, fromFile)).toBe(true);
      const fromBytes = await nativeEngine.prove(small.zkeyPath, wtns);
      expect(fromBytes.publicSignals).toEqual(fromFile.publicSignals);
      expect(await verifies(small, fromBytes)).toBe(true);
      // same public signals as snarkjs, and a changed one is rejected
      const reference = await snarkjsEngine.prove(small.zkeyPath, wtns);
      expect(fromBytes.publicSignals).toEqual(reference.publicSignals);
      const changed = [...fromBytes.publicSignals];
      changed[0] = (BigInt(changed[0]!) + 1n).toString();
      expect(await snarkjs.groth16.verify(readJson(small.vkeyPath), changed, fromBytes.proof)).toBe(false);
    }
  });

  it("proves a 49,440-constraint circuit with fast dev keys; snarkjs verifies", async () => {
    const wtns = await witnessBytes(medium, mediumInput());
    const result = await nativeEngine.prove(medium.zkeyPath, wtns, { r1csPath: medium.r1csPath });
    expect(result.stats?.domain).toBe(65536);
    expect(await verifies(medium, result)).toBe(true);
  });

  it("refuses a witness that does not satisfy the R1CS before proving, and otherwise yields a failing proof", async () => {
    const wtns = await witnessBytes(small, smallInput());
    const bad = tamperedWitness(wtns, 10); // a private signal in the chain of squares
    const error = await expectCode(nativeEngine.prove(small.zkeyPath, bad, { r1csPath: small.r1csPath }), "R1CS_UNSATISFIED");
    expect(error.message).toMatch(/constraint \d+/);
    const unchecked = await nativeEngine.prove(small.zkeyPath, bad);
    expect(await verifies(small, unchecked)).toBe(false);
    await expectCode(snarkjsEngine.prove(small.zkeyPath, bad, { r1csPath: small.r1csPath }), "R1CS_UNSATISFIED");
  });

  it("refuses a key of another circuit, a truncated, corrupted or foreign file with a typed error", async () => {
    const smallWtns = await witnessBytes(small, smallInput());
    await expectCode(nativeEngine.prove(medium.zkeyPath, smallWtns), "WITNESS_LENGTH_MISMATCH");
    await expectCode(snarkjsEngine.prove(medium.zkeyPath, smallWtns), "WITNESS_LENGTH_MISMATCH");
    await expectCode(nativeEngine.prove(small.zkeyPath, smallWtns, { r1csPath: medium.r1csPath }), "R1CS_MISMATCH");

    const zkey = readFileSync(small.zkeyPath);
    const sections = sectionsOf(zkey);
    for (const cut of [5, 100, Math.floor(zkey.length / 2), zkey.length - 1]) {
      await expectCode(nativeEngine.prove(writeTemp("cut.zkey", zkey.subarray(0, cut)), smallWtns), "ZKEY_TRUNCATED");
    }
    // a coordinate of an A point changed: not on the curve
    const a = sections.get(5)!;
    const offPoint = new Uint8Array(zkey);
    let nonZero = a.offset;
    while (offPoint.subarray(nonZero, nonZero + 64).every((byte) => byte === 0)) nonZero += 64;
    offPoint[nonZero + 3] = offPoint[nonZero + 3]! ^ 0x10;
    await expectCode(nativeEngine.prove(writeTemp("point.zkey", offPoint), smallWtns), "ZKEY_CORRUPT");
    // a coefficient's signal index out of range
    const coefs = sections.get(4)!;
    const badCoef = new Uint8Array(zkey);
    new DataView(badCoef.buffer).setUint32(coefs.offset + 4 + 8, 0xfffffff0, true);
    await expectCode(nativeEngine.prove(writeTemp("coef.zkey", badCoef), smallWtns), "ZKEY_CORRUPT");
    // a header count that disagrees with the sections
    const header = sections.get(2)!;
    const badHeader = new Uint8Array(zkey);
    new DataView(badHeader.buffer).setUint32(header.offset + 72, 5000, true);
    await expectCode(nativeEngine.prove(writeTemp("header.zkey", badHeader), smallWtns), "ZKEY_CORRUPT");
    // not a zkey at all, a PLONK-like protocol id, a missing file, an empty or cut witness
    await expectCode(nativeEngine.prove(small.r1csPath, smallWtns), "ZKEY_INVALID");
    const plonk = new Uint8Array(zkey);
    new DataView(plonk.buffer).setUint32(sections.get(1)!.offset, 2, true);
    await expectCode(nativeEngine.prove(writeTemp("plonk.zkey", plonk), smallWtns), "ZKEY_UNSUPPORTED");
    await expectCode(nativeEngine.prove(`${small.zkeyPath}.missing`, smallWtns), "FILE_NOT_FOUND");
    await expectCode(nativeEngine.prove(small.zkeyPath, new Uint8Array(0)), "WTNS_TRUNCATED");
    await expectCode(nativeEngine.prove(small.zkeyPath, smallWtns.subarray(0, smallWtns.length - 7)), "WTNS_TRUNCATED");
  });

  it("stops a proof when its signal aborts", async () => {
    const wtns = await witnessBytes(medium, mediumInput());
    const controller = new AbortController();
    const proving = nativeEngine.prove(medium.zkeyPath, wtns, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expectCode(proving, "ABORTED");
  });

  it("the snarkjs engine gives proofs of the same shape, verified the same way", async () => {
    const wtns = await witnessBytes(smallDev, smallInput());
    const viaSnarkjs = await snarkjsEngine.prove(smallDev.zkeyPath, wtns);
    const viaNative = await nativeEngine.prove(smallDev.zkeyPath, wtns);
    expect(Object.keys(viaNative.proof).sort()).toEqual(Object.keys(viaSnarkjs.proof).sort());
    expect(viaNative.proof.pi_b[2]).toEqual(viaSnarkjs.proof.pi_b[2]);
    expect(await verifies(smallDev, viaSnarkjs)).toBe(true);
    expect(await verifies(smallDev, viaNative)).toBe(true);
  });
});
