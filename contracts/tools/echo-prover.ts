// Proves the development echo circuits: real Groth16 proofs whose public inputs are exactly the given values.
import { groth16 } from "snarkjs";

import { toSolidityProof, type SolidityGroth16Proof } from "../lib/groth16-proof";
import type { DevCircuit, DevCircuitKind } from "./dev-circuit";

/** Number of public inputs of each echo circuit (tools/dev-circuit.ts). */
const PUBLIC_INPUT_COUNTS: Readonly<Record<DevCircuitKind, number>> = { block: 1, exit: 10 };

async function prove(
  circuit: DevCircuit,
  keyName: string,
  publicInputs: readonly bigint[],
): Promise<SolidityGroth16Proof> {
  const key = circuit.keys[keyName];
  if (!key) throw new Error(`dev circuit has no key ${keyName}`);
  if (publicInputs.length !== PUBLIC_INPUT_COUNTS[circuit.kind]) {
    throw new Error(`the ${circuit.kind} echo circuit takes ${PUBLIC_INPUT_COUNTS[circuit.kind]} public inputs, got ${publicInputs.length}`);
  }
  const values = publicInputs.map((v) => v.toString());
  const input: Record<string, string | readonly string[]> =
    circuit.kind === "block" ? { commitment: values.join() } : { statement: values };
  const { proof, publicSignals } = await groth16.fullProve(input, circuit.wasmPath, key.zkeyPath);
  if (publicSignals.join() !== values.join()) throw new Error("echo proof has unexpected public signals");
  return toSolidityProof(proof);
}

/** A proof of the block echo circuit for one public input (the masked block commitment). */
export function proveEcho(circuit: DevCircuit, keyName: string, publicInput: bigint): Promise<SolidityGroth16Proof> {
  return prove(circuit, keyName, [publicInput]);
}

/** A proof of the exit echo circuit for the exit circuit's ten public inputs (VerifierAdapter order). */
export function proveExitEcho(
  circuit: DevCircuit,
  keyName: string,
  publicInputs: readonly bigint[],
): Promise<SolidityGroth16Proof> {
  return prove(circuit, keyName, publicInputs);
}

/** snarkjs keeps worker threads alive; scripts call this before exiting on their own. */
export async function releaseSnarkjs(): Promise<void> {
  const curve = (globalThis as { curve_bn128?: { terminate(): Promise<void> } }).curve_bn128;
  if (curve) await curve.terminate();
}
