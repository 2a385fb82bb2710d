/**
 * The built fast engine (dist/fast) as consumers get it, outside Vitest's module resolution:
 * - in Node, initFast() picks the native addon;
 * - bundled by esbuild for browsers (`--platform=browser`), it pulls in no Node module and, run where
 *   Node's APIs are absent, picks the WebAssembly engine, verifies zksync-crypto's signatures and hashes
 *   like circomlibjs. Needs `npm run build` first (turbo runs it before the tests).
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleForBrowser } from "../../test/bundle-for-browser.js";
import { buildCircomlibPoseidon } from "./testing/circomlib-oracle.js";
import { loadZkSyncCryptoSync } from "./testing/zksync-crypto-sync.js";

const packageRoot = fileURLToPath(new URL("../..", import.meta.url));
const distEntry = path.join(packageRoot, "dist/fast/index.js");
const zksync = loadZkSyncCryptoSync();
const privateKey = zksync.privateKeyFromSeed(Uint8Array.from({ length: 32 }, (_, i) => i + 1));
const message = Uint8Array.from({ length: 61 }, (_, i) => (i * 7) & 0xff);
const signature = zksync.sign_musig(privateKey, message);
const tampered = signature.slice();
tampered[70] = (tampered[70] ?? 0) ^ 1;

interface ProbeResult {
  engine: string;
  valid: boolean;
  tampered: boolean;
  poseidon: string;
  signature: string;
}

/** A script that initializes the fast engine, verifies, hashes, signs and prints the results as JSON. */
const probe = (moduleSpecifier: string, hideNode: boolean): string => `
  ${hideNode ? "Object.defineProperty(process, 'getBuiltinModule', { value: undefined });" : ""}
  const fast = await import(${JSON.stringify(moduleSpecifier)});
  const bytes = (hex) => Uint8Array.from(hex.match(/../g), (b) => parseInt(b, 16));
  const engine = await fast.initFast();
  const signature = fast.signMusig(bytes("${Buffer.from(privateKey).toString("hex")}"), bytes("${Buffer.from(message).toString("hex")}"));
  console.log(JSON.stringify({
    engine,
    valid: fast.verifyMusig(bytes("${Buffer.from(message).toString("hex")}"), bytes("${Buffer.from(signature).toString("hex")}")),
    tampered: fast.verifyMusig(bytes("${Buffer.from(message).toString("hex")}"), bytes("${Buffer.from(tampered).toString("hex")}")),
    poseidon: fast.poseidon([1n, 2n]).toString(),
    signature: Array.from(signature, (b) => b.toString(16).padStart(2, "0")).join(""),
  }));
`;

function run(script: string, cwd: string): ProbeResult {
  const output = execFileSync(process.execPath, ["--input-type=module", "-e", script], { cwd, encoding: "utf8" });
  return JSON.parse(output.trim().split("\n").pop() ?? "") as ProbeResult;
}

let workDir = "";
let expected: Omit<ProbeResult, "engine">;
beforeAll(async () => {
  if (!existsSync(distEntry)) throw new Error(`${distEntry} is missing: run \`npm run build -w @zklite/crypto-wasm\` first`);
  workDir = mkdtempSync(path.join(tmpdir(), "zklite-fast-"));
  const circomlib = await buildCircomlibPoseidon();
  expected = {
    valid: true,
    tampered: false,
    poseidon: circomlib([1n, 2n]).toString(),
    signature: Buffer.from(signature).toString("hex"),
  };
});
afterAll(() => {
  if (workDir !== "") rmSync(workDir, { recursive: true, force: true });
});

describe("dist/fast in Node", () => {
  it("uses the native addon by default", () => {
    expect(run(probe(distEntry, false), packageRoot)).toEqual({ engine: "native", ...expected });
  });
});

describe("dist/fast bundled by esbuild for browsers", () => {
  it("bundles no Node module, and the bundle uses the WebAssembly engine", async () => {
    const bundlePath = path.join(workDir, "bundle.mjs");
    const inputs = await bundleForBrowser(packageRoot, distEntry, bundlePath);
    expect(inputs.filter((file) => file.startsWith("node:") || file.endsWith(".node"))).toEqual([]);
    expect(inputs).toContain("dist/fast/generated/engine-wasm.js");
    expect(run(probe(bundlePath, true), workDir)).toEqual({ engine: "wasm", ...expected });
  });
});
