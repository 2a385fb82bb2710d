/** Runs in its own module graph (vitest isolates test files), so init() has not been called here. */
import { describe, expect, it } from "vitest";
import * as api from "../index.js";

const validKey = Uint8Array.from({ length: 32 }, (_, i) => (i === 0 ? 0 : i));
const calls: Record<string, () => unknown> = {
  privateKeyFromSeed: () => api.privateKeyFromSeed(new Uint8Array(32)),
  privateKeyToPubKey: () => api.privateKeyToPubKey(validKey),
  privateKeyToPubKeyHash: () => api.privateKeyToPubKeyHash(validKey),
  pubKeyHash: () => api.pubKeyHash(new Uint8Array(32)),
  signMusig: () => api.signMusig(validKey, new Uint8Array(4)),
  verifyMusig: () => api.verifyMusig(new Uint8Array(4), new Uint8Array(96)),
  rescueHashTxMsg: () => api.rescueHashTxMsg(new Uint8Array(4)),
  rescueHashOrders: () => api.rescueHashOrders(new Uint8Array(178)),
};

describe("before init()", () => {
  it("reports not initialized", () => {
    expect(api.isInitialized()).toBe(false);
  });

  it.each(Object.keys(calls))("%s throws CRYPTO_NOT_INITIALIZED", (name) => {
    expect(calls[name]).toThrow(api.ZkLiteError);
    expect(calls[name]).toThrow(expect.objectContaining({ code: "CRYPTO_NOT_INITIALIZED" }));
  });

  it("still validates input first", () => {
    // zksync-crypto-backed functions check their input before asking for the loaded module.
    expect(() => api.rescueHashOrders(new Uint8Array(177))).toThrow(expect.objectContaining({ code: "INVALID_LENGTH" }));
  });

  it("needs no init() for the pure TypeScript low-level exports", () => {
    expect(api.rescueHash([1n, 2n])).toBeLessThan(api.FR_MODULUS);
  });
});
