import type { BlockCircuitParameters } from "@zklite/circuits/witness";
import type { StateSnapshot } from "@zklite/state";
import type { StoredBlock } from "./stored-block.js";

/**
 * Messages to the witness thread: load the replica, then, block after block in order, witness it (block circuit)
 * or only move the replica past it (a size the echo circuit proves).
 */
export type WitnessThreadRequest =
  | { readonly kind: "init"; readonly id: number; readonly snapshot: StateSnapshot; readonly blockNumber: number; readonly expectedRoot: string }
  | { readonly kind: "witness"; readonly id: number; readonly block: StoredBlock; readonly parameters: BlockCircuitParameters; readonly expectedPublicInput: bigint }
  | { readonly kind: "advance"; readonly id: number; readonly block: StoredBlock };

export type WitnessThreadReply =
  | { readonly id: number; readonly ok: true; readonly inputJson: string }
  | { readonly id: number; readonly ok: false; readonly code: string; readonly message: string };
