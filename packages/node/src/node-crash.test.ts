/**
 * Crash safety, as a process: the node is killed with SIGKILL under load, at a random moment, several times,
 * and restarted. Every transaction it acknowledged is afterwards in a block or still queued, nothing is
 * applied twice (each account's nonce equals its executed transactions), and every stored block's root and
 * commitment equal an independent replay of the stored blocks.
 */
import { parseEther } from "ethers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fundUsers, startDevnet, TEST_BLOCK_SIZES, waitUntilSettled, type TestDevnet } from "./testing/devnet.js";
import { replayStoredBlocks } from "./testing/replay.js";
import { TestUser } from "./testing/test-user.js";

const USERS = 8;
const ROUNDS = 3;
const TXS_PER_USER_PER_ROUND = 100;

/** A deterministic generator (mulberry32), seeded and logged so a failing run can be repeated. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

describe("kill -9 under load", () => {
  let devnet: TestDevnet;
  let users: TestUser[];
  let ids: number[];

  beforeAll(async () => {
    devnet = await startDevnet();
    users = await Promise.all(Array.from({ length: USERS }, () => TestUser.create()));
    ids = await fundUsers(devnet, users, parseEther("100"));
  }, 300_000);

  afterAll(async () => {
    await devnet?.close();
  });

  it(`loses nothing acknowledged and applies nothing twice over ${ROUNDS} crashes`, async () => {
    const seed = Number(process.env.ZKLITE_TEST_SEED ?? Date.now() % 2 ** 31);
    console.log(`[crash] seed ${seed} (ZKLITE_TEST_SEED to repeat)`);
    const rng = random(seed);
    const { provider, node } = devnet;
    const fee = BigInt((await provider.getTransactionFee("Transfer", users[0]?.address as string, "ETH")).totalFee);
    const acknowledged = new Set<string>();
    const nextNonce = users.map(() => 1);

    for (let round = 0; round < ROUNDS; round++) {
      // pre-sign this round's load: each user sends a chain of transfers to the others
      const load: { user: number; nonce: number; tx: unknown; ethSignature: unknown }[] = [];
      for (let k = 0; k < TXS_PER_USER_PER_ROUND; k++) {
        for (let u = 0; u < USERS; u++) {
          const to = users[(u + 1 + Math.floor(rng() * (USERS - 1))) % USERS] as TestUser;
          const nonce = (nextNonce[u] as number) + k;
          const signed = await (users[u] as TestUser).transfer(ids[u] as number, to.address, BigInt(1 + Math.floor(rng() * 1e9)), fee, nonce);
          load.push({ user: u, nonce, tx: signed.tx, ethSignature: signed.ethSignature });
        }
      }
      const killAfterMs = 200 + Math.floor(rng() * 1200);
      let killed = false;
      let acknowledgedBeforeKill = 0;
      // one sender per user, each in nonce order, all at once
      const sending = Promise.all(
        users.map(async (_, u) => {
          for (const item of load.filter((entry) => entry.user === u)) {
            if (killed) return;
            try {
              acknowledged.add(await provider.submitTx(item.tx as never, item.ethSignature as never));
              if (!killed) acknowledgedBeforeKill++;
            } catch {
              // the node died mid-request (or refused after the kill): not acknowledged
            }
          }
        }),
      );
      await new Promise((resolve) => setTimeout(resolve, killAfterMs));
      killed = true;
      await node.kill();
      await sending;
      expect(acknowledgedBeforeKill, "the kill must land while the load is being sent").toBeLessThan(load.length);
      await node.restart();

      // the unacknowledged part of the load is sent again after the restart; anything already stored is refused
      for (const item of load) {
        try {
          acknowledged.add(await provider.submitTx(item.tx as never, item.ethSignature as never));
        } catch (error) {
          expect((error as { code?: string }).code).toMatch(/^(DUPLICATE_TRANSACTION|ALREADY_EXECUTED|NONCE_TOO_LOW|NONCE_ALREADY_QUEUED)$/);
        }
      }
      for (let u = 0; u < USERS; u++) nextNonce[u] = (nextNonce[u] as number) + TXS_PER_USER_PER_ROUND;
      console.log(`[crash] round ${round}: killed after ${killAfterMs} ms with ${acknowledgedBeforeKill} of ${load.length} acknowledged; ${acknowledged.size} acknowledged in all`);
    }

    const lastBlock = await waitUntilSettled(provider, 300_000);
    // every acknowledged transaction is in a block and succeeded (each user's transfers form one nonce chain)
    for (const hash of acknowledged) {
      const receipt = await provider.getTxReceipt(hash);
      expect(receipt, `receipt of ${hash}`).not.toBeNull();
      expect(receipt?.status, `${hash}: ${receipt?.failReason}`).toBe("committed");
    }
    // nothing applied twice: nonces are exactly 1 (ChangePubKey) + the transfers sent
    for (let u = 0; u < USERS; u++) {
      const state = await provider.getState((users[u] as TestUser).address);
      expect(state.committed.nonce).toBe(1 + ROUNDS * TXS_PER_USER_PER_ROUND);
    }
    const replayed = await replayStoredBlocks(provider, { feeAccountAddress: devnet.l1.deployment.deployer.toLowerCase(), blockChunkSizes: TEST_BLOCK_SIZES }, lastBlock);
    for (let u = 0; u < USERS; u++) {
      const state = await provider.getState((users[u] as TestUser).address);
      expect(state.committed.balances["0"]).toBe(replayed.balance(ids[u] as number, 0).toString());
    }
  }, 1_200_000);
});
