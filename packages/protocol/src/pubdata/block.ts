/** Whole-block pubdata: a sequence of operations, padded with Noop chunks to the block size (§4.1). */
import { concatBytes, requireBytes } from "../bytes.js";
import { CHUNK_BYTES, OP_CHUNKS } from "../constants.js";
import { describeValue, protocolError } from "../errors.js";
import { requireInteger } from "../integers.js";
import { decodeOperationAt, encodeOperationPubdata } from "./codec.js";
import type { Operation } from "./operations.js";

/** Sanity bound on block sizes (zkSync's largest was 654 chunks); keeps allocations bounded. */
export const MAX_BLOCK_CHUNKS = 2 ** 20;

/** Appends zero (Noop) chunks up to `blockChunks`; throws `INVALID_BLOCK` if the data is longer. */
export function padBlockPubdata(publicData: Uint8Array, blockChunks: number): Uint8Array {
  requireChunkAligned(publicData);
  const chunks = requireInteger(blockChunks, 0, MAX_BLOCK_CHUNKS, "block chunks", "INVALID_BLOCK");
  const size = chunks * CHUNK_BYTES;
  if (publicData.length > size) {
    throw protocolError("INVALID_BLOCK", `pubdata has ${publicData.length / CHUNK_BYTES} chunks, more than the block's ${chunks}`);
  }
  const out = new Uint8Array(size);
  out.set(publicData);
  return out;
}

/** Concatenated pubdata of `ops`, padded to `blockChunks` when given. */
export function encodeBlockPubdata(ops: readonly Operation[], blockChunks?: number): Uint8Array {
  if (!Array.isArray(ops)) throw protocolError("INVALID_BLOCK", `operations must be an array, got ${describeValue(ops)}`);
  const publicData = concatBytes(...ops.map(encodeOperationPubdata));
  return blockChunks === undefined ? publicData : padBlockPubdata(publicData, blockChunks);
}

/** An operation and the byte offset of its first chunk. */
export interface LocatedOperation {
  op: Operation;
  offset: number;
}

/** Decodes a block's pubdata into its operations with their offsets (padding appears as Noops). */
export function decodeBlockOperations(publicData: Uint8Array): LocatedOperation[] {
  requireChunkAligned(publicData);
  const located: LocatedOperation[] = [];
  for (let offset = 0; offset < publicData.length; ) {
    const op = decodeOperationAt(publicData, offset);
    located.push({ op, offset });
    offset += OP_CHUNKS[op.type] * CHUNK_BYTES;
  }
  return located;
}

/** Decodes a block's pubdata; throws `INVALID_PUBDATA` on any malformed operation. */
export function decodeBlockPubdata(publicData: Uint8Array): Operation[] {
  return decodeBlockOperations(publicData).map(({ op }) => op);
}

function requireChunkAligned(publicData: Uint8Array): void {
  requireBytes(publicData, "pubdata", "INVALID_PUBDATA");
  if (publicData.length % CHUNK_BYTES !== 0) {
    throw protocolError("INVALID_PUBDATA", `pubdata length ${publicData.length} is not a multiple of ${CHUNK_BYTES}`);
  }
}
