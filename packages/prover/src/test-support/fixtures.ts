// Test circuits of this package, compiled with circom2 and keyed, with their keys, by a hash of what
// produced them. They live in packages/prover/.cache/ (circom2's WebAssembly sandbox only reaches the
// workspace), built once per checkout through temporary names.
import { execFileSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as snarkjs from "snarkjs";
import { devKeysGeneratorVersion, generateDevZkey } from "../devkeys.js";

const require = createRequire(import.meta.url);
export const packageDir = fileURLToPath(new URL("../../", import.meta.url));
const repoDir = path.join(packageDir, "..", "..");
export const cacheDir = process.env.ZKLITE_PROVER_FIXTURES ?? path.join(packageDir, ".cache", "fixtures");

export interface Fixture {
  name: string;
  dir: string;
  r1csPath: string;
  wasmPath: string;
  zkeyPath: string;
  vkeyPath: string;
}

function hashOf(...parts: string[]): string {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(`${part}\n`);
  return hash.digest("hex").slice(0, 16);
}

function produce(file: string, build: (tmp: string) => void | Promise<void>): Promise<void> | void {
  if (existsSync(file)) return;
  const tmp = `${file}.tmp-${process.pid}-${randomBytes(3).toString("hex")}${path.extname(file)}`;
  const finish = () => {
    if (!existsSync(tmp)) throw new Error(`producing ${file} left no output`);
    renameSync(tmp, file);
  };
  const result = build(tmp);
  if (result instanceof Promise) return result.then(finish);
  finish();
}

function compile(name: string, source: string): { dir: string; r1csPath: string; wasmPath: string } {
  const circom2 = require.resolve("circom2/cli.js");
  const circomlibVersion = (JSON.parse(readFileSync(require.resolve("circomlib/package.json"), "utf8")) as { version: string }).version;
  const dir = path.join(cacheDir, `${name}-${hashOf(source, circom2, circomlibVersion)}`);
  const r1csPath = path.join(dir, `${name}.r1cs`);
  const wasmPath = path.join(dir, `${name}_js`, `${name}.wasm`);
  if (existsSync(r1csPath) && existsSync(wasmPath)) return { dir, r1csPath, wasmPath };
  const staging = path.join(cacheDir, `.staging-${name}-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  writeFileSync(path.join(staging, `${name}.circom`), source);
  execFileSync(process.execPath, [circom2, path.join(staging, `${name}.circom`), "--r1cs", "--wasm", "--O2", "-l", path.join(repoDir, "node_modules"), "-o", staging], {
    cwd: repoDir,
    stdio: ["ignore", "ignore", "inherit"],
  });
  mkdirSync(path.dirname(dir), { recursive: true });
  rmSync(dir, { recursive: true, force: true });
  renameSync(staging, dir);
  return { dir, r1csPath, wasmPath };
}

/** ~1,000 constraints: a chain of squares and a bit decomposition; public inputs a and out. */
export const SMALL_CIRCUIT = `pragma circom 2.0.0;
include "circomlib/circuits/bitify.circom";
template Small(N) {
  signal input a;
  signal input b;
  signal output out;
  signal x[N];
  x[0] <== a * b;
  for (var i = 1; i < N; i++) x[i] <== x[i-1] * x[i-1] + a;
  component bits = Num2Bits(64);
  bits.in <== b;
  out <== x[N-1] + bits.out[3];
}
component main {public [a]} = Small(1000);
`;

/** 49,440 constraints: squares, Poseidon hashes and 64-bit decompositions (full-size and bit-sized witness values). */
export const MEDIUM_CIRCUIT = `pragma circom 2.0.0;
include "circomlib/circuits/poseidon.circom";
include "circomlib/circuits/bitify.circom";
template Medium(SQUARES, HASHES, WORDS) {
  signal input a;
  signal input b;
  signal input words[WORDS];
  signal output out;
  signal x[SQUARES];
  x[0] <== a * b;
  for (var i = 1; i < SQUARES; i++) x[i] <== x[i-1] * x[i-1] + a;
  component h[HASHES];
  for (var i = 0; i < HASHES; i++) {
    h[i] = Poseidon(2);
    h[i].inputs[0] <== i == 0 ? x[SQUARES-1] : h[i-1].out;
    h[i].inputs[1] <== b;
  }
  component bits[WORDS];
  var acc = 0;
  for (var i = 0; i < WORDS; i++) {
    bits[i] = Num2Bits(64);
    bits[i].in <== words[i];
    acc += bits[i].out[i % 64];
  }
  out <== h[HASHES-1].out + acc;
}
component main {public [a, b]} = Medium(20000, 80, 160);
`;

export function randomField(bits = 250): bigint {
  return BigInt(`0x${randomBytes(32).toString("hex")}`) >> BigInt(256 - bits);
}

export function mediumInput(): Record<string, unknown> {
  return {
    a: randomField().toString(),
    b: randomField().toString(),
    words: Array.from({ length: 160 }, () => randomField(64).toString()),
  };
}

export function smallInput(): Record<string, unknown> {
  return { a: randomField().toString(), b: randomField(64).toString() };
}

/** The small circuit with keys from snarkjs itself: dev ptau (keys/devptau), `groth16 setup`, one contribution. */
export async function smallFixture(): Promise<Fixture> {
  const { dir, r1csPath, wasmPath } = compile("small", SMALL_CIRCUIT);
  const zkeyPath = path.join(dir, "small.snarkjs.zkey");
  const vkeyPath = path.join(dir, "small.snarkjs.vkey.json");
  const ptau = path.join(dir, "pot11.ptau");
  await produce(ptau, async (tmp) => {
    const devptau = (await import(path.join(repoDir, "keys", "devptau", "devptau.mjs"))) as {
      generateDevPtau(options: { power: number; out: string }): Promise<unknown>;
    };
    await devptau.generateDevPtau({ power: 11, out: tmp });
  });
  const snarkjsCli = path.join(path.dirname(require.resolve("snarkjs")), "cli.cjs");
  await produce(zkeyPath, (tmp) => {
    const initial = `${tmp}.0.zkey`;
    execFileSync(process.execPath, [snarkjsCli, "groth16", "setup", r1csPath, ptau, initial], { stdio: "ignore" });
    execFileSync(process.execPath, [snarkjsCli, "zkey", "contribute", initial, tmp, "-n=test", `-e=${randomBytes(16).toString("hex")}`], { stdio: "ignore" });
    rmSync(initial, { force: true });
  });
  await produce(vkeyPath, async (tmp) => writeFileSync(tmp, JSON.stringify(await snarkjs.zKey.exportVerificationKey(zkeyPath))));
  return { name: "small", dir, r1csPath, wasmPath, zkeyPath, vkeyPath };
}

/** A circuit with fast INSECURE dev keys from this package's generator. */
export async function devKeyFixture(name: "small" | "medium"): Promise<Fixture> {
  const { dir, r1csPath, wasmPath } = compile(name, name === "small" ? SMALL_CIRCUIT : MEDIUM_CIRCUIT);
  const zkeyPath = path.join(dir, `${name}.devkeys-v${devKeysGeneratorVersion()}.zkey`);
  const vkeyPath = path.join(dir, `${name}.devkeys-v${devKeysGeneratorVersion()}.vkey.json`);
  await produce(zkeyPath, async (tmp) => {
    await generateDevZkey({ r1csPath, zkeyPath: tmp });
  });
  await produce(vkeyPath, async (tmp) => writeFileSync(tmp, JSON.stringify(await snarkjs.zKey.exportVerificationKey(zkeyPath))));
  return { name, dir, r1csPath, wasmPath, zkeyPath, vkeyPath };
}

/** The witness of `input` as .wtns bytes (circom's wasm calculator through snarkjs). */
export async function witnessBytes(fixture: Fixture, input: Record<string, unknown>): Promise<Uint8Array> {
  const file: { type: "mem"; data?: Uint8Array } = { type: "mem" };
  await snarkjs.wtns.calculate(input, fixture.wasmPath, file);
  if (file.data === undefined) throw new Error("no witness");
  return file.data;
}

export function writeTemp(name: string, data: Uint8Array | string): string {
  const dir = path.join(cacheDir, "tmp");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${process.pid}-${randomBytes(4).toString("hex")}-${name}`);
  writeFileSync(file, data);
  return file;
}

export function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, "utf8"));
}

/** Sections of an iden3 binary file: id -> { offset, size } (first occurrence). */
export function sectionsOf(data: Uint8Array): Map<number, { offset: number; size: number }> {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const count = view.getUint32(8, true);
  const sections = new Map<number, { offset: number; size: number }>();
  let at = 12;
  for (let i = 0; i < count; i++) {
    const id = view.getUint32(at, true);
    const size = Number(view.getBigUint64(at + 4, true));
    if (!sections.has(id)) sections.set(id, { offset: at + 12, size });
    at += 12 + size;
  }
  return sections;
}
