import { parseTx, parseTxEthSignature, type TxEthSignature } from "@zklite/protocol";
import { entrySenders, type MempoolEntry, type QueuedTx } from "../mempool/mempool-entry.js";
import type { MempoolStore } from "../mempool/mempool-store.js";
import type { PrismaClient } from "./generated/client.js";
import { toJsonValue } from "./json.js";

/** The mempool's rows (MempoolTx, TxBatch): written in groups, deleted by the state keeper's mini-block writes. */
export class MempoolRepository implements MempoolStore {
  constructor(private readonly prisma: PrismaClient) {}

  /**
   * One SQL statement (atomic on its own, one round trip): the rows of entries none of whose transactions has a
   * receipt are inserted in arrival order, with their batches; the sequence numbers of the others come back.
   */
  async insert(entries: readonly MempoolEntry[]): Promise<ReadonlySet<number>> {
    const rows = entries.flatMap((entry) =>
      entry.txs.map((queued) => ({
        seq: entry.seq,
        hash: queued.hash,
        type: queued.tx.type,
        sender: queued.sender,
        nonce: queued.nonce,
        tx: JSON.stringify(toJsonValue(queued.tx)),
        signature: queued.ethSignatures.length > 0 ? JSON.stringify(toJsonValue(queued.ethSignatures)) : null,
        batchHash: entry.batch?.hash ?? null,
        createdAt: new Date(entry.receivedAt).toISOString(),
      })),
    );
    const batches = entries.filter((entry) => entry.batch !== undefined);
    const refused = await this.prisma.$queryRaw<{ seq: number }[]>`
      WITH input AS (
        SELECT * FROM unnest(${rows.map((r) => r.seq)}::int[], ${rows.map((r) => r.hash)}::text[], ${rows.map((r) => r.type)}::text[],
                             ${rows.map((r) => r.sender)}::text[], ${rows.map((r) => r.nonce)}::bigint[], ${rows.map((r) => r.tx)}::text[],
                             ${rows.map((r) => r.signature)}::text[], ${rows.map((r) => r.batchHash)}::text[], ${rows.map((r) => r.createdAt)}::text[])
          WITH ORDINALITY AS t(seq, hash, type, sender, nonce, tx, signature, "batchHash", "createdAt", position)
      ),
      refused AS (SELECT DISTINCT i.seq FROM input i JOIN "ExecutedOperation" e ON e."txHash" = i.hash),
      new_batches AS (
        INSERT INTO "TxBatch" ("batchHash", "ethSignatures", "size")
        SELECT b.hash, b.signatures::jsonb, b.size
        FROM unnest(${batches.map((e) => e.seq)}::int[], ${batches.map((e) => e.batch?.hash as string)}::text[],
                    ${batches.map((e) => JSON.stringify(toJsonValue(e.batch?.ethSignatures ?? [])))}::text[], ${batches.map((e) => e.txs.length)}::int[])
          AS b(seq, hash, signatures, size)
        WHERE b.seq NOT IN (SELECT seq FROM refused)
      ),
      new_rows AS (
        INSERT INTO "MempoolTx" ("txHash", "txType", "address", "nonce", "tx", "ethSignature", "batchHash", "createdAt")
        SELECT hash, type, sender, nonce, tx::jsonb, signature::jsonb, "batchHash", "createdAt"::timestamp
        FROM input WHERE seq NOT IN (SELECT seq FROM refused) ORDER BY position
      )
      SELECT seq FROM refused`;
    return new Set(refused.map((row) => Number(row.seq)));
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
