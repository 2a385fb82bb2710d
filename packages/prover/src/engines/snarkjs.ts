import { randomBytes } from "node:crypto";
import { rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import * as snarkjs from "snarkjs";
import { ProverError } from "../errors.js";
import type { ProveOptions, ProveResult, ProverEngine, WitnessInput } from "./types.js";

function witnessFile(witness: WitnessInput): string | { type: "mem"; data: Uint8Array } {
  return typeof witness === "string" ? witness : { type: "mem", data: witness };
}

const quietLogger = { debug() {}, info() {}, warn() {}, error() {} };

function mapError(error: unknown): ProverError {
  const message = error instanceof Error ? error.message : String(error);
  if (/Invalid witness length/i.test(message)) return new ProverError("WITNESS_LENGTH_MISMATCH", message, { cause: error });
  if (/ENOENT/.test(message)) return new ProverError("FILE_NOT_FOUND", message, { cause: error });
  if (/Invalid File format|Version not supported|not groth16/i.test(message)) return new ProverError("ZKEY_INVALID", message, { cause: error });
  return new ProverError("SNARKJS_FAILED", message, { cause: error });
}

/** snarkjs 0.7.6's own prover (WebAssembly): the fallback where the native one cannot be built. */
export const snarkjsEngine: ProverEngine = {
  name: "snarkjs",
  async prove(zkeyPath: string, witness: WitnessInput, options: ProveOptions = {}): Promise<ProveResult> {
    if (options.r1csPath !== undefined) {
      let ok: boolean;
      // snarkjs' check reads the witness from a file
      const file = typeof witness === "string" ? witness : path.join(os.tmpdir(), `zklite-wtns-${process.pid}-${randomBytes(4).toString("hex")}.wtns`);
      try {
        if (typeof witness !== "string") writeFileSync(file, witness);
        ok = await snarkjs.wtns.check(options.r1csPath, file, quietLogger);
      } catch (error) {
        throw mapError(error);
      } finally {
        if (file !== witness) rmSync(file, { force: true });
      }
      if (!ok) throw new ProverError("R1CS_UNSATISFIED", `the witness does not satisfy ${options.r1csPath}`);
    }
    try {
      const { proof, publicSignals } = await snarkjs.groth16.prove(zkeyPath, witnessFile(witness));
      return { proof, publicSignals };
    } catch (error) {
      throw mapError(error);
    }
  },
};
