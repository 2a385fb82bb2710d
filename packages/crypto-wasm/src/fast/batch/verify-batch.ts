/**
 * verifyMusigBatch: the mempool's bulk check. Items are split into chunks spread over the worker pool
 * (all cores); each item's result is what verifyMusig would return, except that an item with a
 * message over 92 bytes or a signature of the wrong length yields false instead of throwing, so one
 * bad transaction cannot fail the whole batch.
 */
import { cryptoError } from "../../crypto-error.js";
import { MAX_TX_MESSAGE_BYTES, SIGNATURE_BYTES } from "../../sizes.js";
import type { FastEngine } from "../engine/fast-engine.js";
import type { WorkerPool } from "./worker-pool.js";

export interface MusigBatchItem {
  readonly message: Uint8Array;
  readonly signature: Uint8Array;
}

/** Chunks per worker: enough to balance uneven chunks, few enough to keep messaging cheap. */
const CHUNKS_PER_WORKER = 4;
const VALID = 1;

function isWellFormed(item: MusigBatchItem): boolean {
  return (
    item.message instanceof Uint8Array &&
    item.signature instanceof Uint8Array &&
    item.message.length <= MAX_TX_MESSAGE_BYTES &&
    item.signature.length === SIGNATURE_BYTES
  );
}

export async function verifyMusigBatch(
  items: readonly MusigBatchItem[],
  engine: FastEngine,
  pool: WorkerPool | undefined,
): Promise<boolean[]> {
  if (!Array.isArray(items)) throw cryptoError("INVALID_INPUT_TYPE", "verifyMusigBatch takes an array of items");
  const results = new Array<boolean>(items.length).fill(false);
  const wellFormed: number[] = [];
  items.forEach((item, index) => {
    if (typeof item === "object" && item !== null && isWellFormed(item)) wellFormed.push(index);
  });
  if (pool === undefined) {
    for (const index of wellFormed) {
      const item = items[index] as MusigBatchItem;
      results[index] = engine.verifyMusig(item.message, item.signature);
    }
    return results;
  }
  const chunkCount = Math.min(wellFormed.length, pool.size * CHUNKS_PER_WORKER);
  const chunkSize = Math.ceil(wellFormed.length / Math.max(1, chunkCount));
  const chunks: Promise<void>[] = [];
  for (let start = 0; start < wellFormed.length; start += chunkSize) {
    const indices = wellFormed.slice(start, start + chunkSize);
    chunks.push(
      pool.run(packChunk(items, indices)).then((verdicts) => {
        indices.forEach((index, i) => {
          results[index] = verdicts[i] === VALID;
        });
      }),
    );
  }
  await Promise.all(chunks);
  return results;
}

function packChunk(items: readonly MusigBatchItem[], indices: readonly number[]) {
  const lengths = new Int32Array(indices.length);
  let total = 0;
  indices.forEach((index, i) => {
    const length = (items[index] as MusigBatchItem).message.length;
    lengths[i] = length;
    total += length;
  });
  const messages = new Uint8Array(total);
  const signatures = new Uint8Array(indices.length * SIGNATURE_BYTES);
  let offset = 0;
  indices.forEach((index, i) => {
    const item = items[index] as MusigBatchItem;
    messages.set(item.message, offset);
    offset += item.message.length;
    signatures.set(item.signature, i * SIGNATURE_BYTES);
  });
  return { messages, lengths, signatures };
}
