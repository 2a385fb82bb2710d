#!/usr/bin/env node
/**
 * `zklite-exit`: leave the rollup when its operator is gone (exodus/README.md). Works on the storage
 * `zklite-restore` filled, with the node's environment variables.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { FetchRequest, JsonRpcProvider, Network, Wallet } from "ethers";
import { loadKeySet } from "@zklite/prover";
import { isZkLiteError, MIN_NFT_TOKEN_ID, NFT_TOKEN_ID } from "@zklite/protocol";
import { initPoseidon } from "@zklite/state";
import { loadConfig } from "../config/config.js";
import { ExodusError } from "../exodus/errors.js";
import { ExodusClient } from "../exodus/exodus-client.js";
import { proveExit } from "../exodus/exit-proof.js";
import { loadRestoredChain, queuedDepositsPubdata, resolveToken } from "../exodus/restored-chain.js";
import { openDatabase } from "../storage/database.js";

const USAGE = `zklite-exit: leave zkLite on L1 when its operator is gone, from the state zklite-restore rebuilt.

usage: zklite-exit <command> [options]

  status [--address A]                    exodus mode, the last executed block, open priority requests; with an
                                          address, its restored balances: claimed or not, pending on L1
  activate                                switch exodus mode on (once the oldest priority request expired)
  claim --address A --token T             prove A's balance of T (id, symbol, or NFT id) in the last executed
                                          state and credit it to A's pending balance on L1 (performExodus)
  cancel-deposits [--count N]             refund the open (unexecuted) deposits to their depositors' pending balances
  withdraw --address A --token T          pay A's pending balance of T (or its pending NFT) to A on L1

Each command prints one JSON object on stdout. Environment (besides the node's DATABASE_URL / ZKLITE_DATA_DIR,
ZKLITE_L1_RPC_URL, ZKLITE_DEPLOYMENT_FILE, tree depths):
  ZKLITE_EXIT_PRIVATE_KEY   the L1 key that pays for the transactions (anyone's: payouts go to the owners)
  ZKLITE_KEY_SET            the key set whose exit key proves claims (the devnet's, or the ceremony's)
`;

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { address: { type: "string" }, token: { type: "string" }, count: { type: "string" }, help: { type: "boolean", short: "h" } },
  });
  const command = positionals[0];
  if (values.help === true || command === undefined) {
    process.stdout.write(USAGE);
    return;
  }
  const config = loadConfig(process.env);
  const deployment = JSON.parse(readFileSync(resolve(config.ZKLITE_DEPLOYMENT_FILE), "utf8")) as { chainId: string; contracts: { zkLite: string } };
  const request = new FetchRequest(config.ZKLITE_L1_RPC_URL);
  request.timeout = 60_000;
  const provider = new JsonRpcProvider(request, undefined, { staticNetwork: Network.from(Number(deployment.chainId)) });
  const key = process.env.ZKLITE_EXIT_PRIVATE_KEY;
  const client = new ExodusClient(deployment.contracts.zkLite, key === undefined ? provider : new Wallet(key, provider));
  const needKey = () => {
    if (key === undefined) throw new ExodusError("EXODUS_BAD_INPUT", "set ZKLITE_EXIT_PRIVATE_KEY: the L1 key that pays for the transaction");
  };
  const print = (value: unknown): void => {
    process.stdout.write(`${JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v))}\n`);
  };
  try {
    if (command === "status" && values.address === undefined) return print(await client.status());
    if (command === "activate") {
      needKey();
      return print({ exodusMode: await client.activate() });
    }
    await initPoseidon();
    const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.ZKLITE_DATA_DIR });
    try {
      const { prisma } = database;
      if (command === "cancel-deposits") {
        needKey();
        const status = await client.status();
        const count = values.count === undefined ? Number(status.totalOpenPriorityRequests) : Number(values.count);
        const pubdata = await queuedDepositsPubdata(prisma, status.firstPriorityRequestId, count);
        return print({ txHash: await client.cancelOutstandingDeposits(count, pubdata), requests: count, deposits: pubdata.length });
      }
      const address = required(values.address, "--address");
      if (command === "status") {
        // the address's balances in the restored state: claimed or not, and what L1 holds pending for it
        const chain = await loadRestoredChain(prisma, { accountTreeDepth: config.ZKLITE_ACCOUNT_TREE_DEPTH, balanceTreeDepth: config.ZKLITE_BALANCE_TREE_DEPTH });
        const accountId = chain.state.tree.accountIdByAddress(address);
        const status = await client.status();
        const balances = [];
        for (const [tokenId, amount] of accountId === undefined ? [] : chain.state.tree.balances(accountId)) {
          if (amount === 0n || tokenId === NFT_TOKEN_ID) continue; // a creator's count of minted NFTs is not a balance
          const token = await resolveToken(prisma, String(tokenId));
          const claimed = status.exodusMode ? await client.claimed(chain.lastBlock, address, accountId as number, tokenId) : false;
          balances.push({ tokenId, amount, claimed, pending: tokenId >= MIN_NFT_TOKEN_ID ? undefined : await client.pendingBalance(address, token.address) });
        }
        return print({ ...status, restoredBlock: chain.lastBlock.blockNumber, address, accountId, balances });
      }
      const token = await resolveToken(prisma, required(values.token, "--token"));
      if (command === "withdraw") {
        needKey();
        if (token.id >= MIN_NFT_TOKEN_ID) return print({ txHash: await client.withdrawPendingNft(token.id), tokenId: token.id });
        const amount = await client.pendingBalance(address, token.address);
        return print({ txHash: await client.withdrawPending(address, token.address), tokenId: token.id, amount });
      }
      if (command === "claim") {
        needKey();
        const keySetPath = required(process.env.ZKLITE_KEY_SET, "ZKLITE_KEY_SET");
        const exitCircuit = loadKeySet(keySetPath, "prove").exit;
        if (exitCircuit === undefined) throw new ExodusError("EXODUS_BAD_INPUT", `the key set ${keySetPath} has no exit circuit`);
        const chain = await loadRestoredChain(prisma, { accountTreeDepth: config.ZKLITE_ACCOUNT_TREE_DEPTH, balanceTreeDepth: config.ZKLITE_BALANCE_TREE_DEPTH });
        await client.requireExitable(chain.lastBlock, chain.lastBlockHash);
        const accountId = chain.state.tree.accountIdByAddress(address);
        if (accountId === undefined) throw new ExodusError("EXODUS_NOTHING_TO_CLAIM", `${address} has no account in the last executed state`);
        const exit = await proveExit(chain.state, accountId, token.id, exitCircuit);
        return print({ txHash: await client.claim(chain.lastBlock, exit), claim: exit.claim, block: chain.lastBlock.blockNumber, proveSeconds: exit.proveSeconds });
      }
      throw new ExodusError("EXODUS_BAD_INPUT", `unknown command ${command}`);
    } finally {
      await database.close();
    }
  } finally {
    provider.destroy();
  }
}

function required(value: string | undefined, name: string): string {
  if (value === undefined || value === "") throw new ExodusError("EXODUS_BAD_INPUT", `${name} is required`);
  return value;
}

main().catch((error: unknown) => {
  const message = isZkLiteError(error) ? `${error.code}: ${error.message}` : error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`zklite-exit failed: ${message}\n`);
  process.exit(isZkLiteError(error) && error.code === "EXODUS_BAD_INPUT" ? 2 : 1);
});
