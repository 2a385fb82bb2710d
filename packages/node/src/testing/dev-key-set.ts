/**
 * Test helper: a key set (`@zklite/prover`'s manifest) over the INSECURE dev echo circuit of
 * `contracts/tools/dev-circuit.ts` (one public input, the masked commitment; input `{ commitment }`), one
 * independent Groth16 setup per block size, cached under contracts/.cache/dev-circuit. Proofs take well under
 * a second.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { writeKeySet } from "@zklite/prover";

const CONTRACTS = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "..", "contracts");

export interface DevKeySet {
  /** The manifest (in a fresh temporary folder; paths in it are relative). */
  readonly manifestPath: string;
  readonly zkeys: ReadonlyMap<number, string>;
  readonly wasmPath: string;
}

/** Builds (or reuses) the echo circuit's keys for `chunkSizes` and writes a manifest for them. */
export function devKeySet(chunkSizes: readonly number[], namePrefix = "prover-jobs"): DevKeySet {
  const keyNames = chunkSizes.map((chunks) => `${namePrefix}-${chunks}`);
  // contracts is CommonJS TypeScript run by ts-node; the circuit build is a child process anyway
  const script = `
    const { ensureDevCircuit } = require("./tools/dev-circuit.ts");
    const { execFileSync } = require("node:child_process");
    const fs = require("node:fs");
    const circuit = ensureDevCircuit("block", ${JSON.stringify(keyNames)});
    const cli = require("path").join(require("path").dirname(require.resolve("snarkjs")), "cli.cjs");
    for (const key of Object.values(circuit.keys)) {
      const vkey = key.zkeyPath.replace(/\\.zkey$/, ".vkey.json");
      if (!fs.existsSync(vkey)) execFileSync(process.execPath, [cli, "zkey", "export", "verificationkey", key.zkeyPath, vkey], { stdio: "pipe" });
    }
    process.stdout.write(JSON.stringify(circuit));`;
  const output = execFileSync(process.execPath, ["--require", "ts-node/register/transpile-only", "-e", script], {
    cwd: CONTRACTS,
    encoding: "utf8",
    timeout: 10 * 60_000,
    env: { ...process.env, TS_NODE_PROJECT: join(CONTRACTS, "tsconfig.json") },
  });
  const circuit = JSON.parse(output) as { wasmPath: string; keys: Record<string, { zkeyPath: string }> };
  const zkeys = new Map<number, string>();
  const blocks = chunkSizes.map((chunks, index) => {
    const zkeyPath = circuit.keys[keyNames[index] as string]?.zkeyPath;
    if (zkeyPath === undefined || !existsSync(zkeyPath)) throw new Error(`dev circuit: no key for ${chunks} chunks`);
    zkeys.set(chunks, zkeyPath);
    return { chunks, circuit: "echo" as const, wasmPath: circuit.wasmPath, zkeyPath, vkeyPath: zkeyPath.replace(/\.zkey$/, ".vkey.json") };
  });
  const manifestPath = join(mkdtempSync(join(tmpdir(), "zklite-key-set-")), "key-set.json");
  writeKeySet(manifestPath, { description: "dev echo circuit (INSECURE, tests only)", blocks });
  return { manifestPath, zkeys, wasmPath: circuit.wasmPath };
}
