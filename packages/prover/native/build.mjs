#!/usr/bin/env node
// Builds the native Groth16 prover (native/src/main.c, one translation unit, C11 + pthreads) into
// native/build/zklite-prover-<key>, where <key> hashes the sources, the compiler, the flags and the CPU, and
// records it in native/build/manifest.json. Tries `-O3 -march=native`, then a portable `-O3`; each
// candidate must pass the binary's self-test. When no C compiler runs, installs Debian's gcc with apt-get
// (only as root on Debian/Ubuntu, like crypto-wasm/native). When the build is impossible the manifest
// says why and exits 0: @zklite/prover then falls back to snarkjs and logs that once.
//
// Usage: node native/build.mjs [--quiet]   |   import { ensureNativeProver } from "./build.mjs"
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
/** The shared BN254 C sources (fields, groups, comb, scalars, util) and the prover's own. */
export const sourceDir = path.join(here, "src");
export const buildDir = path.join(here, "build");
export const manifestPath = path.join(buildDir, "manifest.json");

// The compiler search, apt-get fallback, build key and compile-then-self-test loop are exported for
// keys/devptau/native-build.mjs, which builds the dev ptau generator against the same C headers.
export const COMPILERS = ["clang", "gcc", "cc", "clang-19", "clang-18", "clang-17", "clang-16", "clang-15", "clang-14"];
export const COMMON_FLAGS = ["-O3", "-std=gnu11", "-Wall", "-Wextra", "-pthread"];
/** -march=native first (MULX/ADX field multiplication where the CPU has it), then a portable build. */
export const VARIANTS = [["-march=native"], []];

function runs(command, args) {
  return spawnSync(command, args, { stdio: "ignore" }).status === 0;
}

export function findCompiler() {
  const candidates = process.env.CC ? [process.env.CC, ...COMPILERS] : COMPILERS;
  return candidates.find((command) => runs(command, ["--version"]));
}

function canInstallWithApt() {
  return process.platform === "linux" && process.getuid?.() === 0 && runs("apt-get", ["--version"]);
}

/**
 * A C compiler that runs. With none, installs `packages` with apt-get when running as root on Debian/Ubuntu;
 * otherwise throws an Error naming `purpose`.
 */
export function ensureCompiler(log, { purpose = "the native prover", packages = ["gcc", "libc6-dev"] } = {}) {
  const found = findCompiler();
  if (found !== undefined) return found;
  if (!canInstallWithApt()) {
    throw new Error(`no C compiler found: install gcc or clang (Debian/Ubuntu: \`apt-get install -y ${packages.join(" ")}\`)`);
  }
  log(`installing ${packages[0]} with apt-get (needed once to build ${purpose})`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  execFileSync("apt-get", ["update"], { stdio: ["ignore", "ignore", "inherit"], env });
  execFileSync("apt-get", ["install", "-y", "--no-install-recommends", ...packages], {
    stdio: ["ignore", "ignore", "inherit"],
    env,
  });
  const installed = findCompiler();
  if (installed === undefined) throw new Error(`${packages[0]} was installed but no C compiler runs`);
  return installed;
}

function sourceFiles(dir) {
  return readdirSync(dir)
    .filter((file) => file.endsWith(".c") || file.endsWith(".h"))
    .sort();
}

/** 16 hex digits hashing the compiler, the flags, the CPU and every .c/.h file of `sourceDirs`. */
export function buildKey(compiler, sourceDirs = [sourceDir]) {
  const hash = createHash("sha256");
  const version = spawnSync(compiler, ["--version"], { encoding: "utf8" }).stdout ?? "";
  hash.update(`${compiler}\n${version}\n${COMMON_FLAGS.join(" ")}\n${JSON.stringify(VARIANTS)}\n`);
  hash.update(`${process.platform} ${process.arch} ${os.cpus()[0]?.model ?? "?"}\n`);
  for (const [index, dir] of sourceDirs.entries()) {
    for (const file of sourceFiles(dir)) {
      hash.update(index === 0 ? `\n${file}\n` : `\n${index}/${file}\n`);
      hash.update(readFileSync(path.join(dir, file)));
    }
  }
  return hash.digest("hex").slice(0, 16);
}

/**
 * Compiles `mainFile` (one translation unit; `includeDirs` on the include path) into `binary`, trying each of
 * VARIANTS until a build passes `binary selftestArgs`. Returns { flags } or { failures } (nothing left behind).
 */
export function compileChecked({ compiler, mainFile, binary, selftestArgs, includeDirs = [] }) {
  const staging = `${binary}.tmp-${process.pid}`;
  const includes = includeDirs.map((dir) => `-I${dir}`);
  const failures = [];
  for (const variant of VARIANTS) {
    rmSync(staging, { force: true });
    const flags = [...COMMON_FLAGS, ...variant];
    const compiled = spawnSync(compiler, [...flags, ...includes, "-o", staging, mainFile], { encoding: "utf8" });
    if (compiled.status !== 0) {
      failures.push(`${compiler} ${flags.join(" ")}: ${compiled.stderr || compiled.error?.message}`);
      continue;
    }
    const selftest = spawnSync(staging, selftestArgs, { encoding: "utf8" });
    if (selftest.status !== 0) {
      failures.push(`${compiler} ${flags.join(" ")}: self-test failed\n${selftest.stderr}`);
      continue;
    }
    renameSync(staging, binary);
    return { flags };
  }
  rmSync(staging, { force: true });
  return { failures };
}

/** Deletes the files of `dir` matching `pattern` other than `keep` (binaries of older build keys). */
export function removeStale(dir, pattern, keep) {
  for (const entry of readdirSync(dir)) {
    if (pattern.test(entry) && entry !== path.basename(keep)) rmSync(path.join(dir, entry), { force: true });
  }
}

function readManifest() {
  try {
    return JSON.parse(readFileSync(manifestPath, "utf8"));
  } catch {
    return undefined;
  }
}

function writeManifest(manifest) {
  mkdirSync(buildDir, { recursive: true });
  const tmp = `${manifestPath}.tmp-${process.pid}`;
  writeFileSync(tmp, `${JSON.stringify(manifest, null, 2)}\n`);
  renameSync(tmp, manifestPath);
}

/**
 * The native prover binary, building it when the sources, compiler or CPU changed.
 * Returns { available: true, binary, key, compiler, flags } or { available: false, reason }.
 */
export function ensureNativeProver(log = () => {}) {
  let compiler;
  try {
    compiler = ensureCompiler(log);
  } catch (error) {
    const manifest = { available: false, reason: error.message };
    writeManifest(manifest);
    return manifest;
  }
  const key = buildKey(compiler);
  const binary = path.join(buildDir, `zklite-prover-${key}`);
  const previous = readManifest();
  if (previous?.available && previous.key === key && existsSync(binary)) return previous;
  mkdirSync(buildDir, { recursive: true });
  const built = compileChecked({ compiler, mainFile: path.join(sourceDir, "main.c"), binary, selftestArgs: ["selftest"] });
  if (built.failures) {
    const manifest = { available: false, reason: `the native prover did not build:\n${built.failures.join("\n")}` };
    writeManifest(manifest);
    return manifest;
  }
  removeStale(buildDir, /^zklite-prover-[0-9a-f]{16}$/, binary);
  const manifest = { available: true, binary: path.basename(binary), key, compiler, flags: built.flags };
  writeManifest(manifest);
  log(`built ${path.relative(process.cwd(), binary)} (${compiler} ${built.flags.join(" ")})`);
  return manifest;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const log = (message) => console.log(`[prover/native] ${message}`);
  const result = ensureNativeProver(log);
  if (result.available) log(`native prover ready: ${result.binary}`);
  else log(`native prover unavailable, @zklite/prover will use snarkjs: ${result.reason}`);
}
