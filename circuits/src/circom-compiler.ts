import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { ZkLiteError } from "@zklite/crypto-wasm";
import { CIRCOM_SOURCE_DIR, cacheRoot, circomCli, circomlibNodeModules, packageVersion } from "./package-paths.js";
import { readR1csHeader, type R1csHeader } from "./r1cs-header.js";

const CIRCOM_FLAGS = ["--r1cs", "--wasm", "--O2"];

export interface CompiledCircuit {
  readonly name: string;
  /** Folder of this compilation's artifacts, keyed by a hash of every input of the compiler. */
  readonly dir: string;
  readonly r1csPath: string;
  readonly wasmPath: string;
  readonly header: R1csHeader;
}

/**
 * Compiles a main circuit (`mainSource` includes files of circuits/circom and circomlib by name) with
 * circom2 (circom compiled to WebAssembly) into `<cache>/circuits/<name>-<hash>/`, or returns the
 * cached result. The hash covers the main source, every file in circuits/circom and the compiler and
 * circomlib versions, so any change recompiles.
 */
export async function compileCircuit(name: string, mainSource: string): Promise<CompiledCircuit> {
  if (!/^[a-z0-9_]+$/.test(name)) throw new ZkLiteError("BAD_CIRCUIT_NAME", `circuit name ${name} must match [a-z0-9_]+`);
  const dir = path.join(cacheRoot(), "circuits", `${name}-${sourceHash(mainSource)}`);
  const r1csPath = path.join(dir, `${name}.r1cs`);
  const wasmPath = path.join(dir, `${name}_js`, `${name}.wasm`);
  if (!existsSync(r1csPath) || !existsSync(wasmPath)) {
    // circom2 writes below its working directory (see runCircom); the result is then moved into the cache
    const workspace = path.join(path.dirname(circomlibNodeModules()), ".cache", "circom-staging", `${name}-${process.pid}`);
    const staging = `${dir}.tmp-${process.pid}`;
    rmSync(workspace, { recursive: true, force: true });
    mkdirSync(workspace, { recursive: true });
    try {
      writeFileSync(path.join(workspace, `${name}.circom`), mainSource);
      await runCircom(path.join(workspace, `${name}.circom`), workspace);
      // the generated witness calculator is CommonJS, and this package is "type": "module"
      writeFileSync(path.join(workspace, `${name}_js`, "package.json"), '{ "type": "commonjs" }\n');
      rmSync(staging, { recursive: true, force: true });
      cpSync(workspace, staging, { recursive: true });
    } finally {
      rmSync(workspace, { recursive: true, force: true });
    }
    rmSync(dir, { recursive: true, force: true });
    renameSync(staging, dir);
    removeStaleBuilds(name, dir);
  }
  return { name, dir, r1csPath, wasmPath, header: readR1csHeader(r1csPath) };
}

/** Earlier compilations of the same circuit (other source hashes) are dead weight: a ptau-sized zkey each. */
function removeStaleBuilds(name: string, current: string): void {
  const parent = path.dirname(current);
  for (const entry of readdirSync(parent)) {
    if (entry.startsWith(`${name}-`) && !entry.includes(".tmp-") && path.join(parent, entry) !== current) {
      rmSync(path.join(parent, entry), { recursive: true, force: true });
    }
  }
}

function sourceHash(mainSource: string): string {
  const hash = createHash("sha256");
  hash.update(`circom2 ${packageVersion("circom2")} ${CIRCOM_FLAGS.join(" ")} circomlib ${packageVersion("circomlib")}\n`);
  hash.update(mainSource);
  for (const file of includedFiles(mainSource)) {
    hash.update(`\n${path.relative(CIRCOM_SOURCE_DIR, file)}\n`);
    hash.update(readFileSync(file));
  }
  return hash.digest("hex").slice(0, 16);
}

const LIBRARY_DIR = path.join(CIRCOM_SOURCE_DIR, "lib");

/**
 * This package's circom files the main source includes, directly or not (circomlib's are covered by its
 * version), so a change to one circuit's sources does not invalidate the others' compilations and keys.
 */
function includedFiles(mainSource: string): string[] {
  const found = new Set<string>();
  const visit = (source: string, dir: string | undefined): void => {
    for (const match of source.matchAll(/^\s*include\s+"([^"]+)"\s*;/gm)) {
      const name = match[1] as string;
      const file = [dir, LIBRARY_DIR].filter((base) => base !== undefined).map((base) => path.resolve(base, name)).find((candidate) => existsSync(candidate));
      if (file === undefined || !file.startsWith(CIRCOM_SOURCE_DIR) || found.has(file)) continue;
      found.add(file);
      visit(readFileSync(file, "utf8"), path.dirname(file));
    }
  };
  visit(mainSource, undefined);
  return [...found].sort();
}

/**
 * circom2's WebAssembly sandbox only reaches paths below the working directory, so the compiler runs
 * from the folder holding circomlib's node_modules and every path is given relative to it.
 */
async function runCircom(mainFile: string, outDir: string): Promise<void> {
  const nodeModules = circomlibNodeModules();
  const cwd = path.dirname(nodeModules);
  const relative = (target: string): string => {
    const rel = path.relative(cwd, target);
    if (rel.startsWith("..") || path.isAbsolute(rel)) {
      throw new ZkLiteError("CIRCOM_PATH_UNREACHABLE", `${target} is not below ${cwd}, which circom2 cannot read`);
    }
    return rel;
  };
  const args = [mainFile, ...CIRCOM_FLAGS, "-o", outDir, "-l", nodeModules, "-l", path.join(CIRCOM_SOURCE_DIR, "lib")].map(
    (arg) => (arg.startsWith("-") ? arg : relative(arg)),
  );
  try {
    await promisify(execFile)(process.execPath, [circomCli(), ...args], { cwd, maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const output = error instanceof Error && "stdout" in error ? String((error as { stdout: unknown }).stdout) : "";
    throw new ZkLiteError("CIRCOM_COMPILE_FAILED", `circom failed on ${mainFile}\n${output}`, { cause: error });
  }
}
