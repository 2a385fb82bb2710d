/**
 * Exodus end to end with real proofs: users hold ETH, an ERC-20 and an NFT in blocks the node proved and executed
 * on L1 (the proving devnet: the 12-chunk block circuit's and the exit circuit's verifiers), one block reverted on
 * L1 before it was proven and its transfer executed again in a later block. Then the operator is
 * gone (the node killed), a deposit stays unexecuted past its expiration, and exodus mode is switched on. From L1
 * alone (`zklite-restore`), `zklite-exit` proves each balance with the exit circuit and `performExodus` credits it;
 * the pending balances are paid on L1 and the NFT minted there. A second claim, a proof for another account and a
 * claim of a wrong amount are refused; an exit proved in headless Chromium (@zklite/prover/browser) is accepted; the
 * unexecuted deposit is refunded.
 */
import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { buildExitWitness } from "@zklite/circuits";
import { loadKeySet } from "@zklite/prover";
import { startBrowserProverHarness } from "@zklite/prover/testing/browser";
import { Wallet, type ETHOperation, type Transaction } from "@zklite/sdk";
import { Contract, hexlify, parseEther, randomBytes, Wallet as EthersWallet, ZeroAddress } from "ethers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../storage/database.js";
import { L1OperationRepository } from "../storage/l1-operation-repository.js";
import { TEST_NODE_ENV } from "../testing/devnet.js";
import { startProvingDevnet, type ProvingDevnet } from "../testing/proving-devnet.js";
import { ExodusClient } from "./exodus-client.js";
import { proveExit } from "./exit-proof.js";
import { loadRestoredChain, type RestoredChain } from "./restored-chain.js";
import { lastJsonLine } from "../testing/process-output.js";
import { waitFor } from "../testing/wait-for.js";

const run = promisify(execFile);
const BIN = join(dirname(fileURLToPath(import.meta.url)), "../../dist/bin");
const VERIFY_MS = 10 * 60_000;
const SETUP_MS = 30 * 60_000;
/** Config.sol's PRIORITY_EXPIRATION: L1 blocks after which an unexecuted priority request allows exodus. */
const PRIORITY_EXPIRATION_BLOCKS = 80_640;
const PRODUCTION_DEPTHS = { accountTreeDepth: 24, balanceTreeDepth: 32 };

let devnet: ProvingDevnet;
let alice: Wallet;
let bob: Wallet;
let carol: Wallet;
let payer: EthersWallet;
let dataDir: string;
let nftId: number;

beforeAll(async () => {
  devnet = await startProvingDevnet();
  devnet.startWorker("prover");
  [alice, bob, carol] = (await Promise.all([1, 2, 3].map(async (i) => Wallet.fromEthSigner(await devnet.l1.signer(i), devnet.provider)))) as [Wallet, Wallet, Wallet];
  // the exits are sent by someone else: payouts go to the owners, not to who pays the gas
  payer = new EthersWallet(hexlify(randomBytes(32)));
  await (await (await devnet.l1.signer(5)).sendTransaction({ to: payer.address, value: parseEther("10") })).wait();
  dataDir = join(mkdtempSync(join(tmpdir(), "zklite-exodus-")), "data");
}, SETUP_MS);

afterAll(async () => {
  await devnet?.close();
});

async function deposited(op: ETHOperation): Promise<void> {
  await op.awaitEthereumTxCommit();
  await devnet.l1.mine(2);
  await op.awaitReceipt(60_000);
}

async function committed(tx: Transaction): Promise<Transaction> {
  const receipt = await tx.awaitReceipt(60_000);
  expect(receipt.status, String(receipt.failReason)).toBe("committed");
  return tx;
}

/** Runs a zkLite command with the node's environment on the restored storage; resolves with its exit code and output. */
async function zklite(bin: "zklite-restore" | "zklite-exit", args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    ...TEST_NODE_ENV,
    ZKLITE_L1_RPC_URL: devnet.l1.url,
    ZKLITE_DEPLOYMENT_FILE: devnet.node.deploymentFile,
    ZKLITE_DATA_DIR: dataDir,
    ZKLITE_KEY_SET: devnet.keySetPath,
    ZKLITE_EXIT_PRIVATE_KEY: payer.privateKey,
    ZKLITE_L1_MAX_LOG_RANGE: "50000",
  };
  delete env.DATABASE_URL;
  try {
    const { stdout, stderr } = await run(process.execPath, [join(BIN, `${bin}.js`), ...args], { env, timeout: 300_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? "", stderr: failed.stderr ?? "" };
  }
}

async function json(bin: "zklite-restore" | "zklite-exit", args: readonly string[]): Promise<Record<string, unknown>> {
  const result = await zklite(bin, args);
  if (result.code !== 0) throw new Error(`${bin} ${args.join(" ")} exited ${result.code}:\n${result.stderr.slice(-3000)}`);
  return lastJsonLine(result.stdout, bin);
}

async function restoredChain(): Promise<RestoredChain> {
  const database = await openDatabase({ dataDir });
  try {
    return await loadRestoredChain(database.prisma, PRODUCTION_DEPTHS);
  } finally {
    await database.close();
  }
}

const client = () => new ExodusClient(devnet.deployment.contracts.zkLite, payer.connect(devnet.l1.provider));
const dai = () => devnet.deployment.tokens.find((token) => token.symbol === "DAI")?.address as string;

describe("exodus: users leave with exit proofs when the operator is gone", () => {
  it("holds ETH, DAI and an NFT in blocks executed on L1, then the operator stops and exodus begins", async () => {
    await deposited(await alice.depositToSyncFromEthereum({ depositTo: alice.address(), token: "ETH", amount: parseEther("3") }));
    await deposited(await alice.depositToSyncFromEthereum({ depositTo: alice.address(), token: "DAI", amount: parseEther("100"), approveDepositAmountForERC20: true }));
    await deposited(await bob.depositToSyncFromEthereum({ depositTo: bob.address(), token: "ETH", amount: parseEther("1") }));
    await committed(await alice.setSigningKey({ feeToken: "ETH", ethAuthType: "ECDSA" }));
    const contentHash = hexlify(randomBytes(32));
    const mint = await committed(await alice.mintNFT({ recipient: alice.address(), contentHash, feeToken: "ETH" }));
    await mint.awaitVerifyReceipt(VERIFY_MS);
    nftId = Object.values((await alice.getAccountState()).verified.nfts).find((nft) => nft.contentHash === contentHash)?.id as number;
    expect(nftId).toBeGreaterThanOrEqual(65536);

    // a block committed and reverted before it was proven (no prover running): its transfer runs again in a new block
    for (const worker of devnet.workers) await worker.kill();
    const reverted = await committed(await alice.syncTransfer({ to: bob.address(), token: "ETH", amount: parseEther("0.1") }));
    const { prisma } = devnet.database;
    const revertFrom = (await waitFor(async () => (await prisma.block.findFirst({ where: { commitTxHash: { not: null }, provenAt: null }, orderBy: { number: "asc" } })) ?? undefined, 120_000, "a committed, unproven block")).number;
    const committedOnL1 = Number(await new Contract(devnet.deployment.contracts.zkLite, ["function totalBlocksCommitted() view returns (uint32)"], devnet.l1.provider).getFunction("totalBlocksCommitted")());
    await new L1OperationRepository(prisma).requestRevert(revertFrom, committedOnL1);
    await waitFor(async () => (await prisma.l1Operation.findFirst({ where: { kind: "revert", status: "applied" } })) ?? undefined, 120_000, "the revert to be applied");
    devnet.startWorker("prover-2");
    await reverted.awaitVerifyReceipt(VERIFY_MS);

    // the operator is gone; a deposit waits on L1 and expires
    await devnet.node.kill();
    for (const worker of devnet.workers) await worker.kill();
    await (await carol.depositToSyncFromEthereum({ depositTo: carol.address(), token: "ETH", amount: parseEther("0.5") })).awaitEthereumTxCommit();
    const refused = await zklite("zklite-exit", ["activate"]);
    expect(JSON.parse(refused.stdout)).toEqual({ exodusMode: false });
    await devnet.l1.mine(PRIORITY_EXPIRATION_BLOCKS + 1);
    expect(await json("zklite-exit", ["activate"])).toEqual({ exodusMode: true });

    // the operator's node started again: it sees exodus mode, produces nothing, refuses transactions, says so
    await devnet.l1.mine(2);
    await devnet.node.restart();
    const status = await waitFor(async () => {
      const current = await devnet.provider.getNetworkStatus();
      return current.exodusMode ? current : undefined;
    }, 60_000, "the node to report exodus mode");
    expect(devnet.node.log).toContain("the rollup is in exodus mode on L1");
    const fee = (await devnet.provider.getTransactionFee("Transfer", bob.address(), "ETH")).totalFeeBigInt;
    await expect(alice.syncTransfer({ to: bob.address(), token: "ETH", amount: 1n, fee })).rejects.toMatchObject({ code: "EXODUS_MODE" });
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect((await devnet.provider.getNetworkStatus()).lastSealedBlock).toBe(status.lastSealedBlock);
    await devnet.node.kill();

    const claimedTooEarly = await zklite("zklite-exit", ["claim", "--address", alice.address(), "--token", "ETH"]);
    expect(claimedTooEarly.stderr).toContain("the storage is empty: run zklite-restore first");
  }, VERIFY_MS);

  it("restores the executed state from L1 and exits ETH, DAI and the NFT with proofs made here; each is paid on L1", async () => {
    const restored = await json("zklite-restore", ["--json"]);
    const status = await json("zklite-exit", ["status"]);
    expect(restored.lastBlock).toBe(Number(status.totalBlocksExecuted));
    const { state } = await restoredChain();
    const aliceId = state.tree.accountIdByAddress(alice.address()) as number;
    const balances = { eth: state.balance(aliceId, 0), dai: state.balance(aliceId, 1) };
    expect(balances.eth).toBeGreaterThan(parseEther("2.8")); // 3 ETH deposited, 0.1 sent to bob, fees
    expect(balances.dai).toBe(parseEther("100"));

    for (const [token, amount] of [["ETH", balances.eth], ["DAI", balances.dai], [String(nftId), 1n]] as const) {
      const claimed = await json("zklite-exit", ["claim", "--address", alice.address(), "--token", token]);
      expect(claimed.claim).toMatchObject({ owner: alice.address().toLowerCase(), accountId: aliceId, amount: String(amount) });
      console.log(`[exodus] ${token} exit proved in ${Number(claimed.proveSeconds).toFixed(1)} s`);
    }
    expect(await client().pendingBalance(alice.address())).toBe(balances.eth);
    expect(await client().pendingBalance(alice.address(), dai())).toBe(balances.dai);

    const ethBefore = await devnet.l1.provider.getBalance(alice.address());
    await json("zklite-exit", ["withdraw", "--address", alice.address(), "--token", "ETH"]);
    expect(await devnet.l1.provider.getBalance(alice.address())).toBe(ethBefore + balances.eth);
    const daiToken = new Contract(dai(), ["function balanceOf(address) view returns (uint256)"], devnet.l1.provider);
    const daiBefore = (await daiToken.getFunction("balanceOf")(alice.address())) as bigint;
    await json("zklite-exit", ["withdraw", "--address", alice.address(), "--token", "DAI"]);
    expect(await daiToken.getFunction("balanceOf")(alice.address())).toBe(daiBefore + balances.dai);
    await json("zklite-exit", ["withdraw", "--address", alice.address(), "--token", String(nftId)]);
    const factory = new Contract(devnet.deployment.contracts.nftFactory, ["function ownerOf(uint256) view returns (address)"], devnet.l1.provider);
    expect(String(await factory.getFunction("ownerOf")(nftId)).toLowerCase()).toBe(alice.address().toLowerCase());
  }, VERIFY_MS);

  it("refuses a second claim, a proof for another account and a wrong amount; accepts an exit proved in Chromium; refunds the unexecuted deposit", async () => {
    // what the contract already paid: every claim of alice's, none of bob's
    const aliceStatus = (await json("zklite-exit", ["status", "--address", alice.address()])) as { balances: { tokenId: number; claimed: boolean; pending?: string }[] };
    expect(aliceStatus.balances.map((b) => [b.tokenId, b.claimed])).toEqual([[0, true], [1, true], [nftId, true]]);
    expect(aliceStatus.balances[0]?.pending).toBe("0"); // paid out by the withdrawals above
    const bobStatus = (await json("zklite-exit", ["status", "--address", bob.address()])) as { balances: { tokenId: number; claimed: boolean }[] };
    expect(bobStatus.balances).toEqual([expect.objectContaining({ tokenId: 0, claimed: false })]);

    const again = await zklite("zklite-exit", ["claim", "--address", alice.address(), "--token", "ETH"]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("EXODUS_ALREADY_CLAIMED");

    const chain = await restoredChain();
    const circuit = loadKeySet(devnet.keySetPath, "prove").exit;
    if (circuit === undefined) throw new Error("no exit circuit in the key set");
    const bobId = chain.state.tree.accountIdByAddress(bob.address()) as number;
    const bobExit = await proveExit(chain.state, bobId, 0, circuit);
    const aliceId = chain.state.tree.accountIdByAddress(alice.address()) as number;
    await expect(client().claim(chain.lastBlock, { ...bobExit, claim: { ...bobExit.claim, amount: bobExit.claim.amount + 1n } })).rejects.toMatchObject({
      code: "EXODUS_L1_REFUSED",
      message: expect.stringContaining("InvalidExitProof"),
    });
    // bob's proof for the operator's account (0, which holds the fees and was not claimed)
    const operator = chain.state.account(0)?.address as string;
    await expect(client().claim(chain.lastBlock, { ...bobExit, claim: { ...bobExit.claim, accountId: 0, owner: operator } })).rejects.toMatchObject({
      message: expect.stringContaining("InvalidExitProof"),
    });
    expect(aliceId).not.toBe(bobId);
    await expect(client().claim(chain.lastBlock, { ...bobExit, claim: { ...bobExit.claim, owner: carol.address().toLowerCase() } })).rejects.toMatchObject({
      message: expect.stringContaining("InvalidExitProof"),
    });

    // bob proves his own exit in headless Chromium with @zklite/prover's browser entry point: the contract accepts it
    const harness = await startBrowserProverHarness({ "/keys/exit.wasm": circuit.wasmPath, "/keys/exit.zkey": circuit.zkeyPath });
    let browserProof: unknown;
    try {
      const input = JSON.parse(JSON.stringify(buildExitWitness(chain.state.tree, bobId, 0).input, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value))) as Record<string, unknown>;
      const result = await harness.prove({ wasmUrl: "/keys/exit.wasm", zkeyUrl: "/keys/exit.zkey", input });
      if (!result.ok) throw new Error(`the browser prover refused: ${result.code}: ${result.message}`);
      console.log(`[exodus] bob's exit proved in Chromium in ${(result.ms / 1000).toFixed(1)} s (${harness.browserVersion})`);
      browserProof = result.proof;
    } finally {
      await harness.close();
    }
    // sent by bob's SDK Wallet with the snarkjs proof as the browser made it
    await (await bob.performExodus({ storedBlockInfo: chain.lastBlock, claim: bobExit.claim, proof: browserProof })).wait();
    expect(await client().pendingBalance(bob.address())).toBe(bobExit.claim.amount);

    expect(await client().pendingBalance(carol.address())).toBe(0n);
    const cancelled = await json("zklite-exit", ["cancel-deposits"]);
    expect(cancelled).toMatchObject({ requests: 1, deposits: 1 });
    expect(await client().pendingBalance(carol.address())).toBe(parseEther("0.5"));
    const none = await zklite("zklite-exit", ["cancel-deposits"]);
    expect(none.stderr).toContain("NoPriorityRequestsToCancel");
    expect(await client().pendingBalance(carol.address(), ZeroAddress)).toBe(parseEther("0.5"));
  }, VERIFY_MS);
});
