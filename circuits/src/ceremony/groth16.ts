import { readFileSync } from "node:fs";
import { groth16, wtns } from "snarkjs";
import { ZkLiteError } from "@zklite/crypto-wasm";
import { defaultEngine, type ProverEngine } from "@zklite/prover";
import type { CircuitInput } from "../witness-calculator.js";

/** A Groth16 proof as snarkjs writes it (projective coordinates as decimal strings). */
export interface Groth16Proof {
  readonly pi_a: readonly string[];
  readonly pi_b: readonly (readonly string[])[];
  readonly pi_c: readonly string[];
  readonly protocol: string;
  readonly curve: string;
}

export interface Groth16Result {
  readonly proof: Groth16Proof;
  readonly publicSignals: readonly bigint[];
  /** The proof in the contracts' `uint256[8]` order: A.x, A.y, B.x1, B.x0, B.y1, B.y0, C.x, C.y. */
  readonly solidityProof: readonly bigint[];
}

/**
 * Witness from circom's wasm calculator, then a Groth16 proof through @zklite/prover: its native prover by
 * default, snarkjs where that cannot be built (`ZKLITE_PROVER_ENGINE=snarkjs` forces it), or `engine`.
 */
export async function proveGroth16(wasmPath: string, zkeyPath: string, input: CircuitInput, engine: ProverEngine = defaultEngine()): Promise<Groth16Result> {
  let result: { proof: Groth16Proof; publicSignals: string[] };
  try {
    const witness: { type: "mem"; data?: Uint8Array } = { type: "mem" };
    await wtns.calculate(input, wasmPath, witness);
    if (witness.data === undefined) throw new Error("the witness calculator returned no witness");
    result = await engine.prove(zkeyPath, witness.data);
  } catch (error) {
    throw new ZkLiteError("PROOF_FAILED", `Groth16 proving failed: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`, { cause: error });
  }
  const { proof, publicSignals } = result;
  const coordinate = (value: string | undefined): bigint => BigInt(value ?? "0");
  const solidityProof = [
    coordinate(proof.pi_a[0]),
    coordinate(proof.pi_a[1]),
    coordinate(proof.pi_b[0]?.[1]),
    coordinate(proof.pi_b[0]?.[0]),
    coordinate(proof.pi_b[1]?.[1]),
    coordinate(proof.pi_b[1]?.[0]),
    coordinate(proof.pi_c[0]),
    coordinate(proof.pi_c[1]),
  ];
  return { proof, publicSignals: publicSignals.map((signal) => BigInt(signal)), solidityProof };
}

export async function verifyGroth16(verificationKeyPath: string, publicSignals: readonly bigint[], proof: Groth16Proof): Promise<boolean> {
  const verificationKey: unknown = JSON.parse(readFileSync(verificationKeyPath, "utf8"));
  const mutableProof = {
    pi_a: [...proof.pi_a],
    pi_b: proof.pi_b.map((pair) => [...pair]),
    pi_c: [...proof.pi_c],
    protocol: proof.protocol,
    curve: proof.curve,
  };
  return groth16.verify(verificationKey, publicSignals.map((signal) => signal.toString()), mutableProof);
}
