/** Typed errors of data restore: each carries a stable code (DESIGN.md §5) and says which block or L1 transaction. */
import { ZkLiteError } from "@zklite/protocol";

export type DataRestoreErrorCode =
  /** A JSON-RPC request to the L1 node failed (refused, timeout, bad answer). Nothing restored so far is lost: run again. */
  | "RESTORE_L1_UNAVAILABLE"
  /** A commit transaction's calldata holds no `commitBlocks` call for the blocks its events name (e.g. an unknown wrapper contract). */
  | "RESTORE_COMMIT_UNDECODABLE"
  /** What L1 says does not chain: a genesis, a `commitBlocks` predecessor or the final stored block hash differs from the replayed one. */
  | "RESTORE_CHAIN_MISMATCH"
  /** The state reached by replaying a block's pubdata is not the state hash the block committed. */
  | "RESTORE_ROOT_MISMATCH"
  /** A block's pubdata contradicts the state (an operation the state refuses). */
  | "RESTORE_PUBDATA_REJECTED"
  /** The target storage holds blocks that are not L1's (a node's own, or blocks reverted since): restore into a new data directory. */
  | "RESTORE_STORAGE_CONFLICT"
  /** Bad options (addresses, ranges, mode). */
  | "RESTORE_BAD_INPUT";

export class DataRestoreError extends ZkLiteError<DataRestoreErrorCode> {}
