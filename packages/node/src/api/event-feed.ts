import { EventEmitter, on } from "node:events";
import type { EventsInput, JsonValue, NodeEvent, NodeEventKind } from "@zklite/api";
import type { PrismaClient } from "../storage/generated/client.js";

const PAGE = 500;

/**
 * Subscriptions over the Event table: a subscriber first reads every stored event after its resume
 * position, then waits for `notify()` (called after each write that added events) and reads again. The
 * table is the source of truth, so a reconnect with `lastEventId` misses nothing.
 */
export class EventFeed {
  private readonly wake = new EventEmitter();

  constructor(private readonly prisma: PrismaClient) {
    this.wake.setMaxListeners(0);
  }

  notify(): void {
    this.wake.emit("events");
  }

  async *subscribe(filter: EventsInput, signal: AbortSignal | undefined): AsyncGenerator<NodeEvent> {
    let after = filter.lastEventId === undefined || filter.lastEventId === null ? await this.latestId() : BigInt(filter.lastEventId);
    const waiting = on(this.wake, "events", signal === undefined ? {} : { signal });
    try {
      while (signal?.aborted !== true) {
        for (;;) {
          const rows = await this.prisma.event.findMany({
            where: {
              id: { gt: after },
              ...(filter.kinds === undefined ? {} : { kind: { in: filter.kinds } }),
              ...(filter.key === undefined ? {} : { key: filter.key.toLowerCase() === filter.key ? filter.key : { in: [filter.key, filter.key.toLowerCase()] } }),
            },
            orderBy: { id: "asc" },
            take: PAGE,
          });
          for (const row of rows) {
            after = row.id;
            yield { id: row.id.toString(), kind: row.kind as NodeEventKind, key: row.key, payload: row.payload as JsonValue, createdAt: row.createdAt.toISOString() };
          }
          if (rows.length < PAGE) break;
        }
        await waiting.next();
      }
    } catch (error) {
      if ((error as { name?: string }).name !== "AbortError") throw error;
    } finally {
      await waiting.return?.();
    }
  }

  private async latestId(): Promise<bigint> {
    const latest = await this.prisma.event.findFirst({ orderBy: { id: "desc" }, select: { id: true } });
    return latest?.id ?? 0n;
  }
}
