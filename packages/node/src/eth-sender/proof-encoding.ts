/**
 * A `Proof` row's JSON → the `uint256[8]` of `BlockProof` (@zklite/protocol's `groth16SolidityProof`: a snarkjs
 * Groth16 proof, alone or with its public signals), with the block in the error.
 */
import { groth16SolidityProof, isZkLiteError, type SolidityProof } from "@zklite/protocol";
import { EthSenderError } from "./errors.js";

export type { SolidityProof };

export function solidityProof(json: unknown, blockNumber: number): SolidityProof {
  try {
    return groth16SolidityProof(json);
  } catch (error) {
    if (!isZkLiteError(error)) throw error;
    throw new EthSenderError("ETH_SENDER_BAD_INPUT", `the proof of block ${blockNumber}: ${error.message}`, { cause: error });
  }
}
