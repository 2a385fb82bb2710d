import type { MempoolEntry } from "./mempool-entry.js";
import type { MempoolStore } from "./mempool-store.js";

interface Waiting {
  readonly entry: MempoolEntry;
  resolve(alreadyExecuted: boolean): void;
  reject(error: unknown): void;
}

/**
 * Group commit: entries accepted while a write is in flight (or within `flushDelayMs`) are persisted
 * together in the next database transaction, so durability before acknowledgement costs one write per
 * group, not one per transaction.
 */
export class IngestQueue {
  private waiting: Waiting[] = [];
  private writing = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: MempoolStore,
    private readonly flushDelayMs: number,
    private readonly onWritten?: (entries: number, ms: number) => void,
  ) {}

  /** Resolves once the entry is durable: false, or true if a transaction of it was already executed. */
  persist(entry: MempoolEntry): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ entry, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.writing || this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, this.flushDelayMs);
  }

  private async flush(): Promise<void> {
    const group = this.waiting;
    if (group.length === 0) return;
    this.waiting = [];
    this.writing = true;
    const started = performance.now();
    try {
      const executed = await this.store.insert(group.map((waiting) => waiting.entry));
      this.onWritten?.(group.length, performance.now() - started);
      for (const waiting of group) waiting.resolve(executed.has(waiting.entry.seq));
    } catch (error) {
      for (const waiting of group) waiting.reject(error);
    } finally {
      this.writing = false;
      if (this.waiting.length > 0) this.schedule();
    }
  }
}
