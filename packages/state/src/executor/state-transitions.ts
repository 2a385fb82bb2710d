import type { Operation, PriorityOp, Tx } from "@zklite/protocol";
import type { MutableStateTree } from "../state/mutable-state-tree.js";
import type { StateDiff } from "./state-diff.js";

/** Hooks the block builder uses to apply operations; not part of the public API. */
export interface StateTransitions {
  readonly tree: MutableStateTree;
  applyTxIn(block: BlockContextHooks, tx: Tx): Operation;
  applyPriorityOpIn(block: BlockContextHooks, op: PriorityOp): Operation;
  /** The net change since the block opened (what is applied so far; fees once credited). */
  stateDiff(): StateDiff;
  closeBlock(): void;
}

/** What a block contributes to execution: its timestamp and its fee collection. */
export interface BlockContextHooks {
  readonly timestamp: number;
  collectFee(token: number, amount: bigint): void;
}
