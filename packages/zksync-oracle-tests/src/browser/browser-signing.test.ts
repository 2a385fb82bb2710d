// The SDK bundled for browsers signs a transfer inside headless Debian Chromium, and the signature
// verifies in Node with zksync-crypto over sign bytes serialized by zksync.js (both independent oracles).
import { createRequire } from "node:module";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromium, type Browser } from "playwright-core";
import { Signer } from "@zklite/sdk";
import { serveDirectory, type StaticServer } from "./static-server.js";

const require = createRequire(import.meta.url);
const zksync = require("zksync") as typeof import("zksync");
const zksyncCrypto = require("zksync-crypto") as typeof import("zksync-crypto");

const bundleDir = join(dirname(fileURLToPath(import.meta.url)), "../../dist/browser");
const chromiumPath = process.env.ZKLITE_CHROMIUM ?? "/usr/bin/chromium";

let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  server = await serveDirectory(bundleDir);
  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

function randomAddress(): string {
  return "0x" + randomBytes(20).toString("hex");
}

describe("browser bundle", () => {
  it("signs a transfer in Chromium that verifies in Node and equals the Node signature", async () => {
    const page = await browser.newPage();
    const pageErrors: string[] = [];
    page.on("pageerror", (error) => pageErrors.push(String(error)));
    await page.goto(server.url);
    await page.waitForFunction(() => (globalThis as { zkliteReady?: boolean }).zkliteReady === true, null, {
      timeout: 30_000,
    });

    const privateKey = zksyncCrypto.privateKeyFromSeed(randomBytes(32));
    const transfer = {
      accountId: 42,
      from: randomAddress(),
      to: randomAddress(),
      tokenId: 3,
      amount: "123456789000",
      fee: "1000",
      nonce: 7,
      validFrom: 0,
      validUntil: 4294967295,
    };
    const request = { privateKeyHex: Buffer.from(privateKey).toString("hex"), transfer };
    const { signed, engine } = (await page.evaluate(
      (input) => (globalThis as unknown as { zkliteSignTransfer(r: unknown): Promise<unknown> }).zkliteSignTransfer(input),
      request,
    )) as { signed: { signature: { pubKey: string; signature: string } }; engine: string };
    const signedInBrowser = signed;
    expect(pageErrors).toEqual([]);
    // The bundle must use the fast WebAssembly engine by default, not zksync-crypto or pure TS.
    expect(engine).toBe("wasm");

    const signBytes = zksync.utils.serializeTransfer({ ...transfer, type: "Transfer", token: transfer.tokenId } as never);
    const packed = Buffer.from(signedInBrowser.signature.pubKey + signedInBrowser.signature.signature, "hex");
    expect(packed.length).toBe(96);
    expect(zksyncCrypto.verify_musig(signBytes, packed)).toBe(true);
    // A tampered message must not verify: the check above is meaningful.
    const tampered = Uint8Array.from(signBytes);
    tampered[10] = (tampered[10] ?? 0) ^ 1;
    expect(zksyncCrypto.verify_musig(tampered, packed)).toBe(false);

    const signedInNode = await Signer.fromPrivateKey(privateKey).signSyncTransfer(transfer);
    expect(signedInBrowser).toEqual(JSON.parse(JSON.stringify(signedInNode)));
    await page.close();
  });
});
