import { parseTx, parseTxEthSignature, type TxEthSignature } from "@zklite/protocol";
import { entrySenders, type MempoolEntry, type QueuedTx } from "../mempool/mempool-entry.js";
import type { MempoolStore } from "../mempool/mempool-store.js";
import type { PrismaClient } from "./generated/client.js";
import { toJsonValue, type JsonValue } from "./json.js";

/** The mempool's rows (MempoolTx, TxBatch): written in groups, deleted by the state keeper's mini-block writes. */
export class MempoolRepository implements MempoolStore {
  constructor(private readonly prisma: PrismaClient) {}

  async insert(entries: readonly MempoolEntry[]): Promise<ReadonlySet<number>> {
    const hashes = entries.flatMap((entry) => entry.txs.map((queued) => queued.hash));
    return this.prisma.$transaction(async (tx) => {
      const executed = new Set(
        (await tx.executedOperation.findMany({ where: { txHash: { in: hashes } }, select: { txHash: true } })).map((row) => row.txHash),
      );
      const refused = new Set<number>();
      const accepted = entries.filter((entry) => {
        if (entry.txs.some((queued) => executed.has(queued.hash))) {
          refused.add(entry.seq);
          return false;
        }
        return true;
      });
      const batches = accepted.filter((entry) => entry.batch !== undefined);
      if (batches.length > 0) {
        await tx.txBatch.createMany({
          data: batches.map((entry) => ({
            batchHash: entry.batch?.hash as string,
            ethSignatures: toJsonValue(entry.batch?.ethSignatures ?? []) as JsonValue[],
            size: entry.txs.length,
          })),
        });
      }
      await tx.mempoolTx.createMany({
        data: accepted.flatMap((entry) =>
          entry.txs.map((queued) => ({
            txHash: queued.hash,
            txType: queued.tx.type,
            address: queued.sender,
            nonce: BigInt(queued.nonce),
            tx: toJsonValue(queued.tx) as { [key: string]: JsonValue },
            ethSignature: queued.ethSignatures.length > 0 ? (toJsonValue(queued.ethSignatures) as JsonValue[]) : undefined,
            batchHash: entry.batch?.hash ?? null,
            createdAt: new Date(entry.receivedAt),
          })),
        ),
      });
      return refused;
    });
  }

  async loadAll(): Promise<MempoolEntry[]> {
    const rows = await this.prisma.mempoolTx.findMany({ orderBy: { id: "asc" } });
    const batchRows = await this.prisma.txBatch.findMany();
    const batchSignatures = new Map(batchRows.map((row) => [row.batchHash, parseSignatures(row.ethSignatures)]));
    const entries: MempoolEntry[] = [];
    const openBatches = new Map<string, QueuedTx[]>();
    let seq = 0;
    for (const row of rows) {
      const queued: QueuedTx = {
        hash: row.txHash,
        tx: parseTx(row.tx),
        sender: row.address,
        nonce: Number(row.nonce),
        ethSignatures: parseSignatures(row.ethSignature),
      };
      if (row.batchHash === null) {
        entries.push({ seq: seq++, txs: [queued], batch: undefined, senders: entrySenders([queued]), receivedAt: row.createdAt.getTime() });
        continue;
      }
      let txs = openBatches.get(row.batchHash);
      if (txs === undefined) {
        txs = [];
        openBatches.set(row.batchHash, txs);
        entries.push({
          seq: seq++,
          txs,
          batch: { hash: row.batchHash, ethSignatures: batchSignatures.get(row.batchHash) ?? [] },
          senders: new Map(),
          receivedAt: row.createdAt.getTime(),
        });
      }
      txs.push(queued);
    }
    // batch entries were created before their transactions were all read: fill their senders now
    return entries.map((entry) => (entry.batch === undefined ? entry : { ...entry, senders: entrySenders(entry.txs) }));
  }
}

function parseSignatures(value: unknown): TxEthSignature[] {
  if (!Array.isArray(value)) return [];
  return value.map((item) => parseTxEthSignature(item));
}
