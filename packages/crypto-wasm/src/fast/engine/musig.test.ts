/**
 * musig sign and verify of both engines against zksync-crypto (the oracle): 10,000 verifications of
 * valid, tampered and malformed signatures with the exact zksync-crypto outcome (true / false / which
 * error it throws), and byte-identical signatures. zksync-crypto runs on all cores (~20 ms a call).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isZkLiteError } from "../../errors.js";
import { SUBGROUP_ORDER } from "../../ts/curve-params.js";
import { buildVerifyCorpus, type SignedMessage, type VerifyCase } from "../testing/signature-corpus.js";
import { SeededRandom } from "../testing/seeded-random.js";
import { loadZkSyncCryptoSync } from "../testing/zksync-crypto-sync.js";
import { ZkSyncOracle, type OracleVerdict } from "../testing/zksync-oracle.js";
import { enginesForThisMachine, loadEngineUnderTest } from "../testing/engines-under-test.js";
import type { FastEngine } from "./fast-engine.js";
import type { MusigVerdict } from "./musig-verdict.js";

const SIGNED = 400;
const VERIFY_CASES = 10_000;
const KEYS = 50;

const random = SeededRandom.fromEnvironment();
const zksync = loadZkSyncCryptoSync();
let signed: SignedMessage[] = [];
let corpus: VerifyCase[] = [];
let expected: MusigVerdict[] = [];

function verdictOf(oracle: OracleVerdict): MusigVerdict {
  if (oracle === true) return "valid";
  if (oracle === false) return "invalid";
  if (oracle.threw.includes("couldn't read public key")) return "malformed-public-key";
  if (oracle.threw.includes("Failed to parse signature")) return "malformed-signature";
  throw new Error(`unexpected zksync-crypto error: ${oracle.threw}`);
}

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString("hex");

beforeAll(async () => {
  console.log(`musig.test.ts seed: ZKLITE_TEST_SEED=${random.seed}`);
  const oracle = new ZkSyncOracle();
  try {
    const keys = Array.from({ length: KEYS }, () => zksync.privateKeyFromSeed(random.bytes(32)));
    const requests = Array.from({ length: SIGNED }, () => {
      const length = random.int(4) === 0 ? random.pick([0, 1, 91, 92]) : random.int(93);
      return [random.pick(keys), random.bytes(length)] as const;
    });
    let started = performance.now();
    const signatures = await oracle.signMany(requests);
    console.log(`zksync-crypto signed ${requests.length} messages in ${Math.round(performance.now() - started)} ms`);
    signed = requests.map(([privateKey, message], i) => ({ privateKey, message, signature: signatures[i] as Uint8Array }));
    corpus = buildVerifyCorpus(signed, VERIFY_CASES, random);
    started = performance.now();
    expected = (await oracle.verifyMany(corpus.map(({ message, signature }) => [message, signature] as const))).map(verdictOf);
    console.log(`zksync-crypto verified ${corpus.length} cases in ${Math.round(performance.now() - started)} ms`);
  } finally {
    await oracle.close();
  }
}, 600_000);

afterAll(() => {
  const byVerdict = expected.reduce<Record<string, number>>((counts, verdict) => {
    counts[verdict] = (counts[verdict] ?? 0) + 1;
    return counts;
  }, {});
  console.log(`verify corpus outcomes: ${JSON.stringify(byVerdict)}`);
});

describe.each(enginesForThisMachine())("%s engine: musig", (name) => {
  let engine: FastEngine;
  beforeAll(async () => {
    engine = await loadEngineUnderTest(name);
  });

  it(`agrees with zksync-crypto's verify_musig on ${VERIFY_CASES} signatures, outcome for outcome`, () => {
    expect(corpus.length).toBe(VERIFY_CASES);
    const mismatches: string[] = [];
    corpus.forEach(({ kind: caseKind, message, signature }, i) => {
      const verdict = engine.verifyMusigVerdict(message, signature);
      if (verdict !== expected[i]) {
        mismatches.push(`${caseKind}: ours ${verdict}, zksync ${expected[i]} (msg ${hex(message)}, sig ${hex(signature)})`);
      }
    });
    // the boolean API on a sample of every outcome
    corpus.slice(0, 500).forEach(({ message, signature }, i) => {
      if (engine.verifyMusig(message, signature) !== (expected[i] === "valid")) mismatches.push(`boolean of case ${i}`);
    });
    expect(mismatches.slice(0, 5)).toEqual([]);
    expect(new Set(expected)).toEqual(new Set(["valid", "invalid", "malformed-public-key", "malformed-signature"]));
  });

  it(`signs ${SIGNED} random messages byte-identically to zksync-crypto's sign_musig`, () => {
    const mismatches = signed.filter(({ privateKey, message, signature }) => hex(engine.signMusig(privateKey, message)) !== hex(signature));
    expect(mismatches.length).toBe(0);
  });

  it("derives public keys and message hashes like zksync-crypto", () => {
    for (const { privateKey, message } of signed.slice(0, 50)) {
      expect(hex(engine.privateKeyToPubKey(privateKey))).toBe(hex(zksync.private_key_to_pubkey(privateKey)));
      expect(hex(engine.rescueHashTxMsg(message))).toBe(hex(zksync.rescueHash(message)));
    }
  });

  it("rejects bad input with typed errors and never throws anything else", () => {
    const base = signed[0] as SignedMessage;
    const codeOf = (call: () => unknown): string | undefined => {
      try {
        call();
        return undefined;
      } catch (error) {
        return isZkLiteError(error) ? error.code : `untyped: ${String(error)}`;
      }
    };
    for (const length of [0, 1, 64, 95, 97, 192]) {
      expect(codeOf(() => engine.verifyMusig(base.message, new Uint8Array(length)))).toBe("INVALID_LENGTH");
    }
    expect(codeOf(() => engine.verifyMusig(new Uint8Array(93), base.signature))).toBe("MESSAGE_TOO_LONG");
    expect(codeOf(() => engine.verifyMusig(new Uint8Array(10_000), base.signature))).toBe("MESSAGE_TOO_LONG");
    expect(codeOf(() => engine.verifyMusig("hello" as unknown as Uint8Array, base.signature))).toBe("INVALID_INPUT_TYPE");
    expect(codeOf(() => engine.verifyMusig(base.message, [...base.signature] as unknown as Uint8Array))).toBe("INVALID_INPUT_TYPE");
    expect(codeOf(() => engine.signMusig(new Uint8Array(32), base.message))).toBe("INVALID_PRIVATE_KEY");
    const tooLarge = Uint8Array.from(Buffer.from(SUBGROUP_ORDER.toString(16).padStart(64, "0"), "hex"));
    expect(codeOf(() => engine.signMusig(tooLarge, base.message))).toBe("INVALID_PRIVATE_KEY");
    expect(codeOf(() => engine.signMusig(new Uint8Array(31).fill(1), base.message))).toBe("INVALID_PRIVATE_KEY");
    expect(codeOf(() => engine.signMusig(base.privateKey, new Uint8Array(93)))).toBe("MESSAGE_TOO_LONG");
    expect(codeOf(() => engine.privateKeyToPubKey(tooLarge))).toBe("INVALID_PRIVATE_KEY");
    // still working after all of the above
    expect(engine.verifyMusig(base.message, base.signature)).toBe(true);
  });
});
