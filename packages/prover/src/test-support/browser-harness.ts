/**
 * Test and bench helper (Node): serves the browser prover on 127.0.0.1 (the page, esbuild bundles of
 * browser-page.ts and of the worker, and key files counted per request) and drives Debian's Chromium with
 * playwright-core. Needs the package's devDependencies (esbuild, playwright-core) and `scripts/ensure-chromium.mjs`.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import type { PageProveOptions, PageProveResult } from "./browser-page.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.join(here, "..", "..", "..", "..");

export const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

export interface BrowserProverHarness {
  /** http://127.0.0.1:PORT */
  readonly url: string;
  readonly page: Page;
  readonly context: BrowserContext;
  /** Chromium's version, e.g. "156.0.8078.114". */
  readonly browserVersion: string;
  /** How many times `path` (e.g. "/keys/exit.zkey") was requested. */
  requests(path: string): number;
  prove(options: PageProveOptions): Promise<PageProveResult>;
  /** A fresh page in a fresh context (empty Cache API). */
  freshPage(): Promise<Page>;
  close(): Promise<void>;
}

/** esbuild bundles (platform browser, ESM) of the page script and of the worker, from this package's dist. */
export async function bundleBrowserProver(): Promise<{ page: string; worker: string }> {
  const bundle = async (entry: string): Promise<string> => {
    const result = await build({ entryPoints: [entry], bundle: true, platform: "browser", format: "esm", target: "es2022", write: false, logLevel: "warning" });
    return result.outputFiles[0]?.text as string;
  };
  const [page, worker] = await Promise.all([bundle(path.join(here, "browser-page.js")), bundle(path.join(here, "..", "browser", "exit-prover.worker.js"))]);
  return { page, worker };
}

/** Serves `files` (URL path → file path) beside the page and the bundles, and opens the page in Chromium. */
export async function startBrowserProverHarness(files: Record<string, string>): Promise<BrowserProverHarness> {
  execFileSync(process.execPath, [path.join(repoRoot, "scripts", "ensure-chromium.mjs")], { stdio: "inherit" });
  const bundles = await bundleBrowserProver();
  const counts = new Map<string, number>();
  const html = `<!doctype html><meta charset="utf-8"><title>zkLite exit prover</title><script type="module" src="/prover-page.js"></script>`;
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    counts.set(url.pathname, (counts.get(url.pathname) ?? 0) + 1);
    const send = (status: number, type: string, body: string | Buffer): void => {
      response.writeHead(status, { "content-type": type, "content-length": Buffer.byteLength(body), "cache-control": "no-store" });
      response.end(body);
    };
    if (url.pathname === "/") return send(200, "text/html", html);
    if (url.pathname === "/prover-page.js") return send(200, "text/javascript", bundles.page);
    if (url.pathname === "/exit-prover.worker.js") return send(200, "text/javascript", bundles.worker);
    const file = files[url.pathname];
    if (file === undefined) return send(404, "text/plain", "not found");
    return send(200, "application/octet-stream", readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser: Browser = await chromium.launch({ executablePath: process.env.ZKLITE_CHROMIUM ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
  const errors: string[] = [];
  const open = async (): Promise<{ context: BrowserContext; page: Page }> => {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.on("pageerror", (error) => errors.push(String(error)));
    await page.goto(url);
    await page.waitForFunction(() => "zkliteExitProverPage" in globalThis);
    return { context, page };
  };
  const { context, page } = await open();
  return {
    url,
    page,
    context,
    browserVersion: browser.version(),
    requests: (p) => counts.get(p) ?? 0,
    prove: (options) =>
      page.evaluate((o) => (globalThis as unknown as { zkliteExitProverPage: { prove(o: PageProveOptions): Promise<PageProveResult> } }).zkliteExitProverPage.prove(o), options),
    freshPage: async () => (await open()).page,
    close: async () => {
      await browser.close().catch(() => undefined);
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (errors.length > 0) throw new Error(`page errors: ${errors.join("; ")}`);
    },
  };
}
