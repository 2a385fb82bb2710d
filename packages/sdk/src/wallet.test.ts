// The Wallet over an in-memory node: fees and nonces asked from the node when not given, what is submitted, the
// Ethereum signatures of each authorization type, and typed errors for bad input (with a fuzz of every method).
// Byte-identity with zksync.js's Wallet is tested in packages/zksync-oracle-tests (src/differential/wallet.test.ts);
// the Wallet against a real node and L1 in packages/node/src/wallet.test.ts.
import fc from "fast-check";
import { Wallet as EthersWallet, getBytes, verifyMessage, verifyTypedData } from "ethers";
import { beforeEach, describe, expect, it } from "vitest";
import { getChangePubKeyTypedData, getChangePubkeyMessage, getCreate2AddressAndSalt, isZkLiteError } from "@zklite/protocol";
import { codeOf } from "./testing/error-code.js";
import { memoryProvider, type MemoryProvider } from "./testing/memory-provider.js";
import { tokenRatio } from "./ratio.js";
import { Signer } from "./signer.js";
import { Wallet } from "./wallet.js";


const BOB = "0x" + "b0".repeat(20);
const BOB_CHECKSUMMED = "0xB0b0B0b0b0B0b0b0b0b0B0b0b0b0B0b0b0B0B0b0";

describe("Wallet (in-memory node)", () => {
  const eth = EthersWallet.createRandom();
  let provider: MemoryProvider;
  let wallet: Wallet;

  beforeEach(async () => {
    provider = memoryProvider(eth.address);
    wallet = await Wallet.fromEthSigner(eth, provider);
  });

  it("asks the node for the fee (recipient lowercased) and the nonce, then submits the transfer with its eth signature", async () => {
    const handle = await wallet.syncTransfer({ to: BOB_CHECKSUMMED, token: "DAI", amount: 10n ** 18n });
    expect(provider.feeQueries).toEqual([{ txType: "Transfer", address: BOB, token: "DAI" }]);
    const [{ tx, signature }] = provider.submitted as [{ tx: Record<string, unknown>; signature: { signature: string } }];
    expect(tx).toMatchObject({ type: "Transfer", accountId: 7, from: eth.address, to: BOB_CHECKSUMMED, token: 1, amount: "1000000000000000000", fee: "1000", nonce: 3 });
    expect(verifyMessage(`Transfer 1.0 DAI to: ${BOB}\nFee: 0.000000000000001 DAI\nNonce: 3`, signature.signature)).toBe(eth.address);
    expect(handle.txData.tx).toBe(tx);
  });

  it("prices each ChangePubKey type, signs ECDSA and EIP-712 authorizations by the owner, refuses a key already set", async () => {
    const pubKeyHash = await wallet.syncSignerPubKeyHash();
    await wallet.setSigningKey({ feeToken: "ETH", ethAuthType: "ECDSA" });
    await wallet.setSigningKey({ feeToken: "ETH", ethAuthType: "EIP712" });
    await wallet.setSigningKey({ feeToken: "ETH", ethAuthType: "Onchain" });
    expect(provider.feeQueries.map((query) => query.txType)).toEqual([{ ChangePubKey: "ECDSA" }, { ChangePubKey: "EIP712" }, { ChangePubKey: "Onchain" }]);
    const [ecdsa, eip712, onchain] = provider.submitted.map((item) => item.tx as { newPkHash: string; ethAuthData: { type: string; ethSignature?: string } });
    expect(ecdsa?.newPkHash).toBe(pubKeyHash);
    expect(verifyMessage(getChangePubkeyMessage(pubKeyHash, 3, 7), ecdsa!.ethAuthData.ethSignature!)).toBe(eth.address);
    const typed = getChangePubKeyTypedData(pubKeyHash, 3, 7, 1);
    expect(verifyTypedData(typed.domain, typed.types, typed.message, eip712!.ethAuthData.ethSignature!)).toBe(eth.address);
    expect(onchain?.ethAuthData).toEqual({ type: "Onchain" });
    expect(provider.submitted.every((item) => item.signature === null)).toBe(true);
    expect(getBytes(getChangePubkeyMessage(pubKeyHash, 3, 7))).toHaveLength(60);

    provider.account.pubKeyHash = pubKeyHash;
    expect(await wallet.isCorrespondingSigningKeySet()).toBe(true);
    expect(await codeOf(() => wallet.setSigningKey({ feeToken: "ETH", ethAuthType: "ECDSA" }))).toBe("SIGNING_KEY_ALREADY_SET");
    expect(await codeOf(() => wallet.setSigningKey({ feeToken: "ETH", ethAuthType: "CREATE2" }))).toBe("UNSUPPORTED_AUTH_TYPE");
    expect(await codeOf(() => wallet.setSigningKey({ feeToken: "ETH", ethAuthType: "ECDSALegacyMessage" as never }))).toBe("UNSUPPORTED_AUTH_TYPE");
  });

  it("prices fast withdrawals as such and marks them fast", async () => {
    await wallet.withdrawFromSyncToEthereum({ ethAddress: BOB, token: "ETH", amount: 5n, fastProcessing: true });
    expect(provider.feeQueries[0]?.txType).toBe("FastWithdraw");
    expect(provider.submitted[0]?.tx).toMatchObject({ type: "Withdraw", fast: true, to: BOB, amount: "5" });
  });

  it("reads balances by token id from the account state", async () => {
    provider.account.balances = { "0": "1000", "1": "25" };
    expect(await wallet.getBalance("ETH")).toBe(1000n);
    expect(await wallet.getBalance("DAI")).toBe(25n);
    expect(await wallet.getBalance("USDC")).toBe(0n);
    expect(await wallet.getBalance("DAI", "verified")).toBe(0n);
    expect(await wallet.isSigningKeySet()).toBe(false);
  });

  it("signs orders with the token ratio in smallest units and submits swaps with all three signatures", async () => {
    const order = await wallet.signOrder({ tokenSell: "ETH", tokenBuy: "USDC", amount: 10n ** 18n, ratio: tokenRatio({ ETH: 1, USDC: "2000.5" }) });
    expect(order.ratio).toEqual(["1000000000000000000", "2000500000"]);
    expect(verifyMessage(`Order for 1.0 ETH -> USDC\nRatio: 1000000000000000000:2000500000\nAddress: ${eth.address.toLowerCase()}\nNonce: 3`, order.ethSignature!.signature)).toBe(eth.address);
    const limit = await wallet.signLimitOrder({ tokenSell: "USDC", tokenBuy: "ETH", ratio: tokenRatio({ USDC: 1, ETH: 1 }) });
    expect(limit.amount).toBe("0");
    expect(await codeOf(() => wallet.syncSwap({ orders: [order, limit], feeToken: "ETH" }))).toBe("SWAP_AMOUNTS_REQUIRED");
    await wallet.syncSwap({ orders: [order, limit], feeToken: "ETH", amounts: [10n ** 18n, 2000n] });
    const [{ signature }] = provider.submitted as unknown as [{ signature: unknown[] }];
    expect(signature).toHaveLength(3);
    expect(signature.slice(1)).toEqual([order.ethSignature, limit.ethSignature]);
    expect(await codeOf(() => wallet.signOrder({ tokenSell: "ETH", tokenBuy: "DAI", amount: 1n, ratio: tokenRatio({ ETH: 1, USDC: 1 }) }))).toBe("INVALID_ARGUMENT");
  });

  it("transfers an NFT with zero fee, the batch fee paid by a transfer to self, one signature", async () => {
    await wallet.syncTransferNFT({ to: BOB, token: { id: 70_000 }, feeToken: "ETH" });
    expect(provider.batchFeeQueries[0]).toEqual({ txTypes: ["Transfer", "Transfer"], addresses: [BOB, eth.address.toLowerCase()], token: "ETH" });
    const [batch] = provider.batches as [{ txs: { tx: Record<string, unknown> }[]; signatures: unknown[] }];
    expect(batch.txs.map((item) => [item.tx.token, item.tx.amount, item.tx.fee])).toEqual([[70_000, "1", "0"], [0, "0", "5000"]]);
    expect(batch.signatures).toHaveLength(1);
    expect(await codeOf(() => wallet.syncTransferNFT({ to: BOB, token: { id: 5 }, feeToken: "ETH" }))).toBe("NOT_AN_NFT");
  });

  it("builds CREATE2 wallets: the address from the key and data, no eth signatures, CREATE2 authorization", async () => {
    const signer = await Signer.fromSeed(new Uint8Array(32).fill(5));
    const data = { creatorAddress: BOB, saltArg: "0x" + "01".repeat(32), codeHash: "0x" + "02".repeat(32) };
    const create2 = await Wallet.fromCreate2Data(signer, provider, data);
    expect(create2.address()).toBe(getCreate2AddressAndSalt(await signer.pubKeyHash(), data).address);
    const transfer = await create2.signSyncTransfer({ to: BOB, token: "ETH", amount: 1n, fee: 0n, nonce: 0 });
    expect(transfer.ethereumSignature).toBeNull();
    const changePubKey = await create2.signSetSigningKey({ feeToken: "ETH", fee: 0n, nonce: 0, ethAuthType: "CREATE2" });
    expect(changePubKey.tx.ethAuthData).toEqual({ type: "CREATE2", ...data });
    expect(await codeOf(() => create2.signSetSigningKey({ feeToken: "ETH", fee: 0n, nonce: 0, ethAuthType: "ECDSA" }))).toBe("ETH_SIGNER_CANNOT_SIGN");
  });

  it("refuses what it cannot do with typed errors", async () => {
    const seeded = await Signer.fromSeed(new Uint8Array(32).fill(1));
    expect(await codeOf(() => Wallet.fromEthSigner(eth, provider, seeded))).toBe("INVALID_ARGUMENT");
    expect(await codeOf(() => Wallet.fromEthSigner({} as never, provider))).toBe("INVALID_ARGUMENT");
    const keyless = await Wallet.fromEthSignerNoKeys(eth, provider);
    expect(await codeOf(() => keyless.syncTransfer({ to: BOB, token: "ETH", amount: 1n }))).toBe("NO_SYNC_SIGNER");
    expect(await codeOf(() => keyless.isSigningKeySet())).toBe("NO_SYNC_SIGNER");
    provider.account.id = null;
    expect(await codeOf(() => wallet.syncTransfer({ to: BOB, token: "ETH", amount: 1n }))).toBe("ACCOUNT_NOT_FOUND");
    expect(await codeOf(() => wallet.getEthereumBalance("ETH"))).toBe("NETWORK_MISMATCH");
    expect(await codeOf(() => wallet.approveERC20TokenDeposits("ETH"))).toBe("ETH_NEEDS_NO_APPROVAL");
    expect(await codeOf(() => wallet.withdrawNFT({ to: BOB, token: 3, feeToken: "ETH" }))).toBe("NOT_AN_NFT");
    expect(await codeOf(() => wallet.emergencyWithdrawNFT({ tokenId: 3 }))).toBe("NOT_AN_NFT");
  });

  it("never lets anything but a ZkLiteError out on random bad arguments", async () => {
    provider.account.id = 7;
    const junk = fc.oneof(fc.constant(undefined), fc.constant(null), fc.integer(), fc.double(), fc.string(), fc.bigInt(), fc.constant({}), fc.constant([]), fc.constant("0x" + "ab".repeat(20)));
    const args = fc.record({ to: junk, token: junk, amount: junk, fee: junk, nonce: junk, ethAddress: junk, target: junk, feeToken: junk, recipient: junk, contentHash: junk, ethAuthType: junk, tokenSell: junk, tokenBuy: junk, ratio: junk, orders: junk, amounts: junk, depositTo: junk }, { requiredKeys: [] });
    // valid arguments of every method at once, with one field replaced by junk
    const valid: Record<string, unknown> = { to: BOB, token: "ETH", amount: 1n, fee: 0n, nonce: 3, ethAddress: BOB, target: BOB, feeToken: "DAI", recipient: BOB, contentHash: "0x" + "11".repeat(32), ethAuthType: "ECDSA", tokenSell: "ETH", tokenBuy: "DAI", ratio: tokenRatio({ ETH: 1, DAI: 2 }), amounts: [1n, 1n], depositTo: BOB };
    const corrupted = fc.tuple(fc.constantFrom(...Object.keys(valid)), junk).map(([key, value]) => ({ ...valid, [key]: value }));
    const methods = ["signSyncTransfer", "syncTransfer", "signSetSigningKey", "signWithdrawFromSyncToEthereum", "signSyncForcedExit", "signMintNFT", "signWithdrawNFT", "signOrder", "syncSwap", "depositToSyncFromEthereum", "emergencyWithdraw", "getBalance"] as const;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...methods), fc.oneof(args, junk, corrupted), async (method, input) => {
        try {
          await (wallet[method] as (arg: unknown) => Promise<unknown>).call(wallet, input);
        } catch (error) {
          expect(isZkLiteError(error), `${method}: ${String(error)}`).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
  });
});
