import { randomBytes } from "node:crypto";
import { existsSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { ZkLiteError } from "@zklite/crypto-wasm";
import { devKeysGeneratorVersion, generateDevZkeySync, nativeProverStatus } from "@zklite/prover";
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
export function ensureDevKeys(circuit: CompiledCircuit): DevKeys {
  const ptauPower = requiredPtauPower(circuit);
  const generator = devKeyGenerator();
  const stem = generator === "native" ? `${circuit.name}.devkeys-v${devKeysGeneratorVersion()}` : `${circuit.name}.dev`;
  const keys: DevKeys = {
    zkeyPath: path.join(circuit.dir, `${stem}.zkey`),
    verificationKeyPath: path.join(circuit.dir, `${stem}.vkey.json`),
    verifierSolidityPath: path.join(circuit.dir, `${stem}.verifier.sol`),
    ptauPower,
    generator,
  };
  const snarkjs = snarkjsCli();
  produce(keys.zkeyPath, (tmp) => {
    if (generator === "native") {
      generateDevZkeySync({ r1csPath: circuit.r1csPath, zkeyPath: tmp });
      return;
    }
    const ptau = ensureDevPowersOfTau(ptauPower);
    const initial = `${tmp}.0`;
    run([snarkjs, "groth16", "setup", circuit.r1csPath, ptau, initial], circuit.dir);
    run([snarkjs, "zkey", "contribute", initial, tmp, "-n=zkLite INSECURE development contribution", `-e=${randomBytes(32).toString("hex")}`], circuit.dir);
    rmSync(initial, { force: true });
  });
  produce(keys.verificationKeyPath, (tmp) => run([snarkjs, "zkey", "export", "verificationkey", keys.zkeyPath, tmp], circuit.dir));
  produce(keys.verifierSolidityPath, (tmp) => run([snarkjs, "zkey", "export", "solidityverifier", keys.zkeyPath, tmp], circuit.dir));
  return keys;
}

/** Builds `file` through a temporary name, so an interrupted run never leaves a half-written artifact. */
function produce(file: string, build: (tmp: string) => void): void {
  if (existsSync(file) && statSync(file).size > 0) return;
  const tmp = `${file}.tmp-${process.pid}${path.extname(file)}`;
  rmSync(tmp, { force: true });
  build(tmp);
  // snarkjs reports some failures (e.g. a too-small ptau) on stdout and exits 0 with no file
  if (!existsSync(tmp) || statSync(tmp).size === 0) throw new ZkLiteError("CEREMONY_STEP_FAILED", `producing ${path.basename(file)} left no output`);
  renameSync(tmp, file);
}
