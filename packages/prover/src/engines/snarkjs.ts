import * as snarkjs from "snarkjs";
import { ProverError } from "../errors.js";
import type { ProveOptions, ProveResult, ProverEngine, WitnessInput } from "./types.js";

function witnessFile(witness: WitnessInput): string | { type: "mem"; data: Uint8Array } {
  return typeof witness === "string" ? witness : { type: "mem", data: witness };
}

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
      try {
        ok = await snarkjs.wtns.check(options.r1csPath, witnessFile(witness));
      } catch (error) {
        throw mapError(error);
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
