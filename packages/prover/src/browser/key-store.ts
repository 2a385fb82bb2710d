/**
 * Loading the circuit's wasm and zkey in the worker: from the caller's bytes, the worker's memory, the Cache API
 * (keyed by the file's SHA-256, checked again on every read) or the network (streamed with progress, hashed,
 * stored only when the hash is the expected one). Browser APIs only (fetch, caches, crypto.subtle).
 */
import type { ExitProverErrorCode } from "./error-codes.js";
import type { ExitProverProgress, FileSource, ProverFile } from "./protocol.js";

export class KeyStoreError extends Error {
  constructor(
    readonly code: ExitProverErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface LoadedFile {
  readonly bytes: Uint8Array;
  /** The hash the file was checked against (lowercase hex), when one was given. */
  readonly sha256: string | undefined;
  /** "memory" and "cache" made no network request. */
  readonly from: "bytes" | "memory" | "cache" | "network";
}

/** The Cache API request URL a file is stored under: only its hash, so a moved or renamed key is still found. */
export function cacheKeyUrl(sha256: string): string {
  return `https://zklite-prover.invalid/sha256/${sha256}`;
}

export function normalizeSha256(hash: string): string {
  const hex = hash.toLowerCase().replace(/^0x/, "");
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new KeyStoreError("BAD_INPUT", `not a SHA-256 hex digest: ${JSON.stringify(hash)}`);
  return hex;
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const subtle = globalThis.crypto?.subtle;
  if (subtle === undefined) throw new KeyStoreError("INSECURE_CONTEXT", "crypto.subtle is unavailable: serve the page over https (or from localhost)");
  const digest = new Uint8Array(await subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>));
  let hex = "";
  for (const byte of digest) hex += byte.toString(16).padStart(2, "0");
  return hex;
}

type Progress = (event: ExitProverProgress) => void;

/** Worker-lifetime copies of the last files, by hash: a second proof in the same worker reads nothing at all. */
const memory = new Map<string, Uint8Array>();

export async function loadFile(file: ProverFile, source: FileSource, cacheName: string | null, progress: Progress): Promise<LoadedFile> {
  const expected = source.sha256 === undefined ? undefined : normalizeSha256(source.sha256);
  if ("bytes" in source) {
    if (!(source.bytes instanceof Uint8Array) || source.bytes.byteLength === 0) throw new KeyStoreError("BAD_INPUT", `${file}: empty or not a Uint8Array`);
    if (expected !== undefined) await checkHash(file, source.bytes, expected);
    return { bytes: source.bytes, sha256: expected, from: "bytes" };
  }
  if (expected !== undefined) {
    const held = memory.get(`${file}:${expected}`);
    if (held !== undefined) {
      progress({ stage: "cache", file, hit: true, bytes: held.byteLength });
      return { bytes: held, sha256: expected, from: "memory" };
    }
    const cached = await readCache(cacheName, expected);
    progress({ stage: "cache", file, hit: cached !== undefined, bytes: cached?.byteLength ?? 0 });
    if (cached !== undefined) {
      remember(file, expected, cached);
      return { bytes: cached, sha256: expected, from: "cache" };
    }
  }
  const bytes = await download(file, source.url, progress);
  if (expected !== undefined) {
    await checkHash(file, bytes, expected);
    remember(file, expected, bytes);
    await writeCache(cacheName, expected, bytes);
  }
  return { bytes, sha256: expected, from: "network" };
}

async function checkHash(file: ProverFile, bytes: Uint8Array, expected: string): Promise<void> {
  const actual = await sha256Hex(bytes);
  if (actual !== expected) throw new KeyStoreError("KEY_MISMATCH", `${file}: SHA-256 ${actual}, expected ${expected}`);
}

function remember(file: ProverFile, sha256: string, bytes: Uint8Array): void {
  for (const key of [...memory.keys()]) if (key.startsWith(`${file}:`)) memory.delete(key);
  memory.set(`${file}:${sha256}`, bytes);
}

async function openCache(cacheName: string | null): Promise<Cache | undefined> {
  if (cacheName === null || typeof caches === "undefined") return undefined;
  try {
    return await caches.open(cacheName);
  } catch {
    return undefined; // storage disabled (private windows, quota): prove without a persistent cache
  }
}

async function readCache(cacheName: string | null, sha256: string): Promise<Uint8Array | undefined> {
  const cache = await openCache(cacheName);
  if (cache === undefined) return undefined;
  const response = await cache.match(cacheKeyUrl(sha256)).catch(() => undefined);
  if (response === undefined) return undefined;
  const bytes = new Uint8Array(await response.arrayBuffer());
  if ((await sha256Hex(bytes)) !== sha256) {
    await cache.delete(cacheKeyUrl(sha256)).catch(() => false); // a damaged entry: drop it and download again
    return undefined;
  }
  return bytes;
}

async function writeCache(cacheName: string | null, sha256: string, bytes: Uint8Array): Promise<void> {
  const cache = await openCache(cacheName);
  if (cache === undefined) return;
  const headers = { "content-type": "application/octet-stream", "content-length": String(bytes.byteLength) };
  await cache.put(cacheKeyUrl(sha256), new Response(bytes as Uint8Array<ArrayBuffer>, { headers })).catch(() => undefined); // quota: not fatal
}

async function download(file: ProverFile, url: string, progress: Progress): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetch(url, { cache: "no-store", credentials: "same-origin" });
  } catch (error) {
    throw new KeyStoreError("DOWNLOAD_FAILED", `${file}: ${url}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!response.ok) throw new KeyStoreError("DOWNLOAD_FAILED", `${file}: ${url}: HTTP ${response.status}`);
  const header = Number(response.headers.get("content-length"));
  const total = Number.isSafeInteger(header) && header > 0 && response.headers.get("content-encoding") === null ? header : undefined;
  if (response.body === null) return new Uint8Array(await response.arrayBuffer());
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  let reported = 0;
  progress({ stage: "download", file, loaded: 0, total });
  for (;;) {
    let part: ReadableStreamReadResult<Uint8Array>;
    try {
      part = await reader.read();
    } catch (error) {
      throw new KeyStoreError("DOWNLOAD_FAILED", `${file}: ${url}: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (part.done) break;
    chunks.push(part.value);
    loaded += part.value.byteLength;
    if (loaded - reported >= 1 << 20) {
      reported = loaded;
      progress({ stage: "download", file, loaded, total });
    }
  }
  progress({ stage: "download", file, loaded, total: total ?? loaded });
  if (total !== undefined && loaded !== total) throw new KeyStoreError("DOWNLOAD_FAILED", `${file}: ${url}: ${loaded} of ${total} bytes`);
  const bytes = new Uint8Array(loaded);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

/** Deletes the persistent key cache (e.g. a wallet's "clear data"); works in a page or a worker. */
export async function clearKeyCache(cacheName = DEFAULT_CACHE_NAME): Promise<boolean> {
  if (typeof caches === "undefined") return false;
  return caches.delete(cacheName);
}

export const DEFAULT_CACHE_NAME = "zklite-prover-keys-v1";
