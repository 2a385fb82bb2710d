import { ZkLiteError } from "@zklite/protocol";
import type { KeySet } from "@zklite/prover";
import type { BlockCircuit } from "./witness-generator.js";

/**
 * The circuit of each block size, from the deployment's key set. Every size the state keeper may seal must have
 * one, or its blocks could never be proven: refused at start-up (CONFIG_INVALID).
 */
export function blockCircuitsOf(keySet: KeySet, sealedSizes: readonly number[]): ReadonlyMap<number, BlockCircuit> {
  const missing = sealedSizes.filter((chunks) => !keySet.blocks.has(chunks));
  if (missing.length > 0) {
    throw new ZkLiteError("CONFIG_INVALID", `invalid node configuration: ZKLITE_BLOCK_CHUNK_SIZES has ${missing.join(", ")}, which the key set ${keySet.manifestPath} has no circuit for`);
  }
  const circuits = new Map<number, BlockCircuit>();
  for (const [chunks, { circuit }] of keySet.blocks) {
    circuits.set(chunks, circuit === "echo" ? { kind: "echo" } : { kind: "block", parameters: { chunks, accountDepth: circuit.accountDepth, balanceDepth: circuit.balanceDepth, feeSlots: circuit.feeSlots, extendedLanes: circuit.extendedLanes } });
  }
  return circuits;
}
