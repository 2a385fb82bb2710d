/**
 * The node core end to end, as a process: a real Hardhat L1 with the contracts, deposits read by eth-watch,
 * transactions signed by @zklite/sdk submitted through the SDK Provider over HTTP, blocks sealed and stored;
 * every block's root and commitment recomputed independently by @zklite/state from the block's own
 * operations. Once on embedded PGlite and once on the machine's PostgreSQL.
 */
import { ZkLite__factory } from "@zklite/contracts";
import { parseEther } from "ethers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDevnet, TEST_BLOCK_SIZES, waitUntilSettled, type TestDevnet } from "./testing/devnet.js";
import { replayStoredBlocks } from "./testing/replay.js";
import { TestUser } from "./testing/test-user.js";

for (const backend of ["pglite", "postgres"] as const) {
  describe(`node core on ${backend}`, () => {
    let devnet: TestDevnet;

    beforeAll(async () => {
      devnet = await startDevnet({ backend, env: { ZKLITE_L1_CONFIRMATIONS: "3" } });
    }, 240_000);

    afterAll(async () => {
      await devnet?.close();
    });

    it("takes deposits from L1, a key change, transfers to new and existing accounts and a nonce gap; blocks match an independent replay", async () => {
      const { provider, l1 } = devnet;
      const alice = await TestUser.create();
      const bob = await TestUser.create();
      const carol = await TestUser.create();
      const rollup = ZkLite__factory.connect(l1.deployment.contracts.zkLite, await l1.contractSigner(1));
      await (await rollup.depositETH(alice.address, { value: parseEther("2") })).wait();

      // seen but not confirmed (3 confirmations needed): shown as depositing, not applied
      const seen = await alice.waitForState(provider, (state) => state.depositing.length === 1);
      expect(seen.depositing[0]).toMatchObject({ tokenId: 0, amount: parseEther("2").toString(), confirmed: false });
      expect(seen.id).toBeNull();
      await (await rollup.depositETH(bob.address, { value: parseEther("1") })).wait();
      await l1.mine(3);
      const funded = await alice.waitForState(provider, (state) => state.committed.balances["0"] === parseEther("2").toString());
      expect(funded.depositing).toEqual([]);
      const aliceId = funded.id as number;
      await bob.waitForState(provider, (state) => state.id !== null);

      // fees from the node's own quotes
      const cpkFee = BigInt((await provider.getTransactionFee({ ChangePubKey: "ECDSA" }, alice.address, "ETH")).totalFee);
      const cpkHash = await provider.submitTx(await alice.changePubKey(aliceId, 0, cpkFee));
      const toNewFee = BigInt((await provider.getTransactionFee("Transfer", carol.address, "ETH")).totalFee);
      const toExistingFee = BigInt((await provider.getTransactionFee("Transfer", bob.address, "ETH")).totalFee);
      expect(toNewFee).toBeGreaterThan(toExistingFee);

      // nonce 2 before nonce 1: it waits for its gap instead of failing, then both land in order
      const second = await alice.transfer(aliceId, bob.address, parseEther("0.1"), toExistingFee, 2);
      const secondHash = await provider.submitTx(second.tx, second.ethSignature);
      expect((await provider.getTxReceipt(secondHash))?.status).toBe("queued");
      const first = await alice.transfer(aliceId, carol.address, parseEther("0.5"), toNewFee, 1);
      const firstHash = await provider.submitTx(first.tx, first.ethSignature);

      const cpkReceipt = await provider.notifyTransaction(cpkHash, "COMMIT", 60_000);
      const firstReceipt = await provider.notifyTransaction(firstHash, "COMMIT", 60_000);
      const secondReceipt = await provider.notifyTransaction(secondHash, "COMMIT", 60_000);
      for (const receipt of [cpkReceipt, firstReceipt, secondReceipt]) expect(receipt.status, String(receipt.failReason)).toBe("committed");
      const position = (receipt: typeof firstReceipt) => (receipt.blockNumber as number) * 10_000 + (receipt.blockIndex as number);
      expect(position(firstReceipt)).toBeLessThan(position(secondReceipt));

      const carolState = await carol.waitForState(provider, (state) => state.committed.balances["0"] === parseEther("0.5").toString());
      expect(carolState.id).not.toBeNull();
      const aliceState = await provider.getState(alice.address);
      expect(aliceState.committed.nonce).toBe(3);
      expect(aliceState.committed.pubKeyHash).toBe((await alice.pubKeyHash()).toLowerCase());
      expect(BigInt(aliceState.committed.balances["0"] as string)).toBe(parseEther("2") - parseEther("0.6") - cpkFee - toNewFee - toExistingFee);
      expect((await provider.getState(bob.address)).committed.balances["0"]).toBe((parseEther("1") + parseEther("0.1")).toString());

      const lastBlock = await waitUntilSettled(provider);
      const replayed = await replayStoredBlocks(provider, { feeAccountAddress: l1.deployment.deployer.toLowerCase(), blockChunkSizes: TEST_BLOCK_SIZES }, lastBlock);
      expect(replayed.balance(0, 0)).toBe(cpkFee + toNewFee + toExistingFee); // the fee account got every fee, at seal
      expect((await provider.getBlock(lastBlock))?.status).toBe("sealed");
    }, 240_000);
  });
}
