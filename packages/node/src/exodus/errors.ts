/** Typed errors of the exit tool: each carries a stable code (DESIGN.md §5). */
import { ZkLiteError } from "@zklite/protocol";

export type ExodusErrorCode =
  /** The rollup is not in exodus mode: exits are refused by the contract (use the operator, or wait). */
  | "EXODUS_NOT_ACTIVE"
  /** The restored state is not the last executed block on L1: run `zklite-restore` again. */
  | "EXODUS_STALE_STATE"
  /** This account and token were already exited (`performExodus` pays once). */
  | "EXODUS_ALREADY_CLAIMED"
  /** The account holds nothing of this token in the last executed state. */
  | "EXODUS_NOTHING_TO_CLAIM"
  /** The contract refused the call (proof, claim, pending balance, deposits' pubdata): the message has its error. */
  | "EXODUS_L1_REFUSED"
  /** A JSON-RPC request failed. */
  | "EXODUS_L1_UNAVAILABLE"
  /** Bad arguments (unknown account, token, missing key set or key). */
  | "EXODUS_BAD_INPUT";

export class ExodusError extends ZkLiteError<ExodusErrorCode> {}
