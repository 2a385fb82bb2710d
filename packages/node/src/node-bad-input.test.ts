/**
 * Bad input, as a process over HTTP: ≥ 10,000 malformed or invalid submissions — garbage bodies, corrupted
 * fields, bad zk and Ethereum signatures, stale nonces, low fees, unknown tokens, oversized batches, replays.
 * Every one gets a 4xx answer with a zkLite error code from its category; afterwards the chain, the mempool,
 * the accounts and the stored blocks are exactly as before, and the node still accepts a valid transaction.
 */
import { Wallet, parseEther } from "ethers";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fundUsers, startDevnet, waitUntilSettled, type TestDevnet } from "./testing/devnet.js";
import { TestUser } from "./testing/test-user.js";

interface Case {
  readonly category: string;
  readonly path: string;
  readonly body: string;
  readonly contentType?: string;
  readonly method?: "POST" | "GET";
  /** zkLite codes this category may answer with. */
  readonly codes: readonly string[];
}

const SIGNATURE_CODES = ["INVALID_SIGNATURE", "WRONG_SIGNER", "INVALID_ETH_SIGNATURE"];
/** What a transaction with one field corrupted may be refused as (a field that still parses breaks a signature). */
const CORRUPTED_CODES = ["INVALID_TRANSACTION", "INVALID_REQUEST", "ACCOUNT_NOT_FOUND", "UNKNOWN_TOKEN", "NONCE_TOO_LOW", "FEE_TOO_LOW", "FEE_TOKEN_NOT_ALLOWED", "ACCOUNT_LOCKED", "MISSING_ETH_SIGNATURE", "INVALID_ETH_SIGNATURE", ...SIGNATURE_CODES];

const TRANSFER_FIELDS = ["accountId", "from", "to", "token", "amount", "fee", "nonce", "validFrom", "validUntil", "signature", "type"] as const;
const GARBAGE_VALUES: readonly unknown[] = [null, -1, 1.5, 2 ** 53, "", "0x", "zz", "-5", "1e30", [], {}, true, "340282366920938463463374607431768211456", "0x" + "ab".repeat(20), { pubKey: "00", signature: "11" }];

describe("the node refuses 10,000 bad submissions and stays exactly as it was", () => {
  let devnet: TestDevnet;
  let alice: TestUser;
  let bob: TestUser;
  let aliceId: number;
  let validFee: bigint;

  beforeAll(async () => {
    devnet = await startDevnet();
    alice = await TestUser.create();
    bob = await TestUser.create();
    [aliceId] = (await fundUsers(devnet, [alice, bob], parseEther("10"))) as [number, number];
    validFee = BigInt((await devnet.provider.getTransactionFee("Transfer", bob.address, "ETH")).totalFee);
    await waitUntilSettled(devnet.provider);
  }, 300_000);

  afterAll(async () => {
    await devnet?.close();
  });

  it("answers each with a typed error and changes nothing", async () => {
    const { provider } = devnet;
    const before = await observe();
    const cases: Case[] = [];
    const submit = (tx: unknown, signature: unknown, category: string, codes: readonly string[]): Case => ({
      category,
      path: "transaction.submit",
      body: JSON.stringify({ tx, signature }),
      codes,
    });

    // 1. garbage bodies and requests
    const garbage = fc.sample(fc.oneof(fc.string(), fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes).toString("latin1")), fc.json()), { numRuns: 2000, seed: 11 });
    for (const body of garbage) cases.push({ category: "garbage", path: "transaction.submit", body, codes: ["INVALID_JSON", "INVALID_REQUEST", "INVALID_TRANSACTION", "UNSUPPORTED_MEDIA_TYPE"] });
    for (let i = 0; i < 100; i++) cases.push({ category: "unknown procedure", path: `transaction.nope${i}`, body: "{}", codes: ["UNKNOWN_PROCEDURE"] });
    for (let i = 0; i < 100; i++) cases.push({ category: "wrong method", path: "transaction.submit", body: "", method: "GET", codes: ["METHOD_NOT_SUPPORTED", "INVALID_REQUEST", "UNKNOWN_PROCEDURE"] });
    for (let i = 0; i < 10; i++) cases.push({ category: "too large", path: "transaction.submit", body: JSON.stringify({ tx: "x".repeat(1_100_000) }), codes: ["PAYLOAD_TOO_LARGE"] });

    // 2. a valid transfer with one field corrupted
    const base = await alice.transfer(aliceId, bob.address, 1000n, validFee, 1);
    const corruptions = fc.sample(fc.tuple(fc.constantFrom(...TRANSFER_FIELDS), fc.constantFrom(...GARBAGE_VALUES), fc.boolean()), { numRuns: 3600, seed: 12 });
    for (const [field, value, alsoSignature] of corruptions) {
      const tx = { ...(base.tx as Record<string, unknown>), [field]: value };
      cases.push(submit(tx, alsoSignature ? { type: "EthereumSignature", signature: "0x1234" } : base.ethSignature, "corrupted field", CORRUPTED_CODES));
    }

    // 3. signatures: zk signature tampered, Ethereum signature by someone else, missing
    const stranger = Wallet.createRandom();
    for (let i = 0; i < 600; i++) {
      const signed = await alice.transfer(aliceId, bob.address, BigInt(1000 + i), validFee, 1);
      const signature = signed.tx.signature as { pubKey: string; signature: string };
      const flipped = signature.signature.slice(0, 10 + (i % 50)) + (signature.signature[10 + (i % 50)] === "0" ? "1" : "0") + signature.signature.slice(11 + (i % 50));
      cases.push(submit({ ...signed.tx, signature: { ...signature, signature: flipped } }, signed.ethSignature, "bad zk signature", ["INVALID_SIGNATURE"]));
      if (i % 3 === 0) {
        const wrong = { type: "EthereumSignature", signature: await stranger.signMessage(`Transfer ${i}`) };
        cases.push(submit(signed.tx, wrong, "bad eth signature", ["INVALID_ETH_SIGNATURE"]));
      } else if (i % 3 === 1) cases.push(submit(signed.tx, null, "missing eth signature", ["MISSING_ETH_SIGNATURE"]));
    }

    // 4. stale nonces (signed properly), 5. low fees, 6. unknown tokens
    for (let i = 0; i < 1000; i++) {
      const stale = await alice.transfer(aliceId, bob.address, BigInt(2000 + i), validFee, 0);
      cases.push(submit(stale.tx, stale.ethSignature, "stale nonce", ["NONCE_TOO_LOW"]));
    }
    for (let i = 0; i < 1000; i++) {
      const cheap = await alice.transfer(aliceId, bob.address, BigInt(3000 + i), i % 2 === 0 ? 0n : 1n, 1);
      cases.push(submit(cheap.tx, cheap.ethSignature, "low fee", ["FEE_TOO_LOW"]));
    }
    for (let i = 0; i < 500; i++) {
      const token = { id: 100 + (i % 800), symbol: "NOPE", decimals: 18 };
      const unknown = await alice.transfer(aliceId, bob.address, BigInt(4000 + i), 0n, 1, token);
      cases.push(submit(unknown.tx, unknown.ethSignature, "unknown token", ["UNKNOWN_TOKEN"]));
    }

    // 7. oversized batches
    const batchTx = { tx: base.tx, signature: base.ethSignature };
    for (let i = 0; i < 200; i++) {
      cases.push({ category: "oversized batch", path: "transaction.submitBatch", body: JSON.stringify({ txs: Array.from({ length: 201 + i }, () => batchTx), signature: null }), codes: ["BATCH_TOO_LARGE"] });
    }

    // 8. replays of executed transactions (alice's ChangePubKey, nonce 0)
    const executed = await Promise.all(Array.from({ length: before.lastSealedBlock }, (_, i) => provider.getBlockTransactions(i + 1)));
    const changePubKey = executed.flat().find((op) => op.txType === "ChangePubKey" && op.success);
    expect(changePubKey, "the setup's ChangePubKey is stored").toBeDefined();
    for (let i = 0; i < 700; i++) cases.push(submit(changePubKey?.tx, null, "replay", ["NONCE_TOO_LOW", "ALREADY_EXECUTED"]));

    expect(cases.length).toBeGreaterThanOrEqual(10_000);
    const outcomes = await runConcurrently(cases, 16, (item) => send(devnet.node.url, item));
    const wrong: string[] = [];
    const perCategory = new Map<string, number>();
    outcomes.forEach((outcome, index) => {
      const item = cases[index] as Case;
      perCategory.set(item.category, (perCategory.get(item.category) ?? 0) + 1);
      if (outcome.status < 400 || outcome.status >= 500 || outcome.code === undefined || !item.codes.includes(outcome.code)) {
        if (wrong.length < 20) wrong.push(`${item.category}: HTTP ${outcome.status} code ${outcome.code} (expected one of ${item.codes.join(", ")}) body ${item.body.slice(0, 200)}`);
      }
    });
    console.log(`[bad input] ${cases.length} submissions:`, Object.fromEntries(perCategory));
    expect(wrong).toEqual([]);

    expect(await observe()).toEqual(before);
    // still serving: a valid transfer is accepted and executed
    const good = await alice.transfer(aliceId, bob.address, 1000n, validFee, 1);
    const hash = await provider.submitTx(good.tx, good.ethSignature);
    expect((await provider.notifyTransaction(hash, "COMMIT", 60_000)).status).toBe("committed");
  }, 900_000);

  async function observe() {
    const status = await devnet.provider.getNetworkStatus();
    const block = await devnet.provider.getBlock(status.lastSealedBlock);
    return {
      lastSealedBlock: status.lastSealedBlock,
      pendingBlock: status.pendingBlock,
      mempoolSize: status.mempoolSize,
      totalTransactions: status.totalTransactions,
      accounts: status.accounts,
      root: block?.newStateRoot,
      alice: await devnet.provider.getState(alice.address),
      bob: await devnet.provider.getState(bob.address),
    };
  }
});

async function send(url: string, item: Case): Promise<{ status: number; code: string | undefined }> {
  const method = item.method ?? "POST";
  const response = await fetch(`${url}/trpc/${item.path}`, {
    method,
    headers: { "content-type": item.contentType ?? "application/json" },
    ...(method === "POST" ? { body: item.body } : {}),
  });
  const text = await response.text();
  let code: string | undefined;
  try {
    code = (JSON.parse(text) as { error?: { data?: { zkLiteCode?: string } } }).error?.data?.zkLiteCode;
  } catch {
    code = undefined;
  }
  return { status: response.status, code };
}

async function runConcurrently<T, R>(items: readonly T[], concurrency: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await run(items[index] as T);
      }
    }),
  );
  return results;
}
