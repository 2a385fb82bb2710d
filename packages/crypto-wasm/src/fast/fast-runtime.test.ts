/**
 * The realm-wide API: which engine initFast() picks (native addon by default in Node, WebAssembly when
 * forced or when the realm has no Node APIs, as in a browser), init errors, and verifyMusigBatch.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { SIGNATURE_BYTES } from "../sizes.js";
import type { MusigBatchItem } from "./batch/verify-batch.js";
import { SeededRandom } from "./testing/seeded-random.js";
import { loadZkSyncCryptoSync } from "./testing/zksync-crypto-sync.js";

type FastModule = typeof import("./index.js");

/** A fresh copy of the module graph, so each test starts uninitialized. */
async function freshFast(): Promise<FastModule> {
  vi.resetModules();
  return import("./index.js");
}

const zksync = loadZkSyncCryptoSync();
const random = SeededRandom.fromEnvironment();
let valid: MusigBatchItem[] = [];

beforeAll(() => {
  console.log(`fast-runtime.test.ts seed: ZKLITE_TEST_SEED=${random.seed}`);
  const privateKey = zksync.privateKeyFromSeed(random.bytes(32));
  valid = Array.from({ length: 12 }, (_, i) => {
    const message = random.bytes(i * 7);
    return { message, signature: zksync.sign_musig(privateKey, message) };
  });
});

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("initFast", () => {
  it("uses the native addon by default in Node", async () => {
    const fast = await freshFast();
    expect(fast.fastEngineKind()).toBeUndefined();
    expect(await fast.initFast()).toBe("native");
    expect(fast.fastEngineKind()).toBe("native");
    for (const { message, signature } of valid) expect(fast.verifyMusig(message, signature)).toBe(true);
  });

  it("uses WebAssembly when ZKLITE_CRYPTO_ENGINE=wasm", async () => {
    vi.stubEnv("ZKLITE_CRYPTO_ENGINE", "wasm");
    const fast = await freshFast();
    expect(await fast.initFast()).toBe("wasm");
    for (const { message, signature } of valid) expect(fast.verifyMusig(message, signature)).toBe(true);
  });

  it("uses WebAssembly where Node's module loader is absent (as in a browser), batch included", async () => {
    // The engine reaches Node only through process.getBuiltinModule; hide it (replacing `process`
    // itself would break Vitest). dist-bundle.test.ts runs a real browser bundle.
    const descriptor = Object.getOwnPropertyDescriptor(process, "getBuiltinModule");
    Object.defineProperty(process, "getBuiltinModule", { value: undefined, configurable: true, writable: true });
    try {
      const fast = await freshFast();
      expect(await fast.initFast()).toBe("wasm");
      const tampered = { message: valid[0]!.message, signature: valid[1]!.signature };
      expect(await fast.verifyMusigBatch([...valid, tampered])).toEqual([...valid.map(() => true), false]);
      expect(fast.poseidon([1n, 2n])).toBe(fast.poseidonReference([1n, 2n]));
    } finally {
      if (descriptor !== undefined) Object.defineProperty(process, "getBuiltinModule", descriptor);
    }
  });

  it("rejects an unknown ZKLITE_CRYPTO_ENGINE with a typed error", async () => {
    vi.stubEnv("ZKLITE_CRYPTO_ENGINE", "gpu");
    const fast = await freshFast();
    await expect(fast.initFast()).rejects.toMatchObject({ code: "CRYPTO_INIT_FAILED" });
  });

  it("throws CRYPTO_NOT_INITIALIZED before initFast()", async () => {
    const fast = await freshFast();
    const calls = [
      () => fast.verifyMusig(valid[0]!.message, valid[0]!.signature),
      () => fast.poseidon([1n]),
      () => fast.signMusig(new Uint8Array(32).fill(1), new Uint8Array(1)),
    ];
    for (const call of calls) {
      try {
        call();
        expect.unreachable();
      } catch (error) {
        // a fresh module graph has its own ZkLiteError class, so match the shape, not the class
        expect(error).toMatchObject({ name: "ZkLiteError", code: "CRYPTO_NOT_INITIALIZED" });
      }
    }
    await expect(fast.verifyMusigBatch([])).rejects.toMatchObject({ code: "CRYPTO_NOT_INITIALIZED" });
  });
});

describe.each(["native", "wasm"] as const)("verifyMusigBatch on worker_threads (%s engine)", (engine) => {
  it("returns what verifyMusig returns for each item, and false for malformed items", async () => {
    const fast = await freshFast();
    await fast.initFast({ engine });
    const items: MusigBatchItem[] = [];
    for (let i = 0; i < 200; i++) {
      const base = random.pick(valid);
      const signature = base.signature.slice();
      const at = 64 + random.int(31);
      if (i % 3 === 1) signature[at] = (signature[at] ?? 0) ^ (1 << random.int(8)); // tampered s
      if (i % 3 === 2) signature.set(random.bytes(32), 32 * random.int(2)); // random point bytes
      items.push({ message: base.message, signature });
    }
    const malformed: MusigBatchItem[] = [
      { message: valid[0]!.message, signature: new Uint8Array(SIGNATURE_BYTES - 1) },
      { message: new Uint8Array(93), signature: valid[0]!.signature },
      { message: "not bytes", signature: valid[0]!.signature } as unknown as MusigBatchItem,
      null as unknown as MusigBatchItem,
    ];
    const results = await fast.verifyMusigBatch([...items, ...malformed]);
    expect(results.slice(0, items.length)).toEqual(items.map(({ message, signature }) => fast.verifyMusig(message, signature)));
    expect(results.slice(items.length)).toEqual([false, false, false, false]);
    expect(results.filter(Boolean).length).toBeGreaterThan(0);
    expect(await fast.verifyMusigBatch([])).toEqual([]);
    await fast.closeFastWorkers();
  });

  it("rejects a non-array with a typed error", async () => {
    const fast = await freshFast();
    await fast.initFast({ engine });
    await expect(fast.verifyMusigBatch("items" as unknown as MusigBatchItem[])).rejects.toMatchObject({
      code: "INVALID_INPUT_TYPE",
    });
    await fast.closeFastWorkers();
  });
});
