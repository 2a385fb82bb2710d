// BatchBuilder over an in-memory node: nonces, fee placement (batch fee on the last transaction, or on an appended
// zero transfer to self), the batch message signature, and typed errors. Byte-identity with zksync.js's builder is
// tested in packages/zksync-oracle-tests (src/differential/wallet.test.ts).
import { Wallet as EthersWallet, verifyMessage } from "ethers";
import { beforeEach, describe, expect, it } from "vitest";
import { batchEthSignMessage, type TxInput } from "@zklite/protocol";
import { codeOf } from "./testing/error-code.js";
import { memoryProvider, type MemoryProvider } from "./testing/memory-provider.js";
import { Signer } from "./signer.js";
import { Wallet } from "./wallet.js";


const BOB = "0x" + "b0".repeat(20);
const CAROL = "0x" + "c0".repeat(20);

describe("BatchBuilder", () => {
  const eth = EthersWallet.createRandom();
  let provider: MemoryProvider;
  let wallet: Wallet;

  beforeEach(async () => {
    provider = memoryProvider(eth.address);
    wallet = await Wallet.fromEthSigner(eth, provider);
  });

  it("numbers the transactions from the committed nonce and signs the batch message once", async () => {
    const { txs, signature, totalFee } = await wallet
      .batchBuilder()
      .addTransfer({ to: BOB, token: "ETH", amount: 1000n, fee: 10n })
      .addWithdraw({ ethAddress: CAROL, token: "DAI", amount: "2000000000000000000", fee: 20n })
      .addForcedExit({ target: CAROL, token: "USDC", fee: 30n })
      .build();
    expect(txs.map((signed) => signed.tx.nonce)).toEqual([3, 4, 5]);
    expect(txs.map((signed) => signed.tx.type)).toEqual(["Transfer", "Withdraw", "ForcedExit"]);
    expect(txs.every((signed) => signed.ethereumSignature === undefined)).toBe(true);
    expect(Object.fromEntries(totalFee)).toEqual({ ETH: 10n, DAI: 20n, USDC: 30n });
    const message = batchEthSignMessage(
      txs.map((signed, i) => ({ tx: signed.tx as unknown as TxInput, sender: eth.address, token: [{ symbol: "ETH", decimals: 18 }, { symbol: "DAI", decimals: 18 }, { symbol: "USDC", decimals: 6 }][i]! })),
    );
    expect(message).toBe(
      `Transfer 0.000000000000001 ETH to: ${BOB}\nFee: 0.00000000000000001 ETH\n` +
        `Withdraw 2.0 DAI to: ${CAROL}\nFee: 0.00000000000000002 DAI\n` +
        `ForcedExit USDC to: ${CAROL}\nFee: 0.00003 USDC\nNonce: 3`,
    );
    expect(signature?.type).toBe("EthereumSignature");
    expect(verifyMessage(message, signature!.signature)).toBe(eth.address);
  });

  it("starts at a given nonce", async () => {
    const { txs } = await wallet.batchBuilder(40).addTransfer({ to: BOB, token: 0, amount: 1n }).addTransfer({ to: BOB, token: 0, amount: 2n }).build();
    expect(txs.map((signed) => signed.tx.nonce)).toEqual([40, 41]);
  });

  it("puts the node's batch fee on the last transaction when it pays in the fee token", async () => {
    const { txs, totalFee } = await wallet.batchBuilder().addTransfer({ to: BOB, token: "DAI", amount: 1n }).addTransfer({ to: CAROL, token: "ETH", amount: 2n }).build("ETH");
    expect(txs.map((signed) => signed.tx.fee)).toEqual(["0", "5000"]);
    expect(provider.batchFeeQueries).toEqual([{ txTypes: ["Transfer", "Transfer"], addresses: [BOB, CAROL], token: "ETH" }]);
    expect(Object.fromEntries(totalFee)).toEqual({ DAI: 0n, ETH: 5000n });
  });

  it("appends a zero transfer to self in the fee token when the last transaction pays in another", async () => {
    const { txs } = await wallet.batchBuilder().addTransfer({ to: BOB, token: "ETH", amount: 1n }).build("DAI");
    expect(txs).toHaveLength(2);
    expect(txs[1]?.tx).toMatchObject({ type: "Transfer", to: eth.address, token: 1, amount: "0", fee: "5000", nonce: 4 });
    expect(provider.batchFeeQueries[0]?.addresses).toEqual([BOB, eth.address.toLowerCase()]);
  });

  it("signs an unsigned ChangePubKey at build and takes an already signed one", async () => {
    const unsigned = await wallet.batchBuilder().addChangePubKey({ feeToken: "ETH", ethAuthType: "ECDSA" }).addTransfer({ to: BOB, token: "ETH", amount: 1n }).build("ETH");
    expect(unsigned.txs[0]?.tx).toMatchObject({ type: "ChangePubKey", nonce: 3, fee: "0", ethAuthData: { type: "ECDSA" } });
    expect(provider.batchFeeQueries[0]?.txTypes).toEqual([{ ChangePubKey: "ECDSA" }, "Transfer"]);
    const signed = await wallet.signSetSigningKey({ feeToken: "DAI", fee: 7n, nonce: 3, ethAuthType: "Onchain" });
    const withSigned = await wallet.batchBuilder().addChangePubKey(signed).addTransfer({ to: BOB, token: "ETH", amount: 1n, fee: 1n }).build();
    expect(withSigned.txs[0]?.tx).toEqual(signed.tx);
    expect(Object.fromEntries(withSigned.totalFee)).toEqual({ DAI: 7n, ETH: 1n });
  });

  it("refuses empty batches, fees with a batch fee token, wrong pre-signed types, unknown tokens and a set key", async () => {
    expect(await codeOf(() => wallet.batchBuilder().build())).toBe("EMPTY_BATCH");
    expect(await codeOf(() => wallet.batchBuilder().addTransfer({ to: BOB, token: "ETH", amount: 1n, fee: 1n }).build("ETH"))).toBe("BATCH_FEES_NOT_ZERO");
    const transfer = await wallet.signSyncTransfer({ to: BOB, token: "ETH", amount: 1n, fee: 0n, nonce: 3 });
    expect(await codeOf(async () => wallet.batchBuilder().addChangePubKey(transfer))).toBe("INVALID_ARGUMENT");
    expect(await codeOf(() => wallet.batchBuilder().addTransfer({ to: BOB, token: "XYZ", amount: 1n }).build())).toBe("UNKNOWN_TOKEN");
    expect(await codeOf(() => wallet.batchBuilder().addTransfer({ to: BOB, token: "ETH", amount: "lots" }).build())).toBe("INVALID_AMOUNT");
    provider.account.pubKeyHash = await wallet.syncSignerPubKeyHash();
    expect(await codeOf(() => wallet.batchBuilder().addChangePubKey({ feeToken: "ETH", ethAuthType: "ECDSA", fee: 1n }).build())).toBe("SIGNING_KEY_ALREADY_SET");
  });

  it("re-reads the node's tokens for a token listed after the wallet was made", async () => {
    provider.tokens.push({ id: 9, address: "0x" + "99".repeat(20), symbol: "NEW", decimals: 2, allowedForFees: true });
    const { txs } = await wallet.batchBuilder().addTransfer({ to: BOB, token: "NEW", amount: 150n, fee: 0n }).build();
    expect(txs[0]?.tx).toMatchObject({ token: 9, amount: "150" });
  });

  it("has no Ethereum signature for a wallet that cannot sign (CREATE2)", async () => {
    const signer = await Signer.fromSeed(new Uint8Array(32).fill(9));
    const create2 = await Wallet.fromCreate2Data(signer, provider, { creatorAddress: CAROL, saltArg: "0x" + "01".repeat(32), codeHash: "0x" + "02".repeat(32) });
    const { txs, signature } = await create2.batchBuilder().addTransfer({ to: BOB, token: "ETH", amount: 1n }).build();
    expect(signature).toBeUndefined();
    expect(txs[0]?.tx.from).toBe(create2.address());
  });
});
