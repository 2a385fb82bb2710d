/** The counts of a stored block that size its L1 gas (gas-estimate.ts). */
import { decodeBlockOperations, isProcessableOperation } from "@zklite/protocol";
import type { BlockGasInput } from "./gas-estimate.js";

export function countOnchain(block: { readonly publicData: Uint8Array; readonly onchainOperations: unknown }): BlockGasInput {
  const onchain = Array.isArray(block.onchainOperations) ? block.onchainOperations.length : 0;
  return {
    publicDataBytes: block.publicData.length,
    onchainOperations: onchain,
    pendingOperations: decodeBlockOperations(block.publicData).filter(({ op }) => isProcessableOperation(op.type)).length,
  };
}
