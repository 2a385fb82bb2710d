/**
 * Block sealing rules, as a process: a block never needs more L1 gas than ZKLITE_BLOCK_GAS_LIMIT (commit + execute
 * of its operations), and a block seals ZKLITE_MINIBLOCK_ITERATIONS mini-blocks after its first operation even
 * when it has room left.
 */
import { parseEther } from "ethers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { operationGas, BLOCK_BASE_GAS } from "./state-keeper/l1-gas.js";
import { fundUsers, startDevnet, waitUntilSettled, type TestDevnet } from "./testing/devnet.js";
import { TestUser } from "./testing/test-user.js";

// room for one Withdraw (≈ 94k gas) next to the base cost, not for two
const GAS_LIMIT = BLOCK_BASE_GAS + operationGas("Withdraw") + operationGas("ChangePubKey") + 10_000;

describe("block sealing", () => {
  let devnet: TestDevnet;

  beforeAll(async () => {
    devnet = await startDevnet({ env: { ZKLITE_BLOCK_GAS_LIMIT: String(GAS_LIMIT) } });
  }, 240_000);

  afterAll(async () => {
    await devnet?.close();
  });

  it("seals before a block's L1 gas would exceed the limit; blocks with room left seal by time", async () => {
    const { provider } = devnet;
    const alice = await TestUser.create();
    const [aliceId] = (await fundUsers(devnet, [alice], parseEther("1"))) as [number];
    const fee = BigInt((await provider.getTransactionFee("Withdraw", alice.address, "ETH")).totalFee);
    const hashes: string[] = [];
    for (let nonce = 1; nonce <= 3; nonce++) {
      const signed = await alice.withdraw(aliceId, 1000n * BigInt(nonce), fee, nonce);
      hashes.push(await provider.submitTx(signed.tx, signed.ethSignature));
    }
    const receipts = await Promise.all(hashes.map((hash) => provider.notifyTransaction(hash, "COMMIT", 60_000)));
    for (const receipt of receipts) expect(receipt.status, String(receipt.failReason)).toBe("committed");
    const blocks = new Set(receipts.map((receipt) => receipt.blockNumber));
    expect(blocks.size, "one Withdraw per block").toBe(3);
    await waitUntilSettled(provider);
    for (const number of blocks) {
      const operations = (await provider.getBlockTransactions(number as number)).filter((op) => op.success);
      const gas = BLOCK_BASE_GAS + operations.reduce((sum, op) => sum + operationGas(op.opType as never), 0);
      expect(gas).toBeLessThanOrEqual(GAS_LIMIT);
      const block = await provider.getBlock(number as number);
      expect(block?.chunksUsed).toBeLessThan(block?.blockChunks as number + 1);
      expect(block?.chunksUsed).toBeLessThan(32); // sealed by gas or time, never full
    }
  }, 240_000);
});
