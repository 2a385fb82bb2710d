import { ZkLiteError } from "@zklite/crypto-wasm";

/** A Groth16 proof as snarkjs returns it (`groth16.prove`/`fullProve`, or proof.json). */
export interface SnarkjsGroth16Proof {
  readonly pi_a: readonly string[];
  readonly pi_b: readonly (readonly string[])[];
  readonly pi_c: readonly string[];
}

/** [A.x, A.y, B.x1, B.x0, B.y1, B.y0, C.x, C.y]: the uint256[8] the rollup and verifier adapter take. */
export type SolidityGroth16Proof = readonly [bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint];

function coordinate(value: string | undefined, name: string): bigint {
  if (value === undefined || !/^(0x[0-9a-fA-F]+|[0-9]+)$/.test(value)) {
    throw new ZkLiteError("INVALID_PROOF", `Groth16 proof field ${name} is missing or not an integer`);
  }
  return BigInt(value);
}

/**
 * Reorders a snarkjs proof for the snarkjs Solidity verifier: B's Fp2 coordinates are given as (imaginary, real),
 * the same swap `snarkjs zkey export soliditycalldata` makes.
 */
export function toSolidityProof(proof: SnarkjsGroth16Proof): SolidityGroth16Proof {
  const b0 = proof.pi_b[0] ?? [];
  const b1 = proof.pi_b[1] ?? [];
  return [
    coordinate(proof.pi_a[0], "pi_a[0]"),
    coordinate(proof.pi_a[1], "pi_a[1]"),
    coordinate(b0[1], "pi_b[0][1]"),
    coordinate(b0[0], "pi_b[0][0]"),
    coordinate(b1[1], "pi_b[1][1]"),
    coordinate(b1[0], "pi_b[1][0]"),
    coordinate(proof.pi_c[0], "pi_c[0]"),
    coordinate(proof.pi_c[1], "pi_c[1]"),
  ];
}
