import { entryNonceCounts, type MempoolEntry } from "./mempool-entry.js";

/**
 * The mempool's in-memory index: entries by arrival, and per sender by first nonce. Unlike zkSync's
 * mempool, an entry whose nonce is ahead of its account's waits here (until its gap closes or its TTL
 * ends) instead of being executed and failed.
 */
export class AccountQueues {
  private readonly entries = new Map<number, MempoolEntry>();
  /** sender → (first nonce → entry) */
  private readonly bySender = new Map<string, Map<number, MempoolEntry>>();
  private readonly hashes = new Set<string>();

  get size(): number {
    return this.entries.size;
  }

  get transactionCount(): number {
    return this.hashes.size;
  }

  hasHash(hash: string): boolean {
    return this.hashes.has(hash);
  }

  /** Whether `sender` already has a queued transaction with one of `nonces`. */
  hasNonce(sender: string, nonce: number): boolean {
    const queue = this.bySender.get(sender);
    if (queue === undefined) return false;
    for (const entry of queue.values()) {
      for (const queued of entry.txs) if (queued.sender === sender && queued.nonce === nonce) return true;
    }
    return false;
  }

  /** Whether `sender` has a ChangePubKey waiting (its later transactions may be signed by the new key). */
  hasKeyChange(sender: string): boolean {
    const queue = this.bySender.get(sender);
    if (queue === undefined) return false;
    for (const entry of queue.values()) {
      if (entry.txs.some((queued) => queued.sender === sender && queued.tx.type === "ChangePubKey")) return true;
    }
    return false;
  }

  pendingCount(sender: string): number {
    return this.bySender.get(sender)?.size ?? 0;
  }

  add(entry: MempoolEntry): void {
    this.entries.set(entry.seq, entry);
    for (const queued of entry.txs) this.hashes.add(queued.hash);
    for (const [sender, nonce] of entry.senders) {
      let queue = this.bySender.get(sender);
      if (queue === undefined) this.bySender.set(sender, (queue = new Map()));
      queue.set(nonce, entry);
    }
  }

  remove(entry: MempoolEntry): void {
    if (!this.entries.delete(entry.seq)) return;
    for (const queued of entry.txs) this.hashes.delete(queued.hash);
    for (const [sender, nonce] of entry.senders) {
      const queue = this.bySender.get(sender);
      queue?.delete(nonce);
      if (queue?.size === 0) this.bySender.delete(sender);
    }
  }

  /**
   * Entries that can run now, oldest first, at most `limit` transactions: for each sender, the chain of
   * entries whose first nonce continues from `nonceOf(sender)`. A batch of several senders is taken only
   * when it is next for all of them. The caller re-checks nonces as it executes (a failure leaves the
   * sender's later entries waiting).
   */
  ready(nonceOf: (sender: string) => number, limit: number): MempoolEntry[] {
    const expected = new Map<string, number>();
    const next = (sender: string) => expected.get(sender) ?? nonceOf(sender);
    const taken = new Set<number>();
    const result: MempoolEntry[] = [];
    let transactions = 0;
    let progress = true;
    while (progress && transactions < limit) {
      progress = false;
      for (const entry of this.entries.values()) {
        if (transactions >= limit) break;
        if (taken.has(entry.seq)) continue;
        let runnable = true;
        for (const [sender, nonce] of entry.senders) if (next(sender) !== nonce) runnable = false;
        if (!runnable) continue;
        for (const [sender, count] of entryNonceCounts(entry)) expected.set(sender, next(sender) + count);
        taken.add(entry.seq);
        result.push(entry);
        transactions += entry.txs.length;
        progress = true;
      }
    }
    return result;
  }

  /**
   * Entries that can never run or waited too long: a first nonce below the sender's (its nonce was
   * used by another transaction) or a gap older than `ttlMs`.
   */
  stale(nonceOf: (sender: string) => number, now: number, ttlMs: number): MempoolEntry[] {
    const result: MempoolEntry[] = [];
    for (const entry of this.entries.values()) {
      for (const [sender, nonce] of entry.senders) {
        const current = nonceOf(sender);
        if (nonce < current || (nonce > current && now - entry.receivedAt > ttlMs)) {
          result.push(entry);
          break;
        }
      }
    }
    return result;
  }
}
