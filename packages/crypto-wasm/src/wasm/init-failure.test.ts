/** A loader that fails once: init() rejects with CRYPTO_INIT_FAILED and a later call retries. */
import { describe, expect, it, vi } from "vitest";

const loaderCalls = vi.hoisted(() => ({ count: 0 }));

vi.mock("#zksync-crypto-loader", async (importOriginal) => {
  const original = await importOriginal<typeof import("../loader/node.js")>();
  return {
    loadZkSyncCryptoBindings: async () => {
      loaderCalls.count++;
      if (loaderCalls.count === 1) throw new Error("network down");
      return original.loadZkSyncCryptoBindings();
    },
  };
});

// rescueHashOrders runs on zksync-crypto (the fast engine loads independently of this loader).
const { init, isInitialized, rescueHashOrders } = await import("../index.js");

describe("init() when loading fails", () => {
  it("rejects with CRYPTO_INIT_FAILED, stays uninitialized, and succeeds on retry", async () => {
    await expect(init()).rejects.toMatchObject({ code: "CRYPTO_INIT_FAILED" });
    expect(isInitialized()).toBe(false);
    expect(() => rescueHashOrders(new Uint8Array(178))).toThrow(expect.objectContaining({ code: "CRYPTO_NOT_INITIALIZED" }));
    await init();
    expect(isInitialized()).toBe(true);
    expect(rescueHashOrders(new Uint8Array(178))).toHaveLength(31);
    expect(loaderCalls.count).toBe(2);
  });
});
