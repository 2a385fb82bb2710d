import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { ZkLiteError } from "@zklite/crypto-wasm";
import { devKeysGeneratorVersion, generateDevZkey, nativeProverStatus } from "@zklite/prover";
import type { CompiledCircuit } from "../circom-compiler.js";
import { snarkjsCli } from "../package-paths.js";
import { ensureDevPowersOfTau, run } from "./powers-of-tau.js";

export interface DevKeys {
  readonly zkeyPath: string;
  readonly verificationKeyPath: string;
  /** `snarkjs zkey export solidityverifier` output (GPL-3.0 template: generated, never committed). */
  readonly verifierSolidityPath: string;
  readonly ptauPower: number;
  /** "native": @zklite/prover's fast generator (no ptau); "snarkjs": dev ptau, `groth16 setup`, one contribution */
  readonly generator: "native" | "snarkjs";
}

/** Smallest ptau power whose domain holds the circuit (snarkjs needs constraints + public inputs + 1). */
export function requiredPtauPower(circuit: CompiledCircuit): number {
  const { constraints, publicInputs, publicOutputs } = circuit.header;
  const rows = constraints + publicInputs + publicOutputs + 1;
  return Math.max(8, Math.ceil(Math.log2(rows)));
}

/** Which generator ensureDevKeys uses: the native one unless unavailable or `ZKLITE_DEV_KEYS=snarkjs`. */
export function devKeyGenerator(): "native" | "snarkjs" {
  if (process.env.ZKLITE_DEV_KEYS === "snarkjs") return "snarkjs";
  return nativeProverStatus().available ? "native" : "snarkjs";
}

/**
 * INSECURE development Groth16 keys for a compiled circuit, cached beside it (the folder is keyed by the
 * circuit's sources), then the verification key and the Solidity verifier. Anyone who kept the secrets
 * could forge proofs; real keys come from the multi-party ceremony in keys/README.md.
 *
 * By default the keys come straight from random toxic waste through @zklite/prover's native generator
 * (seconds; the file name carries the generator's version, so a generator fix invalidates its old keys).
 * Where the native binary cannot be built, or with `ZKLITE_DEV_KEYS=snarkjs`: a dev powers of tau, the
 * circuit-specific setup and one phase-2 contribution of random bytes (minutes).
 */
export async function ensureDevKeys(circuit: CompiledCircuit): Promise<DevKeys> {
  const ptauPower = requiredPtauPower(circuit);
  const generator = devKeyGenerator();
  const stem = generator === "native" ? `${circuit.name}.devkeys-v${devKeysGeneratorVersion()}` : `${circuit.name}.dev`;
  const keysDir = path.join(circuit.dir, stem);
  const files = (dir: string) => ({
    zkeyPath: path.join(dir, `${circuit.name}.zkey`),
    verificationKeyPath: path.join(dir, "verification_key.json"),
    verifierSolidityPath: path.join(dir, "verifier.sol"),
  });
  const keys: DevKeys = { ...files(keysDir), ptauPower, generator };
  if (complete(keys)) return keys;
  // the three files are made together in a folder of this process, which then becomes the keys' folder in one
  // rename: a zkey never sits beside another zkey's verification key, even with several builders at once
  const staging = `${keysDir}.tmp-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  const tmp = files(staging);
  const snarkjs = snarkjsCli();
  try {
    if (generator === "native") {
      await generateDevZkey({ r1csPath: circuit.r1csPath, zkeyPath: tmp.zkeyPath });
    } else {
      const ptau = await ensureDevPowersOfTau(ptauPower);
      const initial = `${tmp.zkeyPath}.0`;
      await run([snarkjs, "groth16", "setup", circuit.r1csPath, ptau, initial], circuit.dir);
      await run([snarkjs, "zkey", "contribute", initial, tmp.zkeyPath, "-n=zkLite INSECURE development contribution", `-e=${randomBytes(32).toString("hex")}`], circuit.dir);
      rmSync(initial, { force: true });
    }
    await run([snarkjs, "zkey", "export", "verificationkey", tmp.zkeyPath, tmp.verificationKeyPath], circuit.dir);
    await run([snarkjs, "zkey", "export", "solidityverifier", tmp.zkeyPath, tmp.verifierSolidityPath], circuit.dir);
    // snarkjs reports some failures (e.g. a too-small ptau) on stdout and exits 0 with no file
    if (!complete(tmp)) throw new ZkLiteError("CEREMONY_STEP_FAILED", `building the development keys of ${circuit.name} left a file missing`);
    try {
      renameSync(staging, keysDir);
    } catch (error) {
      if (!complete(keys)) throw error; // another builder finished first: its keys are as good
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return keys;
}

function complete(keys: Pick<DevKeys, "zkeyPath" | "verificationKeyPath" | "verifierSolidityPath">): boolean {
  return [keys.zkeyPath, keys.verificationKeyPath, keys.verifierSolidityPath].every((file) => existsSync(file) && statSync(file).size > 0);
}
