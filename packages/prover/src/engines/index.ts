import { nativeProverStatus } from "../native-binary.js";
import { nativeEngine } from "./native.js";
import { snarkjsEngine } from "./snarkjs.js";
import type { ProverEngine } from "./types.js";

export { nativeEngine, runNative } from "./native.js";
export { snarkjsEngine } from "./snarkjs.js";
export type { Groth16Proof, ProveOptions, ProveResult, ProverEngine, ProverStats, WitnessInput } from "./types.js";

let warned = false;

/**
 * The native engine when its binary is built, else snarkjs, with one log line saying why.
 * `ZKLITE_PROVER_ENGINE=snarkjs` forces snarkjs.
 */
export function defaultEngine(log: (message: string) => void = (message) => console.warn(message)): ProverEngine {
  if (process.env.ZKLITE_PROVER_ENGINE === "snarkjs") return snarkjsEngine;
  const status = nativeProverStatus();
  if (status.available) return nativeEngine;
  if (!warned) {
    warned = true;
    log(`[@zklite/prover] native prover unavailable (${status.reason.split("\n")[0]}); proving with snarkjs (≈ 10x slower)`);
  }
  return snarkjsEngine;
}
