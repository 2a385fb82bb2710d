/**
 * A Groth16 proof (snarkjs' `{ pi_a, pi_b, pi_c }`, or `{ proof, publicSignals }` as `groth16.fullProve` returns
 * both) as the rollup's verifiers take it: `uint256[8]` = [A.x, A.y, B.x1, B.x0, B.y1, B.y0, C.x, C.y] (the G2
 * coordinates in the EVM precompile's order).
 */
import { protocolError } from "../errors.js";

export type SolidityProof = readonly [bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint];

interface SnarkjsProof {
  readonly pi_a: readonly unknown[];
  readonly pi_b: readonly (readonly unknown[])[];
  readonly pi_c: readonly unknown[];
}

function isSnarkjsProof(value: unknown): value is SnarkjsProof {
  const v = value as Partial<SnarkjsProof> | null;
  return typeof v === "object" && v !== null && Array.isArray(v.pi_a) && Array.isArray(v.pi_b) && Array.isArray(v.pi_c);
}

/** Throws INVALID_PROOF for anything else than a snarkjs Groth16 proof with integer coordinates. */
export function groth16SolidityProof(json: unknown): SolidityProof {
  const proof = isSnarkjsProof(json) ? json : (json as { proof?: unknown } | null)?.proof;
  if (!isSnarkjsProof(proof)) throw protocolError("INVALID_PROOF", "not a snarkjs Groth16 proof ({ pi_a, pi_b, pi_c })");
  const field = (value: unknown, name: string): bigint => {
    if (typeof value !== "string" || !/^(0x[0-9a-fA-F]+|[0-9]+)$/.test(value)) throw protocolError("INVALID_PROOF", `${name} is missing or not an integer`);
    return BigInt(value);
  };
  const [b0, b1] = [proof.pi_b[0] ?? [], proof.pi_b[1] ?? []];
  return [
    field(proof.pi_a[0], "pi_a[0]"),
    field(proof.pi_a[1], "pi_a[1]"),
    field(b0[1], "pi_b[0][1]"),
    field(b0[0], "pi_b[0][0]"),
    field(b1[1], "pi_b[1][1]"),
    field(b1[0], "pi_b[1][0]"),
    field(proof.pi_c[0], "pi_c[0]"),
    field(proof.pi_c[1], "pi_c[1]"),
  ];
}
