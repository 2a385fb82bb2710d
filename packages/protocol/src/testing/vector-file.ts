/**
 * Test-only: loads zkSync's test vectors from `../shared/vectors` beside the repository (never copied
 * into it). When the file is missing, vector tests fail with a clear message, unless
 * ZKLITE_ALLOW_MISSING_VECTORS=1, in which case they log a loud warning and are reported as skipped.
 */
import type { TestContext } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../..");
export const VECTOR_FILE = path.resolve(repoRoot, "../shared/vectors/zksync-lite-test-vectors.json");

interface Items<Inputs, Outputs> {
  items: { inputs: Inputs; outputs: Outputs }[];
}

export type VectorTxData = Record<string, unknown>;

export interface VectorFile {
  txTest: Items<
    { type: string; ethPrivateKey: string; data: VectorTxData; ethSignData: Record<string, unknown> | null },
    { signBytes: string; signature: { pubKey: string; signature: string }; ethSignMessage: string | null; ethSignature: string | null }
  >;
  utils: {
    amountPacking: Items<{ value: string }, { packable: boolean; closestPackable: string; packedValue: string }>;
    feePacking: Items<{ value: string }, { packable: boolean; closestPackable: string; packedValue: string }>;
    tokenFormatting: Items<{ token: string; decimals: number; amount: string }, { formatted: string }>;
  };
  txHashTest: Items<{ tx: Record<string, unknown> }, { hash: string }>;
}

let cached: VectorFile | undefined;

/** Wraps a test body that needs the vector file (see the module comment for the missing-file rule). */
export function withVectors(run: (vectors: VectorFile) => void | Promise<void>): (context: TestContext) => Promise<void> {
  return async (context) => {
    if (!existsSync(VECTOR_FILE)) {
      if (process.env.ZKLITE_ALLOW_MISSING_VECTORS === "1") {
        console.warn(`\n!!! zkSync test vectors missing at ${VECTOR_FILE}: vector checks SKIPPED (ZKLITE_ALLOW_MISSING_VECTORS=1) !!!\n`);
        context.skip(`zkSync test vectors missing at ${VECTOR_FILE} (ZKLITE_ALLOW_MISSING_VECTORS=1)`);
      }
      throw new Error(
        `zkSync test vectors not found at ${VECTOR_FILE}. Put zksync-lite-test-vectors.json there, ` +
          "or set ZKLITE_ALLOW_MISSING_VECTORS=1 to run without the vector checks.",
      );
    }
    cached ??= JSON.parse(readFileSync(VECTOR_FILE, "utf8")) as VectorFile;
    await run(cached);
  };
}
