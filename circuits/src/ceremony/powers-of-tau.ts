import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync, symlinkSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { ZkLiteError } from "@zklite/crypto-wasm";
import { PACKAGE_ROOT, cacheRoot, circomlibNodeModules, snarkjsCli } from "../package-paths.js";

/** zkLite's own INSECURE ptau generator (keys/devptau, C): 2^19 in about a minute on 2 cores. */
function repositoryDevPtau(): string | undefined {
  const candidate = path.resolve(PACKAGE_ROOT, "..", "keys", "devptau", "devptau.mjs");
  return existsSync(candidate) ? candidate : undefined;
}

/**
 * The team's INSECURE ptau builder beside the repository (slower: generic scalar multiplications in
 * ffjavascript). It is used from where it lies (copied into the cache next to a node_modules link, as it
 * imports snarkjs relative to itself).
 */
function sharedDevPtauTool(): string | undefined {
  const candidate = process.env.ZKLITE_DEVPTAU ?? path.resolve(PACKAGE_ROOT, "..", "..", "shared", "tools", "devptau.mjs");
  return existsSync(candidate) ? candidate : undefined;
}

/**
 * A prepared (phase-2 ready) powers-of-tau file of 2^power, cached in `<cache>/ptau/`. INSECURE: its
 * single contribution is random bytes of this process (or a tau the dev tool knew); fine for tests and
 * development, never for production keys.
 */
export async function ensureDevPowersOfTau(power: number): Promise<string> {
  if (!Number.isInteger(power) || power < 1 || power > 24) throw new ZkLiteError("BAD_PTAU_POWER", `ptau power ${power} is not in 1..24`);
  const dir = path.join(cacheRoot(), "ptau");
  mkdirSync(dir, { recursive: true });
  const final = path.join(dir, `dev_pot${power}_final.ptau`);
  if (existsSync(final)) return final;
  const staging = `${final}.tmp-${process.pid}`;
  rmSync(staging, { force: true });
  const fast = repositoryDevPtau();
  const tool = sharedDevPtauTool();
  if (fast !== undefined) {
    await run([fast, String(power), staging], dir);
  } else if (tool !== undefined) {
    const toolDir = path.join(cacheRoot(), "devptau-tool");
    mkdirSync(toolDir, { recursive: true });
    copyFileSync(tool, path.join(toolDir, "devptau.mjs"));
    const link = path.join(toolDir, "node_modules");
    if (!existsSync(link)) symlinkSync(circomlibNodeModules(), link, "dir");
    await run([path.join(toolDir, "devptau.mjs"), String(power), staging], toolDir);
  } else {
    const fresh = `${staging}.0`;
    const contributed = `${staging}.1`;
    await run([snarkjsCli(), "powersoftau", "new", "bn128", String(power), fresh], dir);
    await run([snarkjsCli(), "powersoftau", "contribute", fresh, contributed, `-e=${randomBytes(32).toString("hex")}`], dir);
    await run([snarkjsCli(), "powersoftau", "prepare", "phase2", contributed, staging], dir);
    rmSync(fresh);
    rmSync(contributed);
  }
  if (!existsSync(staging)) throw new ZkLiteError("PTAU_FAILED", `building ${path.basename(final)} produced no file`);
  renameSync(staging, final);
  return final;
}

export async function run(args: readonly string[], cwd: string): Promise<void> {
  try {
    await promisify(execFile)(process.execPath, [...args], { cwd, maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const output = error instanceof Error && "stdout" in error ? String((error as { stdout: unknown }).stdout) : "";
    throw new ZkLiteError("CEREMONY_STEP_FAILED", `${path.basename(args[0] ?? "")} ${args.slice(1, 3).join(" ")} failed\n${output}`, { cause: error });
  }
}
