/**
 * The SDK's Provider in a browser bundle (esbuild, platform "browser"), in headless Debian Chromium, against a
 * node process on a real L1: it reads an account, submits a transaction signed in Node, follows it to its block
 * over server-sent events, and gets a typed refusal for a bad one.
 */
import { execSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { parseEther } from "ethers";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fundUsers, startDevnet, type TestDevnet } from "./testing/devnet.js";
import { TestUser } from "./testing/test-user.js";

const here = dirname(fileURLToPath(import.meta.url));

describe("Provider in a browser", () => {
  let devnet: TestDevnet;
  let browser: Browser;
  let bundle: string;

  beforeAll(async () => {
    execSync(`node ${join(here, "..", "..", "..", "scripts", "ensure-chromium.mjs")}`, { stdio: "inherit" });
    const result = await build({ entryPoints: [join(here, "testing", "browser-provider-entry.ts")], bundle: true, platform: "browser", format: "iife", target: "es2022", write: false, logLevel: "warning" });
    bundle = result.outputFiles[0]?.text as string;
    devnet = await startDevnet();
    browser = await chromium.launch({
      executablePath: process.env.ZKLITE_CHROMIUM ?? "/usr/bin/chromium",
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await devnet?.close();
  });

  it("reads state, submits, follows the transaction to its block, and gets typed errors", async () => {
    const alice = await TestUser.create();
    const bob = await TestUser.create();
    const [aliceId] = await fundUsers(devnet, [alice, bob], parseEther("1"));
    const fee = BigInt((await devnet.provider.getTransactionFee("Transfer", bob.address, "ETH")).totalFee);
    const signed = await alice.transfer(aliceId as number, bob.address, 12345n, fee, 1);
    const bobBefore = BigInt((await devnet.provider.getState(bob.address)).committed.balances["0"] as string);

    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(String(error)));
    // a page on loopback (Chromium's local-network rules block loopback fetches from an opaque origin)
    const url = devnet.node.url;
    await page.goto(`${url}/health`);
    await page.addScriptTag({ content: bundle });
    type Zklite = { state(url: string, address: string): Promise<{ committed: { nonce: number } }>; submitAndWait(url: string, tx: unknown, signature: unknown): Promise<{ status: string; blockNumber: number }>; refusal(url: string, tx: unknown): Promise<string | null> };
    const state = await page.evaluate(([u, a]) => (globalThis as unknown as { zklite: Zklite }).zklite.state(u as string, a as string), [url, alice.address]);
    expect(state.committed.nonce).toBe(1);
    const receipt = await page.evaluate(([u, tx, sig]) => (globalThis as unknown as { zklite: Zklite }).zklite.submitAndWait(u as string, tx, sig), [url, signed.tx, signed.ethSignature] as const);
    expect(receipt.status).toBe("committed");
    expect((await devnet.provider.getState(bob.address)).committed.balances["0"]).toBe((bobBefore + 12345n).toString());
    const refusal = await page.evaluate(([u, tx]) => (globalThis as unknown as { zklite: Zklite }).zklite.refusal(u as string, tx), [url, { ...signed.tx, nonce: 0 }] as const);
    expect(refusal).toBe("NONCE_TOO_LOW");
    expect(errors).toEqual([]);
  }, 300_000);
});
