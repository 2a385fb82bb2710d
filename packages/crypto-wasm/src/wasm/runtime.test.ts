import { describe, expect, it } from "vitest";
import { bytesToHex } from "../../test/vectors.js";
import { init, isInitialized, privateKeyFromSeed, privateKeyToPubKey } from "../index.js";

describe("init()", () => {
  it("loads once however often and however concurrently it is called", async () => {
    const first = init();
    const second = init();
    expect(second).toBe(first);
    await Promise.all([first, second, init(), init()]);
    expect(isInitialized()).toBe(true);
    await init();
    expect(init()).toBe(first);
  });

  it("leaves the functions usable synchronously afterwards", async () => {
    await init();
    const seed = Uint8Array.from({ length: 32 }, (_, i) => i);
    // cryptoPrimitivesTest's key (zkSync test vectors), repeated in PROTOCOL.md §2.1.
    expect(bytesToHex(privateKeyFromSeed(seed))).toBe("0552a69519d1f3043611126c13489ff4a2a867a1c667b1d9d9031cd27fdcff5a");
    expect(privateKeyToPubKey(privateKeyFromSeed(seed))).toHaveLength(32);
  });
});
