import { spawn } from "node:child_process";
import { statSync } from "node:fs";
import { ProverError, isProverErrorCode } from "../errors.js";
import { nativeProverStatus } from "../native-binary.js";
import type { ProveOptions, ProveResult, ProverEngine, WitnessInput } from "./types.js";

export interface NativeRun {
  stdout: string;
  stderr: string;
}

/** Runs the native binary; a non-zero exit becomes a ProverError with the code it reported. */
export function runNative(args: readonly string[], stdin?: Uint8Array | string, signal?: AbortSignal): Promise<NativeRun> {
  const status = nativeProverStatus();
  if (!status.available) return Promise.reject(new ProverError("NATIVE_UNAVAILABLE", `native prover unavailable: ${status.reason}`));
  if (signal?.aborted) return Promise.reject(new ProverError("ABORTED", "aborted before the native prover started"));
  return new Promise((resolve, reject) => {
    const child = spawn(status.binary, args, { stdio: ["pipe", "pipe", "pipe"] });
    const abort = () => child.kill("SIGKILL");
    signal?.addEventListener("abort", abort, { once: true });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
    child.on("error", (error) => reject(new ProverError("NATIVE_CRASHED", `cannot run ${status.binary}: ${error.message}`, { cause: error })));
    child.stdin.on("error", () => {}); // the binary may exit (refusing its input) before reading stdin
    child.on("close", (code, killedBy) => {
      signal?.removeEventListener("abort", abort);
      const stdout = Buffer.concat(out).toString("utf8");
      const stderr = Buffer.concat(err).toString("utf8");
      if (code === 0) return resolve({ stdout, stderr });
      if (signal?.aborted) return reject(new ProverError("ABORTED", "the native prover was stopped (aborted)"));
      reject(nativeFailure(stderr, code, killedBy));
    });
    if (stdin !== undefined) child.stdin.end(stdin);
    else child.stdin.end();
  });
}

export function nativeFailure(stderr: string, code: number | null, signal: NodeJS.Signals | null): ProverError {
  const lines = stderr.trim().split("\n").reverse();
  for (const line of lines) {
    try {
      const parsed = JSON.parse(line) as { error?: unknown; message?: unknown };
      if (typeof parsed.error === "string" && typeof parsed.message === "string") {
        return new ProverError(isProverErrorCode(parsed.error) ? parsed.error : "NATIVE_CRASHED", parsed.message);
      }
    } catch {
      // not the error line
    }
  }
  return new ProverError("NATIVE_CRASHED", `native prover ended with ${signal ?? `exit code ${code}`}: ${stderr.trim().slice(-2000)}`);
}

/** zkeys whose points this process already checked, by path, size and modification time */
const checkedKeys = new Set<string>();

function keyIdentity(zkeyPath: string): string | undefined {
  try {
    const stat = statSync(zkeyPath);
    return `${zkeyPath}\0${stat.size}\0${stat.mtimeMs}\0${stat.ino}`;
  } catch {
    return undefined; // the binary reports the missing file
  }
}

/**
 * The C prover (native/src), one child process per proof on every core. The zkey's points are checked to be
 * on their curves the first time this process proves with a key file (~5 % of a proof), not again while
 * the file is unchanged.
 */
export const nativeEngine: ProverEngine = {
  name: "native",
  async prove(zkeyPath: string, witness: WitnessInput, options: ProveOptions = {}): Promise<ProveResult> {
    const args = ["prove", zkeyPath, typeof witness === "string" ? witness : "-"];
    if (options.r1csPath !== undefined) args.push("--r1cs", options.r1csPath);
    if (options.threads !== undefined) args.push("--threads", String(options.threads));
    const identity = keyIdentity(zkeyPath);
    const check = options.checkPoints ?? !(identity !== undefined && checkedKeys.has(identity));
    if (!check) args.push("--no-check");
    const { stdout } = await runNative(args, typeof witness === "string" ? undefined : witness, options.signal);
    if (check && identity !== undefined) checkedKeys.add(identity);
    return JSON.parse(stdout) as ProveResult;
  },
};
