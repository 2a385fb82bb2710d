/**
 * Byte-identical signatures at volume: each engine signs the reproducible signingCorpus and the SHA-256
 * of all signatures must equal the digest of zksync-crypto's signatures of the same pairs, recorded
 * below from `node bench/signature-digest.mjs <seed> <count>` (zksync-crypto is the oracle; it needs
 * ~20 ms a signature, too slow to rerun here). musig.test.ts compares individual random signatures.
 */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { enginesForThisMachine, loadEngineUnderTest, type EngineUnderTest } from "../testing/engines-under-test.js";
import { signingCorpus } from "../testing/signing-corpus.js";

const SEED = 20251123;
/** zksync-crypto 0.6.2, `node bench/signature-digest.mjs 20251123 <count>` */
const ZKSYNC_DIGESTS: Readonly<Record<number, string>> = {
  1000: "181b6e9669661699dac8c6b8b0ada51d8a5fc5dc4bfa6a59cec7a9c6a8c7b5e2",
  10000: "ccd0ae6aa1903cfbc969ffc2c7bd3977a09c26612d4cb0dc98a1e6dbd223f17d",
};
/** The default engine signs the full corpus; slower builds a prefix of it. */
const CASES: Readonly<Record<EngineUnderTest, number>> = {
  "native-x64": 10_000,
  "native-x64-scalar-rescue": 1_000,
  "native-portable": 1_000,
  wasm: 1_000,
};

describe.each(enginesForThisMachine().filter((name) => name !== "native-x64-scalar-rescue"))("%s engine", (name) => {
  const count = CASES[name];
  it(`signs ${count} corpus messages exactly as zksync-crypto does (SHA-256 of all signatures)`, async () => {
    const engine = await loadEngineUnderTest(name);
    const hash = createHash("sha256");
    for (const { privateKey, message } of signingCorpus(SEED, count)) hash.update(engine.signMusig(privateKey, message));
    expect(hash.digest("hex")).toBe(ZKSYNC_DIGESTS[count]);
  });
});
