/**
 * The SDK `Wallet` end to end, as zksync.js users drive it: a real Hardhat L1 with the contracts and a zkLite node
 * process, every step through `Wallet` (no hand-built transactions): ETH and ERC-20 deposits (with approval), signing
 * keys by ECDSA, EIP-712, Onchain (refused without the L1 authorization, accepted once eth-watch confirmed it) and
 * CREATE2, transfers to existing and new accounts, a batch with its fee in one transaction, an NFT
 * minted and transferred, a swap, a withdrawal (until "committed": L1 execution needs the eth-sender), a forced exit,
 * a full exit request on L1; bad input refused with typed errors.
 */
import { isZkLiteError, Signer, submitSignedTransactionsBatch, tokenRatio, Wallet, type ETHOperation, type Transaction } from "@zklite/sdk";
import { hexlify, JsonRpcProvider, Network, parseEther, randomBytes, Wallet as EthersWallet } from "ethers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDevnet, type TestDevnet } from "./testing/devnet.js";

const WAIT_MS = 60_000;

/** The code of the ZkLiteError `action` throws (fails the test if it resolves or throws anything else). */
async function errorCode(action: () => Promise<unknown>): Promise<string> {
  try {
    await action();
  } catch (error) {
    if (isZkLiteError(error)) return error.code;
    throw error;
  }
  throw new Error("expected a ZkLiteError, the action succeeded");
}

describe("Wallet against a node and a Hardhat L1", () => {
  let devnet: TestDevnet;
  let alice: Wallet;
  let bob: Wallet;
  let carol: Wallet;

  /** Mines the L1 blocks the node's confirmation depth needs, then waits for the node to execute the operation. */
  async function executed(op: ETHOperation) {
    await op.awaitEthereumTxCommit();
    await devnet.l1.mine(2);
    return op.awaitReceipt(WAIT_MS);
  }

  async function committed(tx: Transaction) {
    const receipt = await tx.awaitReceipt(WAIT_MS);
    expect(receipt.status, String(receipt.failReason)).toBe("committed");
    return receipt;
  }

  beforeAll(async () => {
    devnet = await startDevnet();
    [alice, bob, carol] = (await Promise.all([1, 2, 3].map(async (i) => Wallet.fromEthSigner(await devnet.l1.signer(i), devnet.provider)))) as [Wallet, Wallet, Wallet];
  }, 240_000);

  afterAll(async () => {
    await devnet?.close();
  });

  it("deposits ETH and an ERC-20 (approval first, or approving the amount) from L1", async () => {
    const ethDeposit = await alice.depositToSyncFromEthereum({ depositTo: alice.address(), token: "ETH", amount: parseEther("5") });
    const status = await executed(ethDeposit);
    expect(status.status).toBe("committed");
    expect(ethDeposit.priorityOpId).toBeTypeOf("bigint");
    expect(await alice.getBalance("ETH")).toBe(parseEther("5"));
    expect(await alice.getAccountId()).toBeTypeOf("number");

    expect(await bob.isERC20DepositsApproved("DAI")).toBe(false);
    await (await bob.approveERC20TokenDeposits("DAI")).wait();
    expect(await bob.isERC20DepositsApproved("DAI")).toBe(true);
    const l1DaiBefore = await bob.getEthereumBalance("DAI");
    await executed(await bob.depositToSyncFromEthereum({ depositTo: bob.address(), token: "DAI", amount: parseEther("1000") }));
    await executed(await bob.depositToSyncFromEthereum({ depositTo: bob.address(), token: "ETH", amount: parseEther("2") }));
    expect(await bob.getBalance("DAI")).toBe(parseEther("1000"));
    expect(await bob.getEthereumBalance("DAI")).toBe(l1DaiBefore - parseEther("1000"));

    // the exact amount approved with the deposit; the allowance is then used up
    await executed(await carol.depositToSyncFromEthereum({ depositTo: carol.address(), token: "DAI", amount: parseEther("500"), approveDepositAmountForERC20: true }));
    await executed(await carol.depositToSyncFromEthereum({ depositTo: carol.address(), token: "ETH", amount: parseEther("1") }));
    expect(await carol.getBalance(1)).toBe(parseEther("500"));
    expect(await carol.isERC20DepositsApproved("DAI", 1n)).toBe(false);
  }, 240_000);

  it("sets signing keys with ECDSA, EIP-712 and an Onchain authorization (refused before it is on L1)", async () => {
    expect(await alice.isSigningKeySet()).toBe(false);
    await committed(await alice.setSigningKey({ feeToken: "ETH", ethAuthType: "ECDSA" }));
    expect(await alice.isSigningKeySet()).toBe(true);
    expect(await alice.isCorrespondingSigningKeySet()).toBe(true);
    expect(await errorCode(() => alice.setSigningKey({ feeToken: "ETH", ethAuthType: "ECDSA" }))).toBe("SIGNING_KEY_ALREADY_SET");

    await committed(await bob.setSigningKey({ feeToken: "DAI", ethAuthType: "EIP712" }));
    expect(await bob.isCorrespondingSigningKeySet()).toBe(true);

    // Onchain: without an authorization on L1 the node refuses it with the executor's ONCHAIN_AUTH_FACT_MISSING
    const unauthorized = await carol.setSigningKey({ feeToken: "ETH", ethAuthType: "Onchain" }).then(
      (tx) => tx.awaitReceipt(WAIT_MS).then(() => undefined, (error: unknown) => error),
      (error: unknown) => error,
    );
    expect(isZkLiteError(unauthorized), String(unauthorized)).toBe(true);
    expect(`${(unauthorized as Error & { code: string }).code} ${(unauthorized as Error).message}`).toContain("ONCHAIN_AUTH_FACT_MISSING");
    expect(await carol.isSigningKeySet()).toBe(false);
    // the authorization lands on L1 (setAuthPubkeyHash); once eth-watch confirmed it (a deposit sent after it has
    // executed), the same key change goes through
    expect(await carol.isOnchainAuthSigningKeySet()).toBe(false);
    await (await carol.onchainAuthSigningKey()).wait();
    expect(await carol.isOnchainAuthSigningKeySet()).toBe(true);
    await executed(await carol.depositToSyncFromEthereum({ depositTo: carol.address(), token: "ETH", amount: 1n }));
    await committed(await carol.setSigningKey({ feeToken: "DAI", ethAuthType: "Onchain" }));
    expect(await carol.isCorrespondingSigningKeySet()).toBe(true);
  }, 240_000);

  it("sets the key of a CREATE2 wallet funded by a transfer to its (new) address", async () => {
    const syncSigner = Signer.fromPrivateKey(new Uint8Array(randomBytes(32)).map((byte, i) => (i === 0 ? (byte & 0x03) | 0x01 : byte)));
    const create2 = await Wallet.fromCreate2Data(
      syncSigner,
      devnet.provider,
      { creatorAddress: hexlify(randomBytes(20)), saltArg: hexlify(randomBytes(32)), codeHash: hexlify(randomBytes(32)) },
      undefined,
      devnet.l1.provider,
    );
    await committed(await alice.syncTransfer({ to: create2.address(), token: "ETH", amount: parseEther("0.1") }));
    expect(await create2.isSigningKeySet()).toBe(false);
    await committed(await create2.setSigningKey({ feeToken: "ETH", ethAuthType: "CREATE2" }));
    expect(await create2.isCorrespondingSigningKeySet()).toBe(true);
    // a CREATE2 wallet cannot sign ECDSA authorizations (nor L1 transactions)
    expect(await errorCode(() => create2.signSetSigningKey({ feeToken: "ETH", fee: 0, nonce: 1, ethAuthType: "ECDSA" }))).toBe("ETH_SIGNER_CANNOT_SIGN");
    expect(await create2.getEthereumBalance("ETH")).toBe(0n);
  }, 120_000);

  it("transfers to an existing and to a new account, fees asked from the node", async () => {
    const dave = EthersWallet.createRandom();
    const fee = (await devnet.provider.getTransactionFee("Transfer", bob.address().toLowerCase(), "ETH")).totalFeeBigInt;
    const aliceBefore = await alice.getBalance("ETH");
    const bobBefore = await bob.getBalance("ETH");
    // zksync.js semantics: the default nonce is the committed one, so back-to-back sends give the next nonce explicitly
    const nonce = await alice.getNonce();
    const toBob = await alice.syncTransfer({ to: bob.address(), token: "ETH", amount: parseEther("0.25") });
    const toDave = await alice.syncTransfer({ to: dave.address, token: "ETH", amount: parseEther("0.5"), nonce: nonce + 1 });
    await committed(toBob);
    await committed(toDave);
    expect(await bob.getBalance("ETH")).toBe(bobBefore + parseEther("0.25"));
    const daveState = await devnet.provider.getState(dave.address);
    expect(daveState.id).not.toBeNull();
    expect(daveState.committed.balances["0"]).toBe(parseEther("0.5").toString());
    const toNewFee = BigInt(String(toDave.txData.tx.fee));
    expect(toNewFee).toBeGreaterThan(fee);
    expect(await alice.getBalance("ETH")).toBe(aliceBefore - parseEther("0.75") - fee - toNewFee);
  }, 120_000);

  it("builds and submits a batch with the whole fee on its last transaction", async () => {
    const nonce = await alice.getNonce();
    const { txs, signature, totalFee } = await alice
      .batchBuilder()
      .addTransfer({ to: bob.address(), token: "ETH", amount: parseEther("0.01") })
      .addTransfer({ to: carol.address(), token: "ETH", amount: parseEther("0.02") })
      .addWithdraw({ ethAddress: alice.address(), token: "ETH", amount: parseEther("0.03") })
      .build("ETH");
    expect(txs.map((signed) => signed.tx.nonce)).toEqual([nonce, nonce + 1, nonce + 2]);
    expect(txs.slice(0, 2).map((signed) => signed.tx.fee)).toEqual(["0", "0"]);
    const quoted = await devnet.provider.getTransactionsBatchFee(["Transfer", "Transfer", "Withdraw"], [bob.address(), carol.address(), alice.address()].map((a) => a.toLowerCase()), "ETH");
    expect(totalFee.get("ETH")).toBe(quoted);
    expect(signature?.type).toBe("EthereumSignature");
    const handles = await submitSignedTransactionsBatch(devnet.provider, txs, signature === undefined ? [] : [signature]);
    const receipts = await Promise.all(handles.map((handle) => handle.awaitReceipt(WAIT_MS)));
    expect(new Set(receipts.map((receipt) => receipt.blockNumber)).size).toBe(1);
    expect(receipts.every((receipt) => receipt.batchHash !== null && receipt.status === "committed")).toBe(true);

    // a transfer in DAI with the batch fee in ETH: a zero transfer to self is appended to carry it
    const daiBatch = await bob.batchBuilder().addTransfer({ to: alice.address(), token: "DAI", amount: parseEther("1") }).build("ETH");
    expect(daiBatch.txs).toHaveLength(2);
    expect(daiBatch.txs[1]?.tx).toMatchObject({ to: bob.address(), token: 0, amount: "0" });
    const daiHandles = await submitSignedTransactionsBatch(devnet.provider, daiBatch.txs, daiBatch.signature === undefined ? [] : [daiBatch.signature]);
    for (const handle of daiHandles) await committed(handle);
    expect(await alice.getBalance("DAI")).toBe(parseEther("1"));
  }, 120_000);

  it("mints an NFT, transfers it (fee paid in a second transfer) and signs its withdrawal", async () => {
    const contentHash = hexlify(randomBytes(32));
    await committed(await alice.mintNFT({ recipient: alice.address(), contentHash, feeToken: "ETH" }));
    const nft = Object.values((await alice.getAccountState()).committed.nfts).find((token) => token.contentHash === contentHash);
    expect(nft, "the minted NFT in alice's state").toBeDefined();
    expect(await alice.getNFT(nft!.id)).toMatchObject({ contentHash, creatorAddress: alice.address().toLowerCase() });
    const [nftTransfer, feeTransfer] = await alice.syncTransferNFT({ to: bob.address(), token: nft!, feeToken: "ETH" });
    await committed(nftTransfer!);
    await committed(feeTransfer!);
    expect(await bob.getNFT(nft!.id)).toMatchObject({ id: nft!.id, contentHash });
    expect(await alice.getNFT(nft!.id)).toBeUndefined();

    await committed(await bob.withdrawNFT({ to: bob.address(), token: nft!.id, feeToken: "DAI" }));
    expect(await bob.getNFT(nft!.id)).toBeUndefined();
  }, 120_000);

  it("swaps ETH for DAI between two makers, submitted by a third account", async () => {
    const orderA = await alice.signOrder({ tokenSell: "ETH", tokenBuy: "DAI", amount: parseEther("0.01"), ratio: tokenRatio({ ETH: 1, DAI: 1000 }) });
    const orderB = await bob.getOrder({ tokenSell: "DAI", tokenBuy: "ETH", amount: parseEther("10"), ratio: tokenRatio({ DAI: 1000, ETH: 1 }) });
    expect(orderA.ethSignature?.type).toBe("EthereumSignature");
    const [aliceEth, aliceDai, bobEth, bobDai] = [await alice.getBalance("ETH"), await alice.getBalance("DAI"), await bob.getBalance("ETH"), await bob.getBalance("DAI")];
    await committed(await carol.syncSwap({ orders: [orderA, orderB], feeToken: "DAI" }));
    expect(await alice.getBalance("ETH")).toBe(aliceEth - parseEther("0.01"));
    expect(await alice.getBalance("DAI")).toBe(aliceDai + parseEther("10"));
    expect(await bob.getBalance("ETH")).toBe(bobEth + parseEther("0.01"));
    expect(await bob.getBalance("DAI")).toBe(bobDai - parseEther("10"));
    // a limit order leaves the amounts to the submitter
    const limit = await alice.signLimitOrder({ tokenSell: "ETH", tokenBuy: "DAI", ratio: tokenRatio({ ETH: 1, DAI: 1000 }) });
    expect(await errorCode(() => carol.syncSwap({ orders: [limit, orderB], feeToken: "DAI" }))).toBe("SWAP_AMOUNTS_REQUIRED");
  }, 120_000);

  it("withdraws to L1 until committed; the pending balance waits for the eth-sender", async () => {
    const before = await bob.getBalance("ETH");
    const withdrawal = await bob.withdrawFromSyncToEthereum({ ethAddress: bob.address(), token: "ETH", amount: parseEther("0.5") });
    const receipt = await committed(withdrawal);
    expect(receipt.blockNumber).toBeTypeOf("number");
    const fee = BigInt(String(withdrawal.txData.tx.fee));
    expect(await bob.getBalance("ETH")).toBe(before - parseEther("0.5") - fee);
    // no eth-sender in this node yet: the block is not executed on L1, so neither is the withdrawal
    expect(await errorCode(() => withdrawal.awaitVerifyReceipt(3_000))).toBe("TIMEOUT");
    expect(await bob.getPendingBalance("ETH")).toBe(0n);
    expect(await errorCode(() => bob.withdrawPendingBalance({ token: "ETH", amount: 1n }))).toBe("L1_TRANSACTION_FAILED");
  }, 120_000);

  it("forces the exit of an account without a signing key", async () => {
    const erin = EthersWallet.createRandom();
    await committed(await alice.syncTransfer({ to: erin.address, token: "ETH", amount: parseEther("0.2") }));
    const exit = await alice.syncForcedExit({ target: erin.address, token: "ETH" });
    await committed(exit);
    expect((await devnet.provider.getState(erin.address)).committed.balances["0"] ?? "0").toBe("0");
    // bob has a key: refused by the node
    expect(await errorCode(() => alice.syncForcedExit({ target: bob.address(), token: "ETH" }))).toBe("FORCED_EXIT_NOT_ALLOWED");
  }, 120_000);

  it("requests a full exit on L1 and the node executes it", async () => {
    const daiBefore = await carol.getBalance("DAI");
    expect(daiBefore).toBeGreaterThan(0n);
    const op = await carol.emergencyWithdraw({ token: "DAI" });
    const status = await executed(op);
    expect(status.opType).toBe("FullExit");
    expect(await carol.getBalance("DAI")).toBe(0n);
    expect(await errorCode(() => op.awaitVerifyReceipt(2_000))).toBe("TIMEOUT");
  }, 120_000);

  it("refuses bad input with typed errors", async () => {
    const to = bob.address();
    expect(await errorCode(() => alice.syncTransfer({ to, token: "ETH", amount: "one", fee: 0 }))).toBe("INVALID_AMOUNT");
    expect(await errorCode(() => alice.syncTransfer({ to, token: "NOPE", amount: 1n, fee: 0 }))).toBe("UNKNOWN_TOKEN");
    expect(await errorCode(() => alice.syncTransfer({ to, token: "ETH", amount: -1, fee: 0 }))).toBe("INVALID_ARGUMENT");
    expect(await errorCode(() => alice.syncTransfer(null as never))).toBe("INVALID_ARGUMENT");
    expect(await errorCode(() => alice.syncTransfer({ to, token: "ETH", amount: 1n, fee: 0, nonce: 0 }))).toMatch(/NONCE|FEE/);
    // accepted by the mempool, fails in the block: the handle throws TRANSACTION_FAILED with the node's code
    const tooMuch = await alice.syncTransfer({ to, token: "ETH", amount: parseEther("1000000") });
    expect(await errorCode(() => tooMuch.awaitReceipt(WAIT_MS))).toBe("TRANSACTION_FAILED");
    expect(tooMuch.state).toBe("Failed");
    expect(tooMuch.error?.message).toMatch(/INSUFFICIENT|BALANCE/i);
    expect(await errorCode(() => alice.withdrawNFT({ to, token: 1, feeToken: "ETH" }))).toBe("NOT_AN_NFT");
    expect(await errorCode(() => alice.approveERC20TokenDeposits("ETH"))).toBe("ETH_NEEDS_NO_APPROVAL");
    expect(await errorCode(() => alice.batchBuilder().build())).toBe("EMPTY_BATCH");
    expect(await errorCode(() => alice.batchBuilder().addTransfer({ to, token: "ETH", amount: 1n, fee: 5n }).build("ETH"))).toBe("BATCH_FEES_NOT_ZERO");
    expect(await errorCode(() => alice.depositToSyncFromEthereum({ depositTo: "nobody", token: "ETH", amount: 1n }))).toBe("INVALID_ADDRESS");
    expect(await errorCode(() => alice.depositToSyncFromEthereum({ depositTo: to, token: "ETH", amount: 0n }))).toBe("L1_TRANSACTION_FAILED");

    const stranger = await Wallet.fromEthSigner(EthersWallet.createRandom().connect(devnet.l1.provider), devnet.provider);
    expect(await errorCode(() => stranger.syncTransfer({ to, token: "ETH", amount: 1n, fee: 0 }))).toBe("ACCOUNT_NOT_FOUND");
    expect(await errorCode(() => stranger.emergencyWithdraw({ token: "ETH" }))).toBe("ACCOUNT_NOT_FOUND");
    const keyless = await Wallet.fromEthSignerNoKeys(await devnet.l1.signer(1), devnet.provider);
    expect(await errorCode(() => keyless.syncTransfer({ to, token: "ETH", amount: 1n, fee: 0 }))).toBe("NO_SYNC_SIGNER");
    const otherChain = new JsonRpcProvider(devnet.l1.url, undefined, { staticNetwork: Network.from(1) });
    expect(await errorCode(() => Wallet.fromEthSigner(EthersWallet.createRandom().connect(otherChain), devnet.provider))).toBe("NETWORK_MISMATCH");
    otherChain.destroy();
  }, 120_000);
});
