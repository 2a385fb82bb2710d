import { execFileSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import * as snarkjs from "snarkjs";
import { beforeAll, describe, expect, it } from "vitest";
import { BN128_R, generateDevZkey, generateDevZkeySync } from "./devkeys.js";
import { nativeEngine } from "./engines/native.js";
import { snarkjsEngine } from "./engines/snarkjs.js";
import { ProverError } from "./errors.js";
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

const require = createRequire(import.meta.url);

describe("fast INSECURE dev keys", () => {
  let small: Fixture;
  let smallDev: Fixture;
  let medium: Fixture;

  beforeAll(async () => {
    small = await smallFixture();
    smallDev = await devKeyFixture("small");
    medium = await devKeyFixture("medium");
  });

  it("lays the key out as snarkjs' groth16 setup does: same header counts, section sizes and coefficients", () => {
    const ours = readFileSync(smallDev.zkeyPath);
    const theirs = readFileSync(small.zkeyPath);
    const a = sectionsOf(ours);
    const b = sectionsOf(theirs);
    for (const id of [1, 2, 3, 4, 5, 6, 7, 8, 9]) expect(a.get(id)?.size, `section ${id}`).toBe(b.get(id)?.size);
    const header = (data: Uint8Array, at: number) => Buffer.from(data.subarray(at, at + 84));
    expect(header(ours, a.get(2)!.offset)).toEqual(header(theirs, b.get(2)!.offset)); // primes, nVars, nPublic, domain
    const coefficients = (data: Uint8Array, s: { offset: number; size: number }) => Buffer.from(data.subarray(s.offset, s.offset + s.size));
    expect(coefficients(ours, a.get(4)!)).toEqual(coefficients(theirs, b.get(4)!));
  });

  it("snarkjs proves with a dev key and verifies against the key snarkjs exports from it, and so does the native prover", async () => {
    const wtns = await witnessBytes(medium, mediumInput());
    const vkey = readJson(medium.vkeyPath);
    const bySnarkjs = await snarkjsEngine.prove(medium.zkeyPath, wtns);
    expect(await snarkjs.groth16.verify(vkey, bySnarkjs.publicSignals, bySnarkjs.proof)).toBe(true);
    const byNative = await nativeEngine.prove(medium.zkeyPath, wtns);
    expect(await snarkjs.groth16.verify(vkey, byNative.publicSignals, byNative.proof)).toBe(true);
    expect(byNative.publicSignals).toEqual(bySnarkjs.publicSignals);
  });

  it("exports a Solidity verifier and accepts a phase-2 contribution made with snarkjs", async () => {
    const template = readFileSync(path.join(path.dirname(require.resolve("snarkjs")), "..", "templates", "verifier_groth16.sol.ejs"), "utf8");
    const solidity = await snarkjs.zKey.exportSolidityVerifier(smallDev.zkeyPath, { groth16: template });
    expect(solidity).toContain("contract Groth16Verifier");
    const contributed = writeTemp("contributed.zkey", "");
    const cli = path.join(path.dirname(require.resolve("snarkjs")), "cli.cjs");
    execFileSync(process.execPath, [cli, "zkey", "contribute", smallDev.zkeyPath, contributed, "-n=test", "-e=entropy"], { stdio: "ignore" });
    const vkey = await snarkjs.zKey.exportVerificationKey(contributed);
    const result = await nativeEngine.prove(contributed, await witnessBytes(smallDev, smallInput()));
    expect(await snarkjs.groth16.verify(vkey, result.publicSignals, result.proof)).toBe(true);
    rmSync(contributed, { force: true });
  });

  it("is reproducible from its secrets and refuses bad ones", async () => {
    const secrets = { tau: 5n, alpha: 7n, beta: 11n, gamma: 13n, delta: BN128_R - 1n };
    const one = writeTemp("one.zkey", "");
    const two = writeTemp("two.zkey", "");
    await generateDevZkey({ r1csPath: small.r1csPath, zkeyPath: one, secrets, threads: 1 });
    generateDevZkeySync({ r1csPath: small.r1csPath, zkeyPath: two, secrets });
    expect(readFileSync(one).equals(readFileSync(two))).toBe(true);
    await expect(generateDevZkey({ r1csPath: small.r1csPath, zkeyPath: one, secrets: { ...secrets, tau: 0n } })).rejects.toBeInstanceOf(ProverError);
    await expect(generateDevZkey({ r1csPath: small.r1csPath, zkeyPath: one, secrets: { ...secrets, beta: BN128_R } })).rejects.toThrow(/beta/);
    await expect(generateDevZkey({ r1csPath: small.zkeyPath, zkeyPath: one })).rejects.toMatchObject({ code: "R1CS_INVALID" });
    rmSync(one, { force: true });
    rmSync(two, { force: true });
  });
});
