import { promisify } from "node:util";
import { gunzip, gzip } from "node:zlib";
import type { JsonValue } from "../storage/json.js";

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/**
 * `BlockWitness.witness` holds the circuit input (JSON text) gzip-compressed (decimal strings compress ≈ 3–5×).
 * Compression runs on libuv's thread pool, off the event loop.
 */
export async function encodeCircuitInput(json: string): Promise<Uint8Array<ArrayBuffer>> {
  const bytes = await gzipAsync(Buffer.from(json, "utf8"));
  return new Uint8Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

export async function decodeCircuitInput(bytes: Uint8Array): Promise<JsonValue> {
  return JSON.parse((await gunzipAsync(bytes)).toString("utf8")) as JsonValue;
}
