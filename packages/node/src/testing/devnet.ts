/**
 * Test helper: a real L1 (Hardhat, contracts deployed) and a node process on it, plus funded users with
 * their signing keys set — the starting point of the node's process tests.
 */
import { ZkLite__factory } from "@zklite/contracts";
import { init as initCrypto } from "@zklite/crypto-wasm";
import { Provider } from "@zklite/sdk";
import { initPoseidon } from "@zklite/state";
import { HardhatL1 } from "./hardhat-l1.js";
import { NodeProcess } from "./node-process.js";
import { createTestDatabase } from "./postgres.js";
import { waitFor } from "./wait-for.js";
import { TcpProxy } from "./tcp-proxy.js";
import { TestUser } from "./test-user.js";

export const TEST_BLOCK_SIZES = [8, 32];

export const TEST_NODE_ENV: Readonly<Record<string, string>> = {
  ZKLITE_BLOCK_CHUNK_SIZES: TEST_BLOCK_SIZES.join(","),
  ZKLITE_MINIBLOCK_INTERVAL_MS: "50",
  ZKLITE_MINIBLOCK_ITERATIONS: "4",
  ZKLITE_L1_CONFIRMATIONS: "1",
  ZKLITE_L1_POLL_MS: "100",
  ZKLITE_GAS_PRICE_GWEI: "1",
  ZKLITE_ETH_PRICE_USD: "2000",
  ZKLITE_TOKEN_PRICES_USD: "DAI=1",
  // startDevnet's L1 has placeholder verifiers and genesis root: nothing it seals can be proven (echo-devnet.ts can)
  ZKLITE_ETH_SENDER_ENABLED: "0",
  // a node restarted after kill -9 on PostgreSQL waits for its dead predecessor's eth-sender lease to expire
  ZKLITE_ETH_SENDER_LEASE_MS: "2000",
};

export interface TestDevnet {
  readonly l1: HardhatL1;
  readonly node: NodeProcess;
  readonly provider: Provider;
  readonly proxy: TcpProxy | undefined;
  close(): Promise<void>;
}

export interface DevnetOptions {
  readonly backend?: "pglite" | "postgres";
  readonly env?: Record<string, string>;
  /** Put a TCP proxy between the node and the L1, to cut and restore the connection. */
  readonly proxy?: boolean;
}

export async function startDevnet(options: DevnetOptions = {}): Promise<TestDevnet> {
  await Promise.all([initCrypto(), initPoseidon()]);
  const l1 = await HardhatL1.start();
  const proxy = options.proxy === true ? await TcpProxy.start(l1.port) : undefined;
  const database = options.backend === "postgres" ? await createTestDatabase() : undefined;
  const node = await NodeProcess.start({
    l1Url: proxy?.url ?? l1.url,
    deployment: l1.deployment,
    env: { ...TEST_NODE_ENV, ...options.env },
    ...(database === undefined ? {} : { databaseUrl: database.url }),
  });
  const provider = Provider.newHttpProvider(node.url);
  return {
    l1,
    node,
    provider,
    proxy,
    close: async () => {
      if (process.env.ZKLITE_TEST_NODE_LOG !== undefined) (await import("node:fs")).writeFileSync(process.env.ZKLITE_TEST_NODE_LOG, node.log);
      await node.stop();
      await proxy?.close();
      await l1.kill();
      await database?.drop();
    },
  };
}

/** Deposits `amountWei` of ETH to each user on L1, confirms it, and sets each user's signing key. Returns account ids. */
export async function fundUsers(devnet: TestDevnet, users: readonly TestUser[], amountWei: bigint): Promise<number[]> {
  const rollup = ZkLite__factory.connect(devnet.l1.deployment.contracts.zkLite, await devnet.l1.contractSigner(1));
  for (const user of users) await (await rollup.depositETH(user.address, { value: amountWei })).wait();
  await devnet.l1.mine(2);
  const ids: number[] = [];
  for (const user of users) ids.push((await user.waitForState(devnet.provider, (state) => state.committed.balances["0"] === amountWei.toString())).id as number);
  const fee = BigInt((await devnet.provider.getTransactionFee({ ChangePubKey: "ECDSA" }, users[0]?.address as string, "ETH")).totalFee);
  const hashes = await Promise.all(users.map(async (user, i) => devnet.provider.submitTx(await user.changePubKey(ids[i] as number, 0, fee))));
  for (const hash of hashes) {
    const receipt = await devnet.provider.notifyTransaction(hash, "COMMIT", 60_000);
    if (receipt.status === "rejected") throw new Error(`ChangePubKey ${hash} failed: ${receipt.failReason}`);
  }
  return ids;
}

/** Waits until the mempool is empty and every executed operation is in a sealed block; returns the last block. */
export async function waitUntilSettled(provider: Provider, timeoutMs = 120_000): Promise<number> {
  return waitFor(
    async () => {
      const status = await provider.getNetworkStatus();
      return status.mempoolSize === 0 && status.pendingBlock === null ? status.lastSealedBlock : undefined;
    },
    timeoutMs,
    "the node to settle",
  );
}
