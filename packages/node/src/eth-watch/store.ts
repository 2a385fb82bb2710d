/**
 * Where eth-watch keeps what it has read. The node implements it on Prisma (storage/); tests use
 * `InMemoryEthWatchStore`. Every implementation must keep the contract written on each method.
 */
import type { ConfirmedBatch, L1Cursor, UnconfirmedPriorityOp } from "./types.js";

export interface EthWatchStore {
  /** Last L1 block fully processed (confirmed), with its hash; undefined at first start. */
  loadCursor(): Promise<L1Cursor | undefined>;
  /** Serial id of the next priority op expected (0 at genesis) = number of priority ops stored. */
  nextSerialId(): Promise<bigint>;
  /**
   * Atomically: appends the confirmed priority ops, upserts tokens (by token id) and NFT factories (by creator
   * account id and address), applies the on-chain authorization events in order (a fact replaces the one of its
   * owner and nonce, a reset marks it), replaces the cursor. Must throw `EthWatchError("ETH_WATCH_NON_CONTIGUOUS_APPEND")`,
   * changing nothing, unless the ops' serial ids are `nextSerialId(), nextSerialId() + 1, …`.
   */
  saveConfirmed(batch: ConfirmedBatch): Promise<void>;
  /** Replaces the whole set of unconfirmed priority ops (shown as "depositing"); an op missing from `ops` is gone. */
  replaceUnconfirmed(ops: readonly UnconfirmedPriorityOp[]): Promise<void>;
}
