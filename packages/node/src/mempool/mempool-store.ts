import type { MempoolEntry } from "./mempool-entry.js";

/** Where the mempool persists what it accepts (storage/mempool-repository.ts implements it). */
export interface MempoolStore {
  /**
   * Persists the entries in one database transaction. Entries holding a transaction that was already
   * executed (its hash has a receipt) are not written: their first sequence numbers are returned.
   */
  insert(entries: readonly MempoolEntry[]): Promise<ReadonlySet<number>>;
  /** Every persisted entry, in arrival order. */
  loadAll(): Promise<MempoolEntry[]>;
}
