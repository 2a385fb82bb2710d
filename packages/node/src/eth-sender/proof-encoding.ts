/**
 * A `Proof` row's JSON → the `uint256[8]` of `BlockProof`. The row holds a snarkjs Groth16 proof (`{ pi_a, pi_b,
 * pi_c, … }`), or `{ proof: <that>, publicSignals }` as `groth16.fullProve` returns both. Same order as
 * `toSolidityProof` of @zklite/contracts (tested against it): [A.x, A.y, B.x1, B.x0, B.y1, B.y0, C.x, C.y].
 */
import { EthSenderError } from "./errors.js";

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

export function solidityProof(json: unknown, blockNumber: number): SolidityProof {
  const proof = isSnarkjsProof(json) ? json : (json as { proof?: unknown } | null)?.proof;
  if (!isSnarkjsProof(proof)) throw new EthSenderError("ETH_SENDER_BAD_INPUT", `the proof of block ${blockNumber} is not a snarkjs Groth16 proof`);
  const field = (value: unknown, name: string): bigint => {
    if (typeof value !== "string" || !/^(0x[0-9a-fA-F]+|[0-9]+)$/.test(value)) {
      throw new EthSenderError("ETH_SENDER_BAD_INPUT", `the proof of block ${blockNumber}: ${name} is missing or not an integer`);
    }
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
