/**
 * The rollup loop end to end with real proofs, as `npm start` runs it: a Hardhat L1 whose verifiers are the
 * Solidity verifiers of the 12-chunk production block circuit (24/32) and of the exit circuit, the node
 * (PostgreSQL; state keeper → witness generator → prover jobs → eth-sender) and real `zklite-prover-worker`
 * processes. Everything a user does goes through the SDK `Wallet`: deposits of ETH and an ERC-20, signing keys,
 * transfers to existing and new accounts, a batch, an NFT minted and transferred, a swap, a withdrawal paid out on
 * L1 by `withdrawPendingBalance`, a forced exit and a full exit. A prover is killed with SIGKILL in the middle of a
 * proof and its job goes to another. At the end every block is proven with a Groth16 proof and executed on L1,
 * and L1's stored block hashes are those of the node's blocks (so L1's state root is the node's).
 */
import { ZkLite__factory } from "@zklite/contracts";
import { countPriorityOperations, pendingOnchainOperationsHash, storedBlockInfoHash, toHex } from "@zklite/protocol";
import { submitSignedTransactionsBatch, tokenRatio, Wallet, type ETHOperation, type Transaction } from "@zklite/sdk";
import { hexlify, parseEther, randomBytes, Wallet as EthersWallet } from "ethers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startProvingDevnet, type ProvingDevnet } from "./testing/proving-devnet.js";
import { waitFor } from "./testing/wait-for.js";

/** Proving a 12-chunk block takes 15–40 s on 2 loaded cores; an operation waits for its block and the ones before. */
const VERIFY_MS = 10 * 60_000;
const COMMIT_MS = 60_000;
/** First run on a machine: compiling the 12-chunk circuit and the exit circuit and their keys (several minutes). */
const SETUP_MS = 30 * 60_000;

describe("rollup loop with real proofs", () => {
  let devnet: ProvingDevnet;
  let alice: Wallet;
  let bob: Wallet;
  let carol: Wallet;

  async function committed(tx: Transaction) {
    const receipt = await tx.awaitReceipt(COMMIT_MS);
    expect(receipt.status, String(receipt.failReason)).toBe("committed");
    return receipt;
  }

  async function deposited(op: ETHOperation) {
    await op.awaitEthereumTxCommit();
    await devnet.l1.mine(2);
    return op.awaitReceipt(COMMIT_MS);
  }

  beforeAll(async () => {
    devnet = await startProvingDevnet();
    devnet.startWorker("first");
    [alice, bob, carol] = (await Promise.all([1, 2, 3].map(async (i) => Wallet.fromEthSigner(await devnet.l1.signer(i), devnet.provider)))) as [Wallet, Wallet, Wallet];
  }, SETUP_MS);

  afterAll(async () => {
    await devnet?.close();
  });

  it("deposits ETH and DAI from L1 and sets signing keys (ECDSA, EIP-712)", async () => {
    await deposited(await alice.depositToSyncFromEthereum({ depositTo: alice.address(), token: "ETH", amount: parseEther("5") }));
    await deposited(await bob.depositToSyncFromEthereum({ depositTo: bob.address(), token: "ETH", amount: parseEther("2") }));
    await deposited(await bob.depositToSyncFromEthereum({ depositTo: bob.address(), token: "DAI", amount: parseEther("1000"), approveDepositAmountForERC20: true }));
    await deposited(await carol.depositToSyncFromEthereum({ depositTo: carol.address(), token: "ETH", amount: parseEther("1") }));
    await committed(await alice.setSigningKey({ feeToken: "ETH", ethAuthType: "ECDSA" }));
    await committed(await bob.setSigningKey({ feeToken: "DAI", ethAuthType: "EIP712" }));
    await committed(await carol.setSigningKey({ feeToken: "ETH", ethAuthType: "ECDSA" }));
    expect(await bob.getBalance("DAI")).toBeLessThan(parseEther("1000"));
    expect(await alice.isCorrespondingSigningKeySet()).toBe(true);
  }, VERIFY_MS);

  it("a prover killed with SIGKILL in the middle of a proof: the job goes to another prover and the block is proven", async () => {
    const [first] = devnet.workers;
    if (first === undefined) throw new Error("no worker");
    const { prisma } = devnet.database;
    // a job the first worker holds and has started proving (its progress line says so)
    const held = await waitFor(
      async () => {
        const job = await prisma.proverJob.findFirst({ where: { proverName: "first", status: "in_progress" }, orderBy: { blockNumber: "asc" } });
        return job !== null && first.output.includes(`block ${job.blockNumber}: proving`) ? job : undefined;
      },
      VERIFY_MS,
      `the first worker proving a block:\n${first.output.slice(-2000)}`,
    );
    await first.kill();
    const second = devnet.startWorker("second");
    const proof = await waitFor(async () => (await prisma.proof.findUnique({ where: { blockNumber: held.blockNumber } })) ?? undefined, VERIFY_MS, `block ${held.blockNumber}'s proof:\n${second.output.slice(-2000)}`);
    expect(proof.proverName).toBe("second");
    expect((await prisma.proverJob.findUniqueOrThrow({ where: { id: held.id } })).attempts).toBeGreaterThanOrEqual(2);
  }, VERIFY_MS);

  it("transfers to an existing and a new account, then a batch", async () => {
    const dave = EthersWallet.createRandom();
    const nonce = await alice.getNonce();
    const toBob = await alice.syncTransfer({ to: bob.address(), token: "ETH", amount: parseEther("0.25") });
    const toDave = await alice.syncTransfer({ to: dave.address, token: "ETH", amount: parseEther("0.5"), nonce: nonce + 1 });
    await committed(toBob);
    await committed(toDave);
    expect((await devnet.provider.getState(dave.address)).committed.balances["0"]).toBe(parseEther("0.5").toString());

    const { txs, signature } = await alice
      .batchBuilder()
      .addTransfer({ to: bob.address(), token: "ETH", amount: parseEther("0.01") })
      .addTransfer({ to: carol.address(), token: "ETH", amount: parseEther("0.02") })
      .build("ETH");
    const handles = await submitSignedTransactionsBatch(devnet.provider, txs, signature === undefined ? [] : [signature]);
    const receipts = await Promise.all(handles.map((handle) => committed(handle)));
    expect(new Set(receipts.map((receipt) => receipt.blockNumber)).size).toBe(1);
  }, VERIFY_MS);

  it("mints an NFT and transfers it; swaps ETH for DAI", async () => {
    const contentHash = hexlify(randomBytes(32));
    await committed(await alice.mintNFT({ recipient: alice.address(), contentHash, feeToken: "ETH" }));
    const nft = Object.values((await alice.getAccountState()).committed.nfts).find((token) => token.contentHash === contentHash);
    if (nft === undefined) throw new Error("the minted NFT is not in alice's state");
    const [nftTransfer, feeTransfer] = await alice.syncTransferNFT({ to: bob.address(), token: nft, feeToken: "ETH" });
    await committed(nftTransfer as Transaction);
    await committed(feeTransfer as Transaction);
    expect(await bob.getNFT(nft.id)).toMatchObject({ id: nft.id, contentHash });

    const orderA = await alice.signOrder({ tokenSell: "ETH", tokenBuy: "DAI", amount: parseEther("0.01"), ratio: tokenRatio({ ETH: 1, DAI: 1000 }) });
    const orderB = await bob.signOrder({ tokenSell: "DAI", tokenBuy: "ETH", amount: parseEther("10"), ratio: tokenRatio({ DAI: 1000, ETH: 1 }) });
    const aliceDai = await alice.getBalance("DAI");
    await committed(await carol.syncSwap({ orders: [orderA, orderB], feeToken: "ETH" }));
    expect(await alice.getBalance("DAI")).toBe(aliceDai + parseEther("10"));
  }, VERIFY_MS);

  it("withdraws to L1: once the block is executed, withdrawPendingBalance pays out on L1", async () => {
    const withdrawal = await alice.withdrawFromSyncToEthereum({ ethAddress: alice.address(), token: "ETH", amount: parseEther("0.5") });
    await committed(withdrawal);
    const verified = await withdrawal.awaitVerifyReceipt(VERIFY_MS);
    expect(verified.status).toBe("executed");
    expect(await alice.getPendingBalance("ETH")).toBe(parseEther("0.5"));
    const receipt = await (await alice.withdrawPendingBalance({ token: "ETH" })).wait();
    if (receipt === null) throw new Error("withdrawPendingBalance was not mined");
    // balances at explicit blocks (a repeated "latest" read may come from ethers' request cache)
    const balanceAt = (block: number) => devnet.l1.provider.getBalance(alice.address(), block);
    const paid = (await balanceAt(receipt.blockNumber)) - (await balanceAt(receipt.blockNumber - 1));
    expect(paid).toBe(parseEther("0.5") - receipt.gasUsed * receipt.gasPrice);
    expect(await alice.getPendingBalance("ETH")).toBe(0n);
  }, VERIFY_MS);

  it("forces the exit of an account without a signing key, and executes a full exit requested on L1", async () => {
    const erin = EthersWallet.createRandom();
    await committed(await alice.syncTransfer({ to: erin.address, token: "ETH", amount: parseEther("0.2") }));
    const exit = await alice.syncForcedExit({ target: erin.address, token: "ETH" });
    await committed(exit);
    expect((await exit.awaitVerifyReceipt(VERIFY_MS)).status).toBe("executed");
    expect(await alice.getPendingBalance("ETH", erin.address)).toBe(parseEther("0.2"));

    const dai = await bob.getBalance("DAI");
    const fullExit = await bob.emergencyWithdraw({ token: "DAI" });
    await deposited(fullExit);
    await fullExit.awaitVerifyReceipt(VERIFY_MS);
    expect(await bob.getBalance("DAI")).toBe(0n);
    expect(await bob.getPendingBalance("DAI")).toBe(dai);
  }, VERIFY_MS);

  it("every block is proven and executed on L1, and L1 stores the node's blocks (its state root included)", async () => {
    const { prisma } = devnet.database;
    const last = (await prisma.chainState.findUniqueOrThrow({ where: { id: 1 } })).lastSealedBlock;
    const rollup = ZkLite__factory.connect(devnet.deployment.contracts.zkLite, await devnet.l1.contractSigner(0));
    await waitFor(async () => ((await rollup.totalBlocksExecuted()) >= BigInt(last) ? true : undefined), VERIFY_MS, `block ${last} executed on L1`);
    const blocks = await prisma.block.findMany({ where: { number: { lte: last } }, orderBy: { number: "asc" } });
    expect(blocks).toHaveLength(last);
    for (const block of blocks) {
      expect(block.proveTxHash, `block ${block.number}`).not.toBeNull();
      expect(block.executeTxHash, `block ${block.number}`).not.toBeNull();
      const publicData = new Uint8Array(block.publicData);
      const hash = storedBlockInfoHash({
        blockNumber: block.number,
        priorityOperations: countPriorityOperations(publicData),
        pendingOnchainOperationsHash: pendingOnchainOperationsHash(publicData),
        timestamp: block.timestamp,
        stateHash: block.newStateRoot,
        commitment: block.commitment,
      });
      expect(await rollup.storedBlockHashes(block.number), `block ${block.number}`).toBe(toHex(hash));
    }
    const proofs = await prisma.proof.count({ where: { blockNumber: { lte: last } } });
    expect(proofs).toBe(last);
    expect((await devnet.provider.getBlock(last))?.status).toBe("executed");
  }, VERIFY_MS);
});
