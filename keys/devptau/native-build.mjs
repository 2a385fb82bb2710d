// Compiles src/main.c (the INSECURE dev ptau generator) with the host C compiler into .build/, once per
// source / compiler / CPU combination, and checks the result with its built-in self-test.
import process from "node:process";
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ZkLiteError } from "@zklite/crypto-wasm";

const here = path.dirname(fileURLToPath(import.meta.url));
const sourceDir = path.join(here, "src");
export const buildDir = path.join(here, ".build");

const COMPILER_CANDIDATES = ["clang", "cc", "gcc", "clang-19", "clang-18", "clang-17", "clang-16", "clang-15", "clang-14"];
const COMMON_FLAGS = ["-O3", "-std=gnu11", "-Wall", "-Wextra", "-pthread"];
/** -march=native first (allowed; it gains little on this code), then a portable build if that fails. */
const VARIANTS = [["-march=native"], []];

function runs(command, args) {
  return spawnSync(command, args, { stdio: "ignore" }).status === 0;
}

function findCompiler() {
  const candidates = process.env.CC ? [process.env.CC, ...COMPILER_CANDIDATES] : COMPILER_CANDIDATES;
  return candidates.find((command) => runs(command, ["--version"]));
}

function canInstallWithApt() {
  return process.platform === "linux" && process.getuid?.() === 0 && runs("apt-get", ["--version"]);
}

function ensureCompiler(log) {
  const found = findCompiler();
  if (found !== undefined) return found;
  if (!canInstallWithApt()) {
    throw new ZkLiteError(
      "DEVPTAU_NO_COMPILER",
      "a C compiler is needed to build the dev ptau generator: install clang or gcc (Debian/Ubuntu: `apt-get install -y clang`)",
    );
  }
  log("installing clang with apt-get (needed once to build the dev ptau generator)");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  execFileSync("apt-get", ["update"], { stdio: ["ignore", "ignore", "inherit"], env });
  execFileSync("apt-get", ["install", "-y", "--no-install-recommends", "clang"], { stdio: ["ignore", "ignore", "inherit"], env });
  const installed = findCompiler();
  if (installed === undefined) throw new ZkLiteError("DEVPTAU_NO_COMPILER", "clang was installed but no C compiler runs");
  return installed;
}

function sourceFiles() {
  return readdirSync(sourceDir)
    .filter((file) => file.endsWith(".c") || file.endsWith(".h"))
    .sort();
}

/** The binary's name carries a hash of everything that shapes it, so edits and new machines rebuild. */
function buildKey(compiler) {
  const hash = createHash("sha256");
  const version = spawnSync(compiler, ["--version"], { encoding: "utf8" }).stdout ?? "";
  hash.update(`${compiler}\n${version}\n${COMMON_FLAGS.join(" ")}\n${JSON.stringify(VARIANTS)}\n`);
  hash.update(`${process.platform} ${process.arch} ${os.cpus()[0]?.model ?? "?"}\n`);
  for (const file of sourceFiles()) {
    hash.update(`\n${file}\n`);
    hash.update(readFileSync(path.join(sourceDir, file)));
  }
  return hash.digest("hex").slice(0, 16);
}

/** Path of the compiled generator, building it first when needed. */
export function ensureDevPtauBinary(log = () => {}) {
  const compiler = ensureCompiler(log);
  const binary = path.join(buildDir, `devptau-${buildKey(compiler)}`);
  if (existsSync(binary)) return binary;
  mkdirSync(buildDir, { recursive: true });
  const staging = `${binary}.tmp-${process.pid}`;
  const failures = [];
  for (const variant of VARIANTS) {
    rmSync(staging, { force: true });
    const args = [...COMMON_FLAGS, ...variant, "-o", staging, path.join(sourceDir, "main.c")];
    const compiled = spawnSync(compiler, args, { encoding: "utf8" });
    if (compiled.status !== 0) {
      failures.push(`${compiler} ${args.join(" ")}\n${compiled.stderr}`);
      continue;
    }
    const selftest = spawnSync(staging, ["--selftest"], { encoding: "utf8" });
    if (selftest.status !== 0) {
      failures.push(`${compiler} ${variant.join(" ")}: self-test failed\n${selftest.stderr}`);
      continue;
    }
    renameSync(staging, binary);
    removeStaleBinaries(binary);
    log(`built ${path.relative(process.cwd(), binary)} (${compiler} ${[...COMMON_FLAGS, ...variant].join(" ")})`);
    return binary;
  }
  rmSync(staging, { force: true });
  throw new ZkLiteError("DEVPTAU_BUILD_FAILED", `could not build the dev ptau generator:\n${failures.join("\n")}`);
}

function removeStaleBinaries(current) {
  for (const entry of readdirSync(buildDir)) {
    const file = path.join(buildDir, entry);
    if (/^devptau-[0-9a-f]{16}$/.test(entry) && file !== current) rmSync(file, { force: true });
  }
}
