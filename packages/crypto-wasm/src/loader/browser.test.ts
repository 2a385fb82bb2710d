/**
 * The browser loader, run in Node (a realm without `window`, like a Web Worker): the loader lends the
 * web build a `window` while it evaluates. The real browser run (esbuild bundle in Chromium) lives in
 * @zklite/zksync-oracle-tests.
 */
import { describe, expect, it } from "vitest";
import { bytesToHex } from "../../test/vectors.js";
import { loadZkSyncCryptoBindings as loadBrowserBuild } from "./browser.js";
import { loadZkSyncCryptoBindings as loadNodeBuild } from "./node.js";

describe("browser loader", () => {
  it("instantiates zksync-crypto's web build, which computes what the Node build computes", async () => {
    expect("window" in globalThis).toBe(false);
    const [web, node] = await Promise.all([loadBrowserBuild(), loadNodeBuild()]);
    expect("window" in globalThis).toBe(false);
    expect(web).not.toBe(node);
    const privateKey = web.privateKeyFromSeed(Uint8Array.from({ length: 32 }, (_, i) => i));
    const message = Uint8Array.from({ length: 64 }, (_, i) => i);
    const signature = web.sign_musig(privateKey, message);
    expect(bytesToHex(signature)).toBe(bytesToHex(node.sign_musig(privateKey, message)));
    expect(web.verify_musig(message, signature)).toBe(true);
    expect(bytesToHex(web.rescueHash(Uint8Array.of(1, 2, 3, 4)))).toBe(
      "f99ad07b605984ebe73f38c899831bb780471af5d07831f6e948e6544296aa1b",
    );
  });
});
