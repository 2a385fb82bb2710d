// Proves the development echo circuit: a real Groth16 proof whose single public input is `publicInput`.
import { groth16 } from "snarkjs";

import { toSolidityProof, type SolidityGroth16Proof } from "../lib/groth16-proof";
import type { DevCircuit } from "./dev-circuit";

export async function proveEcho(
  circuit: DevCircuit,
  keyName: string,
  publicInput: bigint,
): Promise<SolidityGroth16Proof> {
  const key = circuit.keys[keyName];
  if (!key) throw new Error(`dev circuit has no key ${keyName}`);
  const { proof, publicSignals } = await groth16.fullProve(
    { commitment: publicInput.toString() },
    circuit.wasmPath,
    key.zkeyPath,
  );
  if (publicSignals[0] !== publicInput.toString()) throw new Error("echo proof has an unexpected public signal");
  return toSolidityProof(proof);
}

/** snarkjs keeps worker threads alive; scripts call this before exiting on their own. */
export async function releaseSnarkjs(): Promise<void> {
  const curve = (globalThis as { curve_bn128?: { terminate(): Promise<void> } }).curve_bn128;
  if (curve) await curve.terminate();
}
