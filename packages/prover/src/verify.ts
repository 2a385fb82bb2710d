import * as snarkjs from "snarkjs";
import type { Groth16Proof } from "./engines/types.js";
import type { Groth16VerificationKey } from "./key-set/verification-key.js";

/**
 * `snarkjs.groth16.verify`, with malformed input (points off the curve, wrong counts, non-numbers) answered
 * `false` instead of thrown: whatever a prover sends, the answer is "valid" or "not valid".
 */
export async function verifyGroth16(vkey: Groth16VerificationKey, publicSignals: readonly string[], proof: Groth16Proof): Promise<boolean> {
  if (publicSignals.length !== vkey.nPublic) return false;
  try {
    return await snarkjs.groth16.verify(vkey, publicSignals, proof, quietLogger);
  } catch {
    return false;
  }
}

const quietLogger = { debug() {}, info() {}, warn() {}, error() {} };
