/**
 * The node core end to end, as a process: a real Hardhat L1 with the contracts, deposits read by eth-watch,
 * transactions signed by @zklite/sdk submitted through the SDK Provider over HTTP, blocks sealed and stored;
 * every block's root and commitment recomputed independently by @zklite/state from the block's own
 * operations. Once on embedded PGlite and once on the machine's PostgreSQL.
 */
import { ZkLite__factory } from "@zklite/contracts";
import { init as initCrypto } from "@zklite/crypto-wasm";
import { Provider } from "@zklite/sdk";
import { parsePriorityOp, parseTx, type Tx } from "@zklite/sdk/protocol";
import { initPoseidon, RollupState } from "@zklite/state";
import { parseEther } from "ethers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HardhatL1 } from "./testing/hardhat-l1.js";
import { NodeProcess } from "./testing/node-process.js";
import { createTestDatabase } from "./testing/postgres.js";
import { TestUser } from "./testing/test-user.js";

const BLOCK_SIZES = [8, 32];
const NODE_ENV = {
  ZKLITE_BLOCK_CHUNK_SIZES: BLOCK_SIZES.join(","),
  ZKLITE_MINIBLOCK_INTERVAL_MS: "50",
  ZKLITE_MINIBLOCK_ITERATIONS: "4",
  ZKLITE_L1_CONFIRMATIONS: "1",
  ZKLITE_L1_POLL_MS: "100",
  ZKLITE_GAS_PRICE_GWEI: "1",
  ZKLITE_ETH_PRICE_USD: "2000",
};

/** Replays the node's stored blocks on a fresh state and checks each root and commitment. */
async function checkBlocksIndependently(provider: Provider, feeAccountAddress: string, lastBlock: number): Promise<void> {
  const state = RollupState.genesis({ accountTreeDepth: 24, balanceTreeDepth: 32, feeAccountAddress });
  for (let number = 1; number <= lastBlock; number++) {
    const block = await provider.getBlock(number);
    expect(block?.status).toBe("sealed");
    const operations = (await provider.getBlockTransactions(number)).filter((op) => op.success);
    const builder = state.openBlock({
      blockNumber: number,
      feeAccountId: block?.feeAccountId as number,
      timestamp: block?.timestamp as number,
      blockChunkSizes: BLOCK_SIZES,
      maxFeeTokens: 8,
      maxExtendedTouches: 4,
    });
    for (let i = 0; i < operations.length; ) {
      const op = operations[i] as (typeof operations)[number];
      if (op.serialId !== null) {
        builder.applyPriorityOp(parsePriorityOp(op.tx));
        i++;
      } else if (op.batchHash !== null) {
        const batch: Tx[] = [];
        while (i < operations.length && operations[i]?.batchHash === op.batchHash) batch.push(parseTx(operations[i++]?.tx));
        builder.applyBatch(batch);
      } else {
        builder.applyTx(parseTx(op.tx));
        i++;
      }
    }
    const sealed = builder.seal();
    expect(`0x${sealed.newStateRoot.toString(16).padStart(64, "0")}`).toBe(block?.newStateRoot);
    expect(`0x${Buffer.from(sealed.commitment).toString("hex")}`).toBe(block?.commitment);
  }
}

for (const backend of ["pglite", "postgres"] as const) {
  describe(`node core on ${backend}`, () => {
    let l1: HardhatL1;
    let node: NodeProcess;
    let provider: Provider;
    let dropDatabase: (() => Promise<void>) | undefined;

    beforeAll(async () => {
      await Promise.all([initCrypto(), initPoseidon()]);
      l1 = await HardhatL1.start();
      let databaseUrl: string | undefined;
      if (backend === "postgres") {
        const database = await createTestDatabase();
        databaseUrl = database.url;
        dropDatabase = database.drop;
      }
      node = await NodeProcess.start({ l1Url: l1.url, deployment: l1.deployment, env: NODE_ENV, ...(databaseUrl === undefined ? {} : { databaseUrl }) });
      provider = Provider.newHttpProvider(node.url);
    }, 240_000);

    afterAll(async () => {
      await node?.stop();
      await l1?.kill();
      await dropDatabase?.();
    });

    it("takes deposits from L1, a key change, transfers to new and existing accounts and a nonce gap; blocks match an independent replay", async () => {
      const alice = await TestUser.create();
      const bob = await TestUser.create();
      const carol = await TestUser.create();
      const rollup = ZkLite__factory.connect(l1.deployment.contracts.zkLite, await l1.contractSigner(1));
      await (await rollup.depositETH(alice.address, { value: parseEther("2") })).wait();
      await (await rollup.depositETH(bob.address, { value: parseEther("1") })).wait();

      // unconfirmed until the confirmation depth is reached
      const depositing = await provider.getState(alice.address);
      expect(depositing.id === null || depositing.depositing.length > 0 || depositing.committed.balances["0"] === parseEther("2").toString()).toBe(true);
      await l1.mine(2);
      const funded = await alice.waitForState(provider, (state) => state.committed.balances["0"] === parseEther("2").toString());
      const aliceId = funded.id as number;
      const bobId = (await bob.waitForState(provider, (state) => state.id !== null)).id as number;

      // fees from the node's own quotes
      const cpkFee = BigInt((await provider.getTransactionFee({ ChangePubKey: "ECDSA" }, alice.address, "ETH")).totalFee);
      await provider.submitTx(await alice.changePubKey(aliceId, 0, cpkFee));
      const toNewFee = BigInt((await provider.getTransactionFee("Transfer", carol.address, "ETH")).totalFee);
      const toExistingFee = BigInt((await provider.getTransactionFee("Transfer", bob.address, "ETH")).totalFee);
      expect(toNewFee).toBeGreaterThan(toExistingFee);

      // nonce 2 before nonce 1: it waits for its gap instead of failing
      const second = await alice.transfer(aliceId, bob.address, parseEther("0.1"), toExistingFee, 2);
      const secondHash = await provider.submitTx(second.tx, second.ethSignature);
      expect((await provider.getTxReceipt(secondHash))?.status).toBe("queued");
      const first = await alice.transfer(aliceId, carol.address, parseEther("0.5"), toNewFee, 1);
      const firstHash = await provider.submitTx(first.tx, first.ethSignature);

      const firstReceipt = await provider.notifyTransaction(firstHash, "COMMIT", 60_000);
      const secondReceipt = await provider.notifyTransaction(secondHash, "COMMIT", 60_000);
      expect(firstReceipt.status).toBe("committed");
      expect(secondReceipt.status).toBe("committed");
      const position = (receipt: typeof firstReceipt) => (receipt.blockNumber as number) * 10_000 + (receipt.blockIndex as number);
      expect(position(firstReceipt)).toBeLessThan(position(secondReceipt));

      const carolState = await carol.waitForState(provider, (state) => state.committed.balances["0"] === parseEther("0.5").toString());
      expect(carolState.id).not.toBeNull();
      const aliceState = await provider.getState(alice.address);
      expect(aliceState.committed.nonce).toBe(3);
      expect(aliceState.committed.pubKeyHash).toBe((await alice.pubKeyHash()).toLowerCase());
      expect(BigInt(aliceState.committed.balances["0"] as string)).toBe(parseEther("2") - parseEther("0.6") - cpkFee - toNewFee - toExistingFee);
      expect((await provider.getState(bob.address)).committed.balances["0"]).toBe((parseEther("1") + parseEther("0.1")).toString());
      expect(bobId).toBeGreaterThan(0);

      // wait until the block holding them is sealed, then check every block independently
      const status = await waitFor(async () => {
        const current = await provider.getNetworkStatus();
        return current.lastSealedBlock >= (secondReceipt.blockNumber as number) ? current : undefined;
      });
      await checkBlocksIndependently(provider, l1.deployment.deployer.toLowerCase(), status.lastSealedBlock);
    }, 240_000);
  });
}

async function waitFor<T>(read: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
