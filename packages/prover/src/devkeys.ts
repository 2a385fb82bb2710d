import { spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { nativeFailure, runNative } from "./engines/native.js";
import { ProverError } from "./errors.js";
import { nativeDir, nativeProverStatus } from "./native-binary.js";

/** BN254's scalar field order r */
export const BN128_R = 21888242871839275222246405745257275088548364400416034343698204186575808495617n;

/** The toxic waste of a Groth16 key. Whoever knows it can forge proofs. */
export interface DevKeySecrets {
  tau: bigint;
  alpha: bigint;
  beta: bigint;
  gamma: bigint;
  delta: bigint;
}

export interface DevKeysResult {
  insecure: true;
  zkey: string;
  vars: number;
  public: number;
  constraints: number;
  domain: number;
  coefficients: number;
  seconds: number;
  peak_rss_bytes: number;
}

/** native/src files that do not shape the dev keys (the prover's MSM, FFT and command line) */
const NOT_IN_DEVKEYS = new Set(["msm_impl.h", "fft.h", "main.c"]);

let generatorVersion: string | undefined;

/**
 * The dev key generator's version: DEVKEYS_VERSION of native/src/version.h and a hash of the C sources the
 * keys depend on (fields, groups, comb, r1cs reader, writer). Caches of generated keys include it in their
 * key, so any change to the generator invalidates the keys it wrote before, bumped version or not.
 */
export function devKeysGeneratorVersion(): string {
  if (generatorVersion !== undefined) return generatorVersion;
  const sourceDir = path.join(nativeDir, "src");
  const header = readFileSync(path.join(sourceDir, "version.h"), "utf8");
  const match = /#define DEVKEYS_VERSION "([^"]+)"/.exec(header);
  if (match?.[1] === undefined) throw new ProverError("NATIVE_UNAVAILABLE", "native/src/version.h has no DEVKEYS_VERSION");
  const hash = createHash("sha256");
  for (const file of readdirSync(sourceDir).sort()) {
    if (!/\.(c|h)$/.test(file) || NOT_IN_DEVKEYS.has(file)) continue;
    hash.update(`${file}\n`);
    hash.update(readFileSync(path.join(sourceDir, file)));
  }
  generatorVersion = `${match[1]}-${hash.digest("hex").slice(0, 10)}`;
  return generatorVersion;
}

function randomSecret(): bigint {
  for (;;) {
    const value = BigInt(`0x${randomBytes(32).toString("hex")}`) % BN128_R;
    if (value !== 0n) return value;
  }
}

export function randomDevKeySecrets(): DevKeySecrets {
  return { tau: randomSecret(), alpha: randomSecret(), beta: randomSecret(), gamma: randomSecret(), delta: randomSecret() };
}

export interface GenerateDevZkeyOptions {
  r1csPath: string;
  zkeyPath: string;
  /** random when absent */
  secrets?: DevKeySecrets;
  threads?: number;
}

function devkeysCall(options: GenerateDevZkeyOptions): { args: string[]; stdin: string; tmp: string } {
  const secrets = options.secrets ?? randomDevKeySecrets();
  for (const [name, value] of Object.entries(secrets)) {
    if (value <= 0n || value >= BN128_R) throw new ProverError("DEVKEYS_BAD_SECRET", `${name} must be in 1..r-1`);
  }
  const tmp = `${options.zkeyPath}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`;
  const args = ["devkeys", options.r1csPath, tmp];
  if (options.threads !== undefined) args.push("--threads", String(options.threads));
  const stdin = [secrets.tau, secrets.alpha, secrets.beta, secrets.gamma, secrets.delta].map((v) => v.toString(16)).join(" ");
  return { args, stdin: `${stdin}\n`, tmp };
}

function finish(options: GenerateDevZkeyOptions, tmp: string, stdout: string): DevKeysResult {
  if (!existsSync(tmp) || statSync(tmp).size === 0) throw new ProverError("IO_ERROR", `the dev key generator wrote no ${tmp}`);
  renameSync(tmp, options.zkeyPath);
  const result = JSON.parse(stdout.trim().split("\n").pop() ?? "{}") as DevKeysResult;
  return { ...result, zkey: options.zkeyPath };
}

/**
 * INSECURE: writes a snarkjs-compatible Groth16 `.zkey` for `r1csPath` straight from toxic waste
 * (random unless `secrets` is given), with fixed-base multiplications in C — no powers of tau, no
 * `groth16 setup`, no contribution. Anyone who knows the secrets can forge proofs: tests, CI and local
 * devnets only. Written through a temporary name; an existing `zkeyPath` is replaced. Needs the native
 * binary (`NATIVE_UNAVAILABLE` otherwise).
 */
export async function generateDevZkey(options: GenerateDevZkeyOptions): Promise<DevKeysResult> {
  const { args, stdin, tmp } = devkeysCall(options);
  try {
    const { stdout } = await runNative(args, stdin);
    return finish(options, tmp, stdout);
  } finally {
    rmSync(tmp, { force: true });
  }
}

/** The same, blocking (for synchronous key caches). */
export function generateDevZkeySync(options: GenerateDevZkeyOptions): DevKeysResult {
  const status = nativeProverStatus();
  if (!status.available) throw new ProverError("NATIVE_UNAVAILABLE", `native prover unavailable: ${status.reason}`);
  const { args, stdin, tmp } = devkeysCall(options);
  try {
    const run = spawnSync(status.binary, args, { input: stdin, encoding: "utf8", maxBuffer: 1 << 24 });
    if (run.status !== 0) throw nativeFailure(run.stderr ?? "", run.status, run.signal);
    return finish(options, tmp, run.stdout);
  } finally {
    rmSync(tmp, { force: true });
  }
}
