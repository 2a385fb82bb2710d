import { readFileSync } from "node:fs";
import path from "node:path";
import { expect } from "vitest";
import { CIRCOM_SOURCE_DIR } from "../package-paths.js";
import { calculateWitness, type CircuitInput } from "../witness-calculator.js";

// Templates of this package and the file each lives in (circomlib's are skipped: the rule is the caller's line).
const TEMPLATE_FILES: Record<string, string> = {
  Block: "lib/block/block.circom",
  BlockChunk: "lib/block/chunk.circom",
  ChunkPairServices: "lib/block/pair_services.circom",
  FeeCredit: "lib/block/fee_credit.circom",
  LeafUpdate: "lib/block/leaf_update.circom",
  ZkSyncSignatureVerifier: "lib/zksync_signature.circom",
};

/**
 * Expects the witness calculation to fail, and the first failing line of this package's circom sources
 * to contain `rule` (so a test shows which rule rejected the input, not merely that something did).
 */
export async function expectRejectedBy(wasmPath: string, input: CircuitInput, rule: string, what = rule): Promise<void> {
  let message: string | undefined;
  try {
    await calculateWitness(wasmPath, input);
  } catch (error) {
    expect(error).toEqual(expect.objectContaining({ code: "CIRCUIT_UNSATISFIED" }));
    message = (error as Error).message;
  }
  if (message === undefined) throw new Error(`${what}: the circuit accepted the input`);
  const frames = [...message.matchAll(/Error in template (\w+?)_\d+ line: (\d+)/g)];
  const ours = frames.find((frame) => TEMPLATE_FILES[frame[1] as string] !== undefined);
  if (ours === undefined) throw new Error(`${what}: no failing line of ours in: ${message}`);
  const file = TEMPLATE_FILES[ours[1] as string] as string;
  const line = readFileSync(path.join(CIRCOM_SOURCE_DIR, file), "utf8").split("\n")[Number(ours[2]) - 1] ?? "";
  expect(line, `${what}: rejected at ${file}:${ours[2]}`).toContain(rule);
}
