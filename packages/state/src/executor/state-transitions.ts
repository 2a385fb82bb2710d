import type { Operation, PriorityOp, Tx } from "@zklite/protocol";
import type { StateTree } from "../state/state-tree.js";

/** Hooks the block builder uses to apply operations; not part of the public API. */
export interface StateTransitions {
  readonly tree: StateTree;
  applyTxIn(block: BlockContextHooks, tx: Tx): Operation;
  applyPriorityOpIn(block: BlockContextHooks, op: PriorityOp): Operation;
  closeBlock(): void;
}

/** What a block contributes to execution: its timestamp and its fee collection. */
export interface BlockContextHooks {
  readonly timestamp: number;
  collectFee(token: number, amount: bigint): void;
}
