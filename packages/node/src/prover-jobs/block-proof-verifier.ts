import { fromHex, maskCommitment } from "@zklite/protocol";
import { loadKeySet, readVerificationKey, verifyGroth16, type Groth16Proof, type Groth16VerificationKey } from "@zklite/prover";
import { ProverJobError } from "./errors.js";

/**
 * Checks a block proof before it is stored: the one public signal must be the block's masked commitment
 * (what the L1 verifier will feed it), and the proof must verify against the verification key of the
 * block's size.
 */
export class BlockProofVerifier {
  constructor(private readonly vkeys: ReadonlyMap<number, Groth16VerificationKey>) {}

  /** The verification keys of a key-set manifest (`ZKLITE_KEY_SET`; only the vkey files are read). */
  static fromKeySet(manifestPath: string): BlockProofVerifier {
    const keySet = loadKeySet(manifestPath, "verify");
    return new BlockProofVerifier(new Map([...keySet.blocks].map(([chunks, circuit]) => [chunks, readVerificationKey(circuit.vkeyPath)])));
  }

  /** Block sizes this node can verify proofs of. */
  get chunkSizes(): number[] {
    return [...this.vkeys.keys()].sort((a, b) => a - b);
  }

  /** Throws `PROVER_NO_KEY`, `PROVER_PUBLIC_SIGNAL_MISMATCH` or `PROVER_PROOF_INVALID`. */
  async check(block: { number: number; blockChunks: number; commitment: string }, proof: Groth16Proof, publicSignals: readonly string[]): Promise<void> {
    const vkey = this.vkeys.get(block.blockChunks);
    if (vkey === undefined) throw new ProverJobError("PROVER_NO_KEY", `no verification key for blocks of ${block.blockChunks} chunks (key set sizes: ${this.chunkSizes.join(", ")})`);
    const expected = maskCommitment(fromHex(block.commitment)).toString();
    if (publicSignals.length !== 1 || publicSignals[0] !== expected) {
      throw new ProverJobError("PROVER_PUBLIC_SIGNAL_MISMATCH", `block ${block.number}: the public signals must be [${expected}] (its masked commitment), got [${publicSignals.join(", ")}]`);
    }
    if (!(await verifyGroth16(vkey, publicSignals, proof))) {
      throw new ProverJobError("PROVER_PROOF_INVALID", `block ${block.number}: the proof does not verify against the ${block.blockChunks}-chunk verification key`);
    }
  }
}
