import { ZkLiteError } from "@zklite/protocol";

/** Stable codes of the mempool's admission refusals (PROTOCOL.md §8.3); every one reaches the client. */
export type MempoolErrorCode =
  | "INVALID_TRANSACTION"
  | "UNSUPPORTED_TRANSACTION"
  | "INVALID_SIGNATURE"
  | "WRONG_SIGNER"
  | "MISSING_ETH_SIGNATURE"
  | "INVALID_ETH_SIGNATURE"
  | "ACCOUNT_NOT_FOUND"
  | "ACCOUNT_LOCKED"
  | "UNKNOWN_TOKEN"
  | "FEE_TOKEN_NOT_ALLOWED"
  | "FEE_TOO_LOW"
  | "NONCE_TOO_LOW"
  | "NONCE_ALREADY_QUEUED"
  | "TOO_MANY_PENDING"
  | "DUPLICATE_TRANSACTION"
  | "ALREADY_EXECUTED"
  | "BATCH_EMPTY"
  | "BATCH_TOO_LARGE"
  | "BATCH_TOO_MANY_SIGNERS"
  | "BATCH_TOO_BIG_FOR_BLOCK"
  | "FORCED_EXIT_NOT_ALLOWED"
  | "MEMPOOL_UNAVAILABLE"
  /** The rollup is in exodus mode on L1: no transaction is accepted any more. */
  | "EXODUS_MODE";

export function mempoolError(code: MempoolErrorCode, message: string, cause?: unknown): ZkLiteError<MempoolErrorCode> {
  return new ZkLiteError(code, message, cause === undefined ? undefined : { cause });
}
