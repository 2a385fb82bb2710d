/**
 * The built package (dist/) as consumers get it, outside Vitest's module resolution:
 * - Node resolves `@zklite/crypto-wasm` and `#zksync-crypto-loader` itself (the "node" condition);
 * - esbuild bundles it for the browser (`--bundle --platform=browser --format=esm`) and the bundle
 *   signs exactly like the TypeScript implementation.
 * Needs `npm run build` first (turbo runs it before the tests).
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleForBrowser } from "../test/bundle-for-browser.js";
import { bytesToHex } from "../test/vectors.js";
import { privateKeyFromSeed, signMusig } from "./ts/index.js";

const packageRoot = fileURLToPath(new URL("..", import.meta.url));
const distEntry = path.join(packageRoot, "dist/index.js");
const seed = Uint8Array.from({ length: 32 }, (_, i) => i);
const message = Uint8Array.from({ length: 77 }, (_, i) => 255 - i);
const expectedSignature = bytesToHex(signMusig(privateKeyFromSeed(seed), message));

/** A script that inits twice (concurrently), signs, verifies and prints the results as JSON. */
const probe = (moduleSpecifier: string): string => `
  const api = await import(${JSON.stringify(moduleSpecifier)});
  await Promise.all([api.init(), api.init()]);
  const seed = Uint8Array.from({ length: 32 }, (_, i) => i);
  const message = Uint8Array.from({ length: 77 }, (_, i) => 255 - i);
  const signature = api.signMusig(api.privateKeyFromSeed(seed), message);
  console.log(JSON.stringify({
    signature: Array.from(signature, (b) => b.toString(16).padStart(2, "0")).join(""),
    verifies: api.verifyMusig(message, signature),
  }));
`;

function runNode(script: string, cwd: string): { signature: string; verifies: boolean } {
  const output = execFileSync(process.execPath, ["--input-type=module", "-e", script], { cwd, encoding: "utf8" });
  return JSON.parse(output.trim().split("\n").pop() ?? "") as { signature: string; verifies: boolean };
}

let workDir = "";
beforeAll(() => {
  if (!existsSync(distEntry)) throw new Error(`${distEntry} is missing: run \`npm run build -w @zklite/crypto-wasm\` first`);
  workDir = mkdtempSync(path.join(tmpdir(), "zklite-crypto-wasm-"));
});
afterAll(() => {
  if (workDir !== "") rmSync(workDir, { recursive: true, force: true });
});

describe("dist in Node", () => {
  it("resolves the package by name and loads the Node build of zksync-crypto", () => {
    expect(runNode(probe("@zklite/crypto-wasm"), packageRoot)).toEqual({ signature: expectedSignature, verifies: true });
  });
});

describe("dist bundled by esbuild for browsers", () => {
  it("picks the browser loader, and the bundle signs like the TypeScript implementation", async () => {
    const bundlePath = path.join(workDir, "bundle.mjs");
    const bundledFiles = await bundleForBrowser(packageRoot, distEntry, bundlePath);
    expect(bundledFiles).toContain("dist/loader/browser.js");
    expect(bundledFiles).not.toContain("dist/loader/node.js");
    expect(bundledFiles.some((file) => file.endsWith("zksync-crypto-web.js"))).toBe(true);
    expect(bundledFiles.some((file) => file.endsWith("zksync-crypto-node.js"))).toBe(false);

    const runner = path.join(workDir, "run.mjs");
    writeFileSync(runner, probe("./bundle.mjs")); // no window: Node, like a Web Worker, has none
    const output = execFileSync(process.execPath, [runner], { cwd: workDir, encoding: "utf8" });
    expect(JSON.parse(output.trim())).toEqual({ signature: expectedSignature, verifies: true });
  });
});
