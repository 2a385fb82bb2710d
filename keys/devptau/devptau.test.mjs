// The INSECURE dev ptau generator against three oracles: snarkjs' own `prepare phase2` (byte for byte),
// point-by-point ffjavascript scalar multiplications of exponents computed here from their definitions,
// and a full Groth16 round trip (circom2 circuit -> setup -> contribute -> prove -> verify).
import { Buffer } from "node:buffer";
import process from "node:process";
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as binFileUtils from "@iden3/binfileutils";
import { ZkLiteError } from "@zklite/crypto-wasm";
import { buildBn128 } from "ffjavascript";
import * as snarkjs from "snarkjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BN128_R, devPtauSecrets, generateDevPtau } from "./devptau.mjs";
import { buildDir, ensureDevPtauBinary } from "./native-build.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, "..", "..");
const scratch = path.join(buildDir, `test-${process.pid}`);
const SEED = "5eed0fdeadbeef";
const POWER = 8;
const quiet = () => {};

const BN128_Q = 21888242871839275222246405745257275088696311157297823662689037894645226208583n;
const mod = (a) => ((a % BN128_R) + BN128_R) % BN128_R;
function powMod(base, exponent) {
  let result = 1n;
  let b = mod(base);
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % BN128_R;
    b = (b * b) % BN128_R;
  }
  return result;
}
const invMod = (a) => powMod(a, BN128_R - 2n);

/** Sections of a ptau file as { id: Buffer }, failing on duplicated sections. */
async function readSections(file) {
  const { fd, sections } = await binFileUtils.readBinFile(file, "ptau", 1);
  const out = {};
  for (const [id, list] of Object.entries(sections)) {
    expect(list, `section ${id} appears once`).toHaveLength(1);
    out[id] = Buffer.from(await fd.read(list[0].size, list[0].p));
  }
  await fd.close();
  return out;
}

let curve;
let ptau8;

beforeAll(async () => {
  mkdirSync(scratch, { recursive: true });
  curve = await buildBn128(true);
  ptau8 = path.join(scratch, "seeded8.ptau");
  await generateDevPtau({ power: POWER, out: ptau8, seed: SEED, log: quiet });
}, 120_000);

afterAll(async () => {
  rmSync(scratch, { recursive: true, force: true });
  await globalThis.curve_bn128?.terminate?.();
});

describe("devptau file contents", () => {
  it("is byte-identical to snarkjs' own prepare phase2 of the same raw powers", async () => {
    const { fd, sections } = await binFileUtils.readBinFile(ptau8, "ptau", 1);
    const raw = path.join(scratch, "raw8.ptau");
    const rawFd = await binFileUtils.createBinFile(raw, "ptau", 1, 7);
    for (let id = 1; id <= 7; id++) await binFileUtils.copySection(fd, sections, rawFd, id);
    await rawFd.close();
    await fd.close();
    const prepared = path.join(scratch, "snarkjs-prepared8.ptau");
    await snarkjs.powersOfTau.preparePhase2(raw, prepared);
    const ours = readFileSync(ptau8);
    const theirs = readFileSync(prepared);
    expect(ours.length).toBe(theirs.length);
    expect(ours.equals(theirs)).toBe(true);
  }, 120_000);

  it("holds, point by point, the ffjavascript multiples of tau/alpha/beta powers and Lagrange values", async () => {
    const { tau, alpha, beta } = devPtauSecrets(SEED);
    const sections = await readSections(ptau8);
    expect(Object.keys(sections).map(Number).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 12, 13, 14, 15]);

    const header = sections[1];
    expect(header.length).toBe(44);
    expect(header.readUInt32LE(0)).toBe(32);
    expect(BigInt(`0x${Buffer.from(header.subarray(4, 36)).reverse().toString("hex")}`)).toBe(BN128_Q);
    expect(header.readUInt32LE(36)).toBe(POWER);
    expect(header.readUInt32LE(40)).toBe(POWER);
    expect(sections[7].readUInt32LE(0)).toBe(0);
    expect(sections[7].length).toBe(4);

    const { Fr } = curve;
    const expectPoints = (G, name, section, scalars) => {
      const size = G.F.n8 * 2;
      expect(section.length, `${name} size`).toBe(scalars.length * size);
      const expected = new Uint8Array(size);
      for (let i = 0; i < scalars.length; i++) {
        G.toRprLEM(expected, 0, G.timesFr(G.g, Fr.e(scalars[i])));
        const actual = section.subarray(i * size, (i + 1) * size);
        if (!actual.equals(Buffer.from(expected))) expect.fail(`${name}[${i}] differs`);
      }
    };
    const powersOf = (factor, n) => Array.from({ length: n }, (_, i) => mod(factor * powMod(tau, BigInt(i))));
    const domain = 2 ** POWER;
    expectPoints(curve.G1, "tauG1", sections[2], powersOf(1n, 2 * domain - 1));
    expectPoints(curve.G2, "tauG2", sections[3], powersOf(1n, domain));
    expectPoints(curve.G1, "alphaTauG1", sections[4], powersOf(alpha, domain));
    expectPoints(curve.G1, "betaTauG1", sections[5], powersOf(beta, domain));
    expectPoints(curve.G2, "betaG2", sections[6], [beta]);

    // snarkjs' Lagrange sections are inverse DFTs of the powers over ffjavascript's roots of unity:
    // entry j of domain m = 2^p is (1/m) sum_{i<n} tau^i w^(-ij), n = m (n = m - 1 for the extra tauG1 domain)
    const lagrange = (p, terms) => {
      const m = 2 ** p;
      const w = BigInt(Fr.toString(Fr.w[p]));
      const invM = invMod(BigInt(m));
      const wInv = invMod(w);
      const values = [];
      for (let j = 0; j < m; j++) {
        const x = mod(tau * powMod(wInv, BigInt(j)));
        let sum = 0n;
        for (let i = terms(m) - 1; i >= 0; i--) sum = (sum * x + 1n) % BN128_R;
        values.push(mod(sum * invM));
      }
      return values;
    };
    const perDomain = [];
    for (let p = 0; p <= POWER; p++) perDomain.push(...lagrange(p, (m) => m));
    const extraDomain = lagrange(POWER + 1, (m) => m - 1);
    expectPoints(curve.G1, "lagrange tauG1", sections[12], [...perDomain, ...extraDomain]);
    expectPoints(curve.G2, "lagrange tauG2", sections[13], perDomain);
    expectPoints(curve.G1, "lagrange alphaTauG1", sections[14], perDomain.map((v) => mod(v * alpha)));
    expectPoints(curve.G1, "lagrange betaTauG1", sections[15], perDomain.map((v) => mod(v * beta)));
  }, 120_000);

  it("at 2^16 (many batches, threads and output chunks) is thread-independent and right at the seams", async () => {
    const seed = "16";
    const power = 16;
    const twoThreads = path.join(scratch, "seeded16-2.ptau");
    const oneThread = path.join(scratch, "seeded16-1.ptau");
    await generateDevPtau({ power, out: twoThreads, seed, threads: 2, log: quiet });
    await generateDevPtau({ power, out: oneThread, seed, threads: 1, log: quiet });
    expect(readFileSync(twoThreads).equals(readFileSync(oneThread))).toBe(true);
    rmSync(oneThread);

    const { tau, alpha, beta } = devPtauSecrets(seed);
    const { Fr } = curve;
    const { fd, sections } = await binFileUtils.readBinFile(twoThreads, "ptau", 1);
    const checkPoint = async (G, id, index, scalar) => {
      const size = G.F.n8 * 2;
      const expected = new Uint8Array(size);
      G.toRprLEM(expected, 0, G.timesFr(G.g, Fr.e(scalar)));
      const actual = await fd.read(size, sections[id][0].p + index * size);
      expect(Buffer.from(actual).equals(Buffer.from(expected)), `section ${id}[${index}]`).toBe(true);
    };
    // entry j of the Lagrange domain 2^p from its definition, (1/m) sum_{i<n} (tau w^-j)^i
    const lagrangeValue = (p, j, dropLast) => {
      const m = 2 ** p;
      const x = mod(tau * powMod(invMod(BigInt(Fr.toString(Fr.w[p]))), BigInt(j)));
      let sum = 0n;
      for (let i = (dropLast ? m - 1 : m) - 1; i >= 0; i--) sum = (sum * x + 1n) % BN128_R;
      return mod(sum * invMod(BigInt(m)));
    };
    const domain = 2 ** power;
    // batches are 1024 points, output chunks 2^17 points
    for (const i of [0, 1023, 1024, 65535, 65536, 2 * domain - 2]) await checkPoint(curve.G1, 2, i, powMod(tau, BigInt(i)));
    for (const i of [0, 1025, domain - 1]) await checkPoint(curve.G2, 3, i, powMod(tau, BigInt(i)));
    for (const i of [1, domain - 1]) await checkPoint(curve.G1, 4, i, mod(alpha * powMod(tau, BigInt(i))));
    for (const i of [2, domain - 1]) await checkPoint(curve.G1, 5, i, mod(beta * powMod(tau, BigInt(i))));
    // Lagrange sections: domain 2^p starts at entry 2^p - 1; tauG1 ends with the extra domain 2^17
    const top = domain - 1;
    await checkPoint(curve.G1, 12, top + 1023, lagrangeValue(power, 1023, false));
    await checkPoint(curve.G1, 12, 2 * domain - 1, lagrangeValue(power + 1, 0, true));
    await checkPoint(curve.G1, 12, 2 * domain, lagrangeValue(power + 1, 1, true)); // first point of chunk 2
    await checkPoint(curve.G1, 12, 4 * domain - 2, lagrangeValue(power + 1, 2 * domain - 1, true));
    await checkPoint(curve.G2, 13, top + 1024, lagrangeValue(power, 1024, false));
    await checkPoint(curve.G2, 13, 2 * domain - 2, lagrangeValue(power, domain - 1, false));
    await checkPoint(curve.G1, 14, top + 5, mod(alpha * lagrangeValue(power, 5, false)));
    await checkPoint(curve.G1, 15, 2 * domain - 2, mod(beta * lagrangeValue(power, domain - 1, false)));
    await checkPoint(curve.G1, 15, 2 ** 10 - 1 + 77, mod(beta * lagrangeValue(10, 77, false)));
    await fd.close();
  }, 120_000);

  it("passes the generator's own comb self-test (edge-case scalars, exceptional additions, several windows)", () => {
    const result = spawnSync(ensureDevPtauBinary(quiet), ["--selftest"], { encoding: "utf8" });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toContain("selftest ok");
    expect(result.stderr).toMatch(/window 16: \d+ scalars, fallback used [1-9]\d* \(G1\) [1-9]\d* \(G2\)/);
  }, 60_000);
});

describe("devptau secrets and arguments", () => {
  it("is reproducible with a seed and random without one", async () => {
    const files = ["a", "b", "c", "d", "e"].map((name) => path.join(scratch, `${name}.ptau`));
    await generateDevPtau({ power: 2, out: files[0], seed: "01", log: quiet });
    await generateDevPtau({ power: 2, out: files[1], seed: "01", log: quiet });
    await generateDevPtau({ power: 2, out: files[2], seed: "02", log: quiet });
    await generateDevPtau({ power: 2, out: files[3], log: quiet });
    await generateDevPtau({ power: 2, out: files[4], threads: 1, log: quiet });
    const [a, b, c, d, e] = files.map((file) => readFileSync(file));
    expect(a.equals(b)).toBe(true);
    expect(a.equals(c)).toBe(false);
    expect(d.equals(a)).toBe(false);
    expect(d.equals(e)).toBe(false);
    // header + 2^3 - 1 tauG1 + 2^2 tauG2 + 2 * 2^2 G1 + betaG2 + 0 contributions + Lagrange (2^4 - 1 G1 more)
    const g1 = 64;
    const g2 = 128;
    expect(statSync(files[0]).size).toBe(12 + 11 * 12 + 44 + 7 * g1 + 4 * g2 + 8 * g1 + g2 + 4 + 15 * g1 + 7 * g2 + 14 * g1);
  }, 60_000);

  it("derives distinct nonzero secrets below r", () => {
    for (const secrets of [devPtauSecrets(), devPtauSecrets("00"), devPtauSecrets("ABCDEF")]) {
      const values = [secrets.tau, secrets.alpha, secrets.beta];
      for (const v of values) expect(v > 0n && v < BN128_R).toBe(true);
      expect(new Set(values).size).toBe(3);
    }
    expect(devPtauSecrets("abcdef")).toEqual(devPtauSecrets("ABCDEF"));
    expect(devPtauSecrets("00")).not.toEqual(devPtauSecrets("0000"));
  });

  it("rejects bad powers, seeds and thread counts with stable codes", async () => {
    const out = path.join(scratch, "never.ptau");
    for (const power of [0, 28, 1.5, -1, Number.NaN, "8"]) {
      await expect(generateDevPtau({ power, out, log: quiet })).rejects.toMatchObject({ code: "BAD_PTAU_POWER" });
    }
    for (const seed of ["", "abc", "xyz0", "0x12", 12]) {
      await expect(generateDevPtau({ power: 2, out, seed, log: quiet })).rejects.toMatchObject({ code: "BAD_DEVPTAU_SEED" });
    }
    await expect(generateDevPtau({ power: 2, out, threads: 0, log: quiet })).rejects.toBeInstanceOf(ZkLiteError);
    const cli = spawnSync(process.execPath, [path.join(here, "devptau.mjs"), "x", out], { encoding: "utf8" });
    expect(cli.status).toBe(1);
    expect(cli.stderr).toContain("BAD_PTAU_POWER");
    expect(() => statSync(out)).toThrow();
  });

  it("the C program refuses secrets that are not below r", () => {
    const binary = ensureDevPtauBinary(quiet);
    const out = path.join(scratch, "refused.ptau");
    for (const input of [`${BN128_R.toString(16)} 1 2`, "1 2", "1 2 zz"]) {
      const result = spawnSync(binary, ["2", out], { input, encoding: "utf8" });
      expect(result.status).toBe(2);
      expect(result.stderr).toContain("stdin must hold tau");
    }
  });
});

describe("Groth16 with a devptau file", () => {
  // out = x^(2^N) style chain plus y at each step: N multiplication constraints, public input y, output out
  const N = 200;
  const circuit = `pragma circom 2.0.0;
template Chain(n) {
  signal input x;
  signal input y;
  signal output out;
  signal acc[n + 1];
  acc[0] <== x;
  for (var i = 0; i < n; i++) acc[i + 1] <== acc[i] * acc[i] + y;
  out <== acc[n];
}
component main { public [y] } = Chain(${N});
`;
  const expectedOut = (x, y) => {
    let acc = x;
    for (let i = 0; i < N; i++) acc = mod(acc * acc + y);
    return acc;
  };

  it("sets up, contributes, proves and verifies; tampered public signals fail", async () => {
    const dir = path.join(scratch, "circuit");
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "chain.circom"), circuit);
    // circom2 (WebAssembly) only reaches paths below its working directory: run it from the repo root
    const rel = (file) => path.relative(repoRoot, file);
    const compiled = spawnSync(
      process.execPath,
      [path.join(repoRoot, "node_modules", "circom2", "cli.js"), rel(path.join(dir, "chain.circom")), "--r1cs", "--wasm", "-o", rel(dir)],
      { cwd: repoRoot, encoding: "utf8" },
    );
    expect(compiled.status, compiled.stdout + compiled.stderr).toBe(0);
    const r1cs = path.join(dir, "chain.r1cs");
    const wasm = path.join(dir, "chain_js", "chain.wasm");
    writeFileSync(path.join(dir, "chain_js", "package.json"), '{ "type": "commonjs" }\n');

    const info = await snarkjs.r1cs.info(r1cs);
    // rows = constraints + public inputs + outputs + 1 = 203: needs 2^8, the file's own power, which makes
    // snarkjs read the extra tauG1 Lagrange domain 2^(power+1)
    expect(info.nConstraints + info.nPubInputs + info.nOutputs + 1).toBe(N + 3);

    const zkey0 = path.join(dir, "chain_0.zkey");
    const zkey1 = path.join(dir, "chain_1.zkey");
    expect(await snarkjs.zKey.newZKey(r1cs, ptau8, zkey0)).not.toBe(-1);
    expect(statSync(zkey0).size).toBeGreaterThan(1000);
    expect(await snarkjs.zKey.verifyFromR1cs(r1cs, ptau8, zkey0)).toBe(true);
    await snarkjs.zKey.contribute(zkey0, zkey1, "devptau test", "some entropy 1234");
    expect(await snarkjs.zKey.verifyFromR1cs(r1cs, ptau8, zkey1)).toBe(true);
    const vk = await snarkjs.zKey.exportVerificationKey(zkey1);

    const input = { x: 3n, y: 5n };
    const { proof, publicSignals } = await snarkjs.groth16.fullProve(input, wasm, zkey1);
    expect(publicSignals).toEqual([expectedOut(3n, 5n).toString(), "5"]);
    expect(await snarkjs.groth16.verify(vk, publicSignals, proof)).toBe(true);
    const tamperedOut = [mod(BigInt(publicSignals[0]) + 1n).toString(), publicSignals[1]];
    expect(await snarkjs.groth16.verify(vk, tamperedOut, proof)).toBe(false);
    expect(await snarkjs.groth16.verify(vk, [publicSignals[0], "6"], proof)).toBe(false);

    // one power less cannot hold the circuit: snarkjs refuses (returns -1 and writes no key)
    const ptau7 = path.join(scratch, "seeded7.ptau");
    await generateDevPtau({ power: 7, out: ptau7, seed: SEED, log: quiet });
    const tooSmall = path.join(dir, "too_small.zkey");
    expect(await snarkjs.zKey.newZKey(r1cs, ptau7, tooSmall)).toBe(-1);

    // a bigger file serves too, through the regular Lagrange domains (2^9 for this circuit's H)
    const ptau9 = path.join(scratch, "seeded9.ptau");
    await generateDevPtau({ power: 9, out: ptau9, seed: "09", log: quiet });
    const zkey9 = path.join(dir, "chain_9.zkey");
    expect(await snarkjs.zKey.newZKey(r1cs, ptau9, zkey9)).not.toBe(-1);
    const vk9 = await snarkjs.zKey.exportVerificationKey(zkey9);
    const second = await snarkjs.groth16.fullProve({ x: 7n, y: 11n }, wasm, zkey9);
    expect(second.publicSignals).toEqual([expectedOut(7n, 11n).toString(), "11"]);
    expect(await snarkjs.groth16.verify(vk9, second.publicSignals, second.proof)).toBe(true);
    // a proof under one key does not verify under the other
    expect(await snarkjs.groth16.verify(vk, second.publicSignals, second.proof)).toBe(false);
  }, 180_000);
});
