#!/usr/bin/env node
// ============================================================================================
//  INSECURE DEVELOPMENT POWERS OF TAU. This process picks tau, alpha and beta (or derives them
//  from --seed) and could keep them: anyone who knows them can forge Groth16 proofs for every
//  circuit set up from the file. For tests, CI and local devnets ONLY; real keys need a real
//  ceremony (keys/README.md).
// ============================================================================================
// Writes the prepared (phase-2 ready) bn128 ptau snarkjs' `powersoftau prepare phase2` would give for
// those secrets, with the C generator in ./src (compiled on first use into ./.build/).
//
// usage: node keys/devptau/devptau.mjs POWER OUT.ptau [--seed HEX] [--threads N]
//   --seed HEX   derive tau/alpha/beta from HEX (reproducible files for tests); default: fresh OS randomness (crypto.randomBytes)
//   --threads N  worker threads (default: every CPU)
// It prints one JSON line: { insecure, power, file, bytes, seconds }.
import { Buffer } from "node:buffer";
import { performance } from "node:perf_hooks";
import process from "node:process";
import { spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ZkLiteError } from "@zklite/crypto-wasm";
import { ensureDevPtauBinary } from "./native-build.mjs";

/** bn128's scalar field order r: every exponent lives modulo r. */
export const BN128_R = 21888242871839275222246405745257275088548364400416034343698204186575808495617n;
export const MAX_DEVPTAU_POWER = 27;

const WARNING = [
  "=".repeat(96),
  "  WARNING: INSECURE development powers of tau. Its tau/alpha/beta were known to this process, so",
  "  anyone who kept them can forge proofs. Never use it (or keys built from it) on a network holding value.",
  "=".repeat(96),
].join("\n");

const toScalar = (bytes) => BigInt(`0x${Buffer.from(bytes).toString("hex")}`) % BN128_R;

/**
 * tau, alpha, beta as bigints in [1, r): from 64 random bytes each, or from SHA-512(label, seed) when a
 * seed is given (a nonzero result is practically certain; zero is skipped to keep every section finite).
 */
export function devPtauSecrets(seedHex) {
  if (seedHex !== undefined && (typeof seedHex !== "string" || !/^(?:[0-9a-fA-F]{2})+$/.test(seedHex))) {
    throw new ZkLiteError("BAD_DEVPTAU_SEED", `seed must be a non-empty even-length hex string, got ${String(seedHex)}`);
  }
  const secret = (label) => {
    for (let counter = 0; ; counter++) {
      const bytes =
        seedHex === undefined
          ? randomBytes(64)
          : createHash("sha512").update(`zklite-devptau/${label}/${counter}/`).update(Buffer.from(seedHex, "hex")).digest();
      const value = toScalar(bytes);
      if (value !== 0n) return value;
    }
  };
  return { tau: secret("tau"), alpha: secret("alpha"), beta: secret("beta") };
}

function checkPower(power) {
  if (!Number.isInteger(power) || power < 1 || power > MAX_DEVPTAU_POWER) {
    throw new ZkLiteError("BAD_PTAU_POWER", `ptau power ${power} is not an integer in 1..${MAX_DEVPTAU_POWER}`);
  }
}

/**
 * Writes the INSECURE prepared ptau of 2^power to `out` (atomically: a temporary file is renamed).
 * `log` receives progress lines (default: stderr).
 */
export async function generateDevPtau({ power, out, seed, threads, log = (line) => process.stderr.write(`${line}\n`) }) {
  checkPower(power);
  if (typeof out !== "string" || out === "") throw new ZkLiteError("BAD_DEVPTAU_ARGS", "an output path is needed");
  if (threads !== undefined && (!Number.isInteger(threads) || threads < 1 || threads > 256)) {
    throw new ZkLiteError("BAD_DEVPTAU_ARGS", `threads must be an integer in 1..256, got ${threads}`);
  }
  const secrets = devPtauSecrets(seed);
  log(WARNING);
  const started = performance.now();
  const binary = ensureDevPtauBinary(log);
  mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
  const staging = `${out}.tmp-${process.pid}`;
  const args = [String(power), staging, ...(threads === undefined ? [] : ["--threads", String(threads)])];
  try {
    await runGenerator(binary, args, secrets, log);
    renameSync(staging, out);
  } finally {
    rmSync(staging, { force: true });
  }
  return { insecure: true, power, file: out, bytes: statSync(out).size, seconds: (performance.now() - started) / 1000 };
}

function runGenerator(binary, args, { tau, alpha, beta }, log) {
  return new Promise((resolve, reject) => {
    // the secrets go through stdin, not argv, so they do not show in the process list
    const child = spawn(binary, args, { stdio: ["pipe", "ignore", "pipe"] });
    let stderrTail = "";
    let pending = "";
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk) => {
      stderrTail = (stderrTail + chunk).slice(-4000);
      pending += chunk;
      const lines = pending.split("\n");
      pending = lines.pop();
      for (const line of lines) log(line);
    });
    child.on("error", (error) => reject(new ZkLiteError("DEVPTAU_FAILED", `cannot run ${binary}`, { cause: error })));
    child.on("close", (code, signal) => {
      if (pending !== "") log(pending);
      if (code === 0) resolve();
      else reject(new ZkLiteError("DEVPTAU_FAILED", `${path.basename(binary)} exited with ${signal ?? code}\n${stderrTail}`));
    });
    child.stdin.end(`${tau.toString(16)} ${alpha.toString(16)} ${beta.toString(16)}\n`);
  });
}

function parseCli(argv) {
  const positional = [];
  const options = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--seed" || arg === "--threads") {
      if (argv[i + 1] === undefined) throw new ZkLiteError("BAD_DEVPTAU_ARGS", `${arg} needs a value`);
      options[arg.slice(2)] = argv[++i];
    } else if (arg.startsWith("--")) {
      throw new ZkLiteError("BAD_DEVPTAU_ARGS", `unknown option ${arg}`);
    } else {
      positional.push(arg);
    }
  }
  if (positional.length !== 2) {
    throw new ZkLiteError("BAD_DEVPTAU_ARGS", "usage: node keys/devptau/devptau.mjs POWER OUT.ptau [--seed HEX] [--threads N]");
  }
  return {
    power: /^\d+$/.test(positional[0]) ? Number(positional[0]) : Number.NaN,
    out: positional[1],
    seed: options.seed,
    threads: options.threads === undefined ? undefined : /^\d+$/.test(options.threads) ? Number(options.threads) : Number.NaN,
  };
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const result = await generateDevPtau(parseCli(process.argv.slice(2)));
    process.stdout.write(`${JSON.stringify({ ...result, seconds: Number(result.seconds.toFixed(1)) })}\n`);
  } catch (error) {
    process.stderr.write(`devptau: ${error instanceof ZkLiteError ? `${error.code}: ${error.message}` : error?.stack ?? error}\n`);
    process.exit(1);
  }
}
