/**
 * zkSync's test-vector file, read at run time from `../shared/vectors` next to the repository root
 * (never copied into the repository). When it is absent the suite fails with a clear message, unless
 * ZKLITE_ALLOW_MISSING_VECTORS=1, which turns the failure into a loud warning and a skipped test.
 */
import type { TestContext } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const repositoryRoot = fileURLToPath(new URL("../../../", import.meta.url));
export const VECTORS_PATH = path.resolve(repositoryRoot, "../shared/vectors/zksync-lite-test-vectors.json");

export interface CryptoPrimitivesItem {
  inputs: { seed: string; message: string };
  outputs: { privateKey: string; pubKey: string; signature: string };
}

export interface TxTestItem {
  inputs: { type: string; ethPrivateKey: string; data: Record<string, unknown> };
  outputs: { signBytes: string; signature: { pubKey: string; signature: string } };
}

export interface ZkSyncTestVectors {
  cryptoPrimitivesTest: { items: CryptoPrimitivesItem[] };
  txTest: { items: TxTestItem[] };
}

export function loadVectors(): ZkSyncTestVectors | undefined {
  if (!existsSync(VECTORS_PATH)) return undefined;
  return JSON.parse(readFileSync(VECTORS_PATH, "utf8")) as ZkSyncTestVectors;
}

/** Fails unless the file exists; with ZKLITE_ALLOW_MISSING_VECTORS=1 it warns and marks the test skipped. */
export function checkVectorsPresent(vectors: ZkSyncTestVectors | undefined, context: TestContext): void {
  if (vectors !== undefined) return;
  const message = `zkSync test vectors not found at ${VECTORS_PATH}; the vector tests did not run`;
  if (process.env.ZKLITE_ALLOW_MISSING_VECTORS === "1") {
    console.warn(`\n!!!!!!!!!! WARNING: ${message} (allowed by ZKLITE_ALLOW_MISSING_VECTORS=1) !!!!!!!!!!\n`);
    context.skip(`${message} (ZKLITE_ALLOW_MISSING_VECTORS=1)`);
  }
  throw new Error(`${message}. Provide the file or set ZKLITE_ALLOW_MISSING_VECTORS=1.`);
}

export function hexToBytes(hex: string): Uint8Array {
  return Uint8Array.from(Buffer.from(hex.startsWith("0x") ? hex.slice(2) : hex, "hex"));
}

export function bytesToHex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("hex");
}
