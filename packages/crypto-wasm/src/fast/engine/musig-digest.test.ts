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
  2000: "367856e2a0ebc1e51e685c5688c087a5f8c361fe200d7391e36ece27c6f410cd",
  10000: "DIGEST_10000",
};
/** The default engine signs the full corpus; slower builds a prefix of it. */
const CASES: Readonly<Record<EngineUnderTest, number>> = {
  "native-x64": 10_000,
  "native-x64-scalar-rescue": 2_000,
  "native-portable": 2_000,
  wasm: 2_000,
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
