import type { Tx, TxEthSignature } from "@zklite/protocol";

/** One accepted transaction, as queued and as persisted. */
export interface QueuedTx {
  readonly hash: string;
  readonly tx: Tx;
  /** Lowercase address of the account whose nonce it consumes. */
  readonly sender: string;
  readonly nonce: number;
  /** The Ethereum signature(s) that came with it (a single tx's, or null inside a batch). */
  readonly ethSignatures: readonly TxEthSignature[];
}

/** What the mempool queues: a single transaction, or a batch executed all or nothing. */
export interface MempoolEntry {
  /** Arrival order (persisted order on reload). */
  readonly seq: number;
  readonly txs: readonly QueuedTx[];
  /** Set for batches: the batch hash and its signatures. */
  readonly batch?: { readonly hash: string; readonly ethSignatures: readonly TxEthSignature[] } | undefined;
  /** First nonce per sender: the entry can run when each sender's nonce equals it. */
  readonly senders: ReadonlyMap<string, number>;
  /** Milliseconds since the epoch when it was accepted. */
  readonly receivedAt: number;
}

export function entrySenders(txs: readonly QueuedTx[]): Map<string, number> {
  const senders = new Map<string, number>();
  for (const queued of txs) if (!senders.has(queued.sender)) senders.set(queued.sender, queued.nonce);
  return senders;
}

/** Nonces an entry consumes per sender (a batch may hold several transactions of one sender). */
export function entryNonceCounts(entry: MempoolEntry): Map<string, number> {
  const counts = new Map<string, number>();
  for (const queued of entry.txs) counts.set(queued.sender, (counts.get(queued.sender) ?? 0) + 1);
  return counts;
}
