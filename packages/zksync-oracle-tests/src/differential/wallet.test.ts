// zkLite's Wallet against zksync.js's Wallet: the same Ethereum key, account, tokens and random arguments must give
// identical signed transactions (JSON, sign bytes, tx hash) and identical Ethereum signatures, for every `sign…`
// method and for batches built by each library's BatchBuilder (with given fees, and with the batch fee on the last
// transaction). Both wallets run over in-memory providers that answer the same account state, tokens and fees.
import { createHash } from "node:crypto";
import fc from "fast-check";
import { expect, it } from "vitest";
import { Wallet as WalletV6 } from "ethers6";
import { tokenRatio, Wallet, type SyncProvider } from "@zklite/sdk";
import { accountId, address, hash32, nftTokenId, nonce, packableAmount, packableFee, seed } from "../arbitraries.js";
import { expectSameTx, json, RUNS_PER_TYPE } from "../differential.js";
import { ethersV5, zksync } from "../oracle.js";

/** Each case signs ~16 transactions with each library (~40 ms per zk signature): fewer cases than per-type tests. */
const RUNS = Math.max(1, Math.min(RUNS_PER_TYPE, 20));
const ZERO_PKH = "sync:" + "00".repeat(20);
const TOKENS = [
  { id: 0, address: "0x" + "00".repeat(20), symbol: "ETH", decimals: 18 },
  { id: 1, address: "0x" + "11".repeat(20), symbol: "DAI", decimals: 18 },
  { id: 7, address: "0x" + "77".repeat(20), symbol: "USDC", decimals: 6 },
];
const symbol = fc.constantFrom(...TOKENS.map((token) => token.symbol));

interface Account {
  id: number;
  nonce: number;
  batchFee: string;
}

function ourProvider(account: Account, address: string): SyncProvider {
  const state = { nonce: account.nonce, pubKeyHash: ZERO_PKH, balances: {}, nfts: {}, mintedNfts: {} };
  const unused = () => Promise.reject(new Error("not used by signing"));
  return {
    getState: async () => ({ address, id: account.id, committed: state, verified: state, depositing: [] }),
    getTokens: async () => Object.fromEntries(TOKENS.map((token) => [token.symbol, { ...token, allowedForFees: true }])),
    getConfig: async () => ({ chainId: 1, contracts: { zkLite: "0x" + "aa".repeat(20), governance: "0x" + "bb".repeat(20) }, depositConfirmations: 1, blockChunkSizes: [8], accountTreeDepth: 24, balanceTreeDepth: 32 }),
    getTransactionsBatchFee: async () => BigInt(account.batchFee),
    submitTx: unused,
    submitTxsBatch: unused,
    getTxReceipt: unused,
    getTransactionFee: unused,
    getPriorityOpStatus: unused,
    notifyTransaction: unused,
    notifyPriorityOp: unused,
    getNFT: unused,
  } as SyncProvider;
}

function theirProvider(account: Account) {
  const tokenSet = new zksync.utils.TokenSet(Object.fromEntries(TOKENS.map((token) => [token.symbol, { ...token, enabledForFees: true }])) as never);
  return {
    tokenSet,
    contractAddress: { mainContract: "0x" + "aa".repeat(20), govContract: "0x" + "bb".repeat(20) },
    network: undefined,
    getTokenSymbol: async (token: string | number) => tokenSet.resolveTokenSymbol(token),
    getState: async () => ({ id: account.id, committed: { nonce: account.nonce, pubKeyHash: ZERO_PKH, balances: {} }, verified: { nonce: account.nonce, pubKeyHash: ZERO_PKH, balances: {} } }),
    getTransactionsBatchFee: async () => ethersV5.BigNumber.from(account.batchFee),
  };
}

async function walletPair(keySeed: Uint8Array, account: Account) {
  const ethKey = "0x" + createHash("sha256").update(keySeed).digest("hex");
  const ourEth = new WalletV6(ethKey);
  const [ours, theirs] = await Promise.all([
    Wallet.fromEthSigner(ourEth, ourProvider(account, ourEth.address), undefined, account.id),
    zksync.Wallet.fromEthSigner(new ethersV5.Wallet(ethKey), theirProvider(account) as never, undefined, account.id),
  ]);
  expect(ours.address()).toBe(theirs.address());
  expect(await ours.syncSignerPubKeyHash()).toBe(await theirs.syncSignerPubKeyHash());
  return { ours, theirs };
}

async function expectSameSigned(ours: { tx: unknown; ethereumSignature?: unknown }, theirs: { tx: unknown; ethereumSignature?: unknown }): Promise<void> {
  await expectSameTx(ours.tx, theirs.tx, (ours.tx as { type: string }).type !== "Swap");
  expect(json(ours.ethereumSignature ?? null)).toEqual(json(theirs.ethereumSignature ?? null));
}

const account = fc.record({ id: accountId, nonce: fc.integer({ min: 0, max: 2 ** 31 }), batchFee: packableFee });
const walletCase = fc.record({
  keySeed: seed,
  account,
  to: address,
  token: symbol,
  feeToken: symbol,
  amount: packableAmount,
  fee: packableFee,
  nonce,
  contentHash: hash32,
  nft: nftTokenId,
  validFrom: fc.integer({ min: 0, max: 2 ** 31 }),
});

it(`Wallet sign… methods: identical to zksync.js's Wallet on ${RUNS} random cases`, async () => {
  await fc.assert(
    fc.asyncProperty(walletCase, async (c) => {
      const { ours, theirs } = await walletPair(c.keySeed, c.account);
      const range = { validFrom: c.validFrom, validUntil: c.validFrom + 1000 };
      const transfer = { to: c.to, token: c.token, amount: c.amount, fee: c.fee, nonce: c.nonce, ...range };
      await expectSameSigned(await ours.signSyncTransfer({ ...transfer }), await theirs.signSyncTransfer({ ...transfer }));
      const withdraw = { ethAddress: c.to, token: c.token, amount: c.amount, fee: c.fee, nonce: c.nonce, ...range };
      await expectSameSigned(await ours.signWithdrawFromSyncToEthereum({ ...withdraw }), await theirs.signWithdrawFromSyncToEthereum({ ...withdraw }));
      const changePubKey = { feeToken: c.feeToken, fee: c.fee, nonce: c.nonce, ethAuthType: "ECDSA" as const, ...range };
      await expectSameSigned(await ours.signSetSigningKey({ ...changePubKey }), await theirs.signSetSigningKey({ ...changePubKey }));
      const onchain = { ...changePubKey, ethAuthType: "Onchain" as const };
      await expectSameSigned(await ours.signSetSigningKey({ ...onchain }), await theirs.signSetSigningKey({ ...onchain }));
      const forcedExit = { target: c.to, token: c.token, fee: c.fee, nonce: c.nonce, ...range };
      await expectSameSigned(await ours.signSyncForcedExit({ ...forcedExit }), await theirs.signSyncForcedExit({ ...forcedExit }));
      const mint = { recipient: c.to, contentHash: c.contentHash, feeToken: c.feeToken, fee: c.fee, nonce: c.nonce };
      await expectSameSigned(await ours.signMintNFT({ ...mint }), await theirs.signMintNFT({ ...mint }));
      const withdrawNFT = { to: c.to, token: c.nft, feeToken: c.feeToken, fee: c.fee, nonce: c.nonce, ...range };
      await expectSameSigned(await ours.signWithdrawNFT({ ...withdrawNFT }), await theirs.signWithdrawNFT({ ...withdrawNFT }));

      // orders (token ratio parsed with each token's decimals) and a swap of two of them
      const buy = TOKENS.find((token) => token.symbol !== c.token)?.symbol as string;
      const order = { tokenSell: c.token, tokenBuy: buy, amount: c.amount, nonce: c.nonce, ratio: tokenRatio({ [c.token]: 3, [buy]: "1.5" }), ...range };
      const ourOrder = await ours.signOrder({ ...order });
      const theirOrder = await theirs.signOrder({ ...order, ratio: zksync.utils.tokenRatio({ [c.token]: 3, [buy]: "1.5" }) });
      expect(json(ourOrder)).toEqual(json(theirOrder));
      const limit = await ours.signLimitOrder({ ...order, recipient: c.to });
      const theirLimit = await theirs.signLimitOrder({ ...order, recipient: c.to, ratio: zksync.utils.tokenRatio({ [c.token]: 3, [buy]: "1.5" }) });
      expect(json(limit)).toEqual(json(theirLimit));
      const swap = { orders: [ourOrder, limit] as [typeof ourOrder, typeof limit], feeToken: 0, amounts: [c.amount, c.amount] as [string, string], nonce: c.nonce, fee: c.fee };
      await expectSameSigned(await ours.signSyncSwap(swap), await theirs.signSyncSwap({ ...swap, orders: [theirOrder, theirLimit] } as never));
    }),
    { numRuns: RUNS },
  );
}, 600_000);

it(`BatchBuilder: identical batches and batch signatures to zksync.js on ${RUNS} random cases`, async () => {
  await fc.assert(
    fc.asyncProperty(walletCase, fc.boolean(), async (c, withFeeToken) => {
      const { ours, theirs } = await walletPair(c.keySeed, c.account);
      const fee = withFeeToken ? 0 : c.fee;
      interface Builder {
        addTransfer(tx: object): Builder;
        addWithdraw(tx: object): Builder;
        addChangePubKey(tx: object): Builder;
        addForcedExit(tx: object): Builder;
        addMintNFT(tx: object): Builder;
        addWithdrawNFT(tx: object): Builder;
        build(feeToken?: string): Promise<{ txs: { tx: unknown; ethereumSignature?: unknown }[]; signature?: unknown; totalFee: Map<string, { toString(): string }> }>;
      }
      const fill = (builder: Builder): Builder =>
        builder
          .addChangePubKey({ feeToken: c.feeToken, ethAuthType: "ECDSA", fee })
          .addTransfer({ to: c.to, token: c.token, amount: c.amount, fee, validFrom: c.validFrom })
          .addWithdraw({ ethAddress: c.to, token: c.token, amount: c.amount, fee })
          .addForcedExit({ target: c.to, token: c.token, fee })
          .addMintNFT({ recipient: c.to, contentHash: c.contentHash, feeToken: c.feeToken, fee })
          .addWithdrawNFT({ to: c.to, token: c.nft, feeToken: c.feeToken, fee });
      const feeToken = withFeeToken ? c.token : undefined;
      // the batch's nonces must stay u32 (zkLite refuses an overflow with NONCE_OUT_OF_RANGE; not compared here)
      const start = Math.min(c.nonce, 2 ** 32 - 1 - 8);
      const ourBatch = await fill(ours.batchBuilder(start) as unknown as Builder).build(feeToken);
      const theirBatch = await fill(theirs.batchBuilder(start) as unknown as Builder).build(feeToken);
      expect(ourBatch.txs).toHaveLength(theirBatch.txs.length);
      for (let i = 0; i < ourBatch.txs.length; i++) await expectSameSigned(ourBatch.txs[i] as never, theirBatch.txs[i] as never);
      expect(json(ourBatch.signature)).toEqual(json(theirBatch.signature));
      const theirTotals = Object.fromEntries([...theirBatch.totalFee.entries()].map(([token, amount]) => [token, amount.toString()]));
      expect(Object.fromEntries([...ourBatch.totalFee.entries()].map(([token, amount]) => [token, amount.toString()]))).toEqual(theirTotals);
    }),
    { numRuns: RUNS },
  );
}, 600_000);
