// Bad input to the signing surface: random garbage and valid arguments with one corrupted field.
// Every call either succeeds or fails with a ZkLiteError — no other exception type escapes.
import fc from "fast-check";
import { Wallet } from "ethers";
import { beforeAll, describe, expect, it } from "vitest";
import { EthMessageSigner, Signer, isZkLiteError, utils } from "./index.js";

let signer: Signer;
const ethSigner = new EthMessageSigner(Wallet.createRandom(), { verificationMethod: "ECDSA", isSignedMsgPrefixed: true });

beforeAll(async () => {
  signer = await Signer.fromSeed(new Uint8Array(32).fill(3));
});

const validArgs = {
  accountId: 7,
  from: "0x" + "11".repeat(20),
  to: "0x" + "22".repeat(20),
  ethAddress: "0x" + "33".repeat(20),
  account: "0x" + "44".repeat(20),
  target: "0x" + "55".repeat(20),
  recipient: "0x" + "66".repeat(20),
  creatorAddress: "0x" + "77".repeat(20),
  submitterAddress: "0x" + "88".repeat(20),
  newPkHash: "sync:" + "99".repeat(20),
  contentHash: "0x" + "aa".repeat(32),
  initiatorAccountId: 3,
  creatorId: 4,
  submitterId: 5,
  tokenId: 0,
  feeTokenId: 0,
  feeToken: 0,
  tokenSell: 1,
  tokenBuy: 2,
  amount: "1000",
  fee: "10",
  ratio: ["1", "2"],
  amounts: ["1000", "2000"],
  nonce: 1,
  validFrom: 0,
  validUntil: 4294967295,
  ethAuthData: { type: "Onchain" },
};
const orderArgs = { ...validArgs, signature: { pubKey: "00".repeat(32), signature: "00".repeat(64) } };
const swapArgs = { ...validArgs, orders: [orderArgs, orderArgs] };

const signMethods = {
  signSyncTransfer: validArgs,
  signSyncWithdraw: validArgs,
  signSyncChangePubKey: validArgs,
  signSyncForcedExit: validArgs,
  signMintNFT: validArgs,
  signWithdrawNFT: validArgs,
  signSyncOrder: validArgs,
  signSyncSwap: swapArgs,
} as const;

/** Runs `call` and fails the test if it throws anything but a ZkLiteError. */
async function onlyZkLiteErrors(call: () => unknown): Promise<"ok" | "rejected"> {
  try {
    await call();
    return "ok";
  } catch (error) {
    if (!isZkLiteError(error)) throw new Error(`non-ZkLiteError escaped: ${String(error)}`, { cause: error });
    expect(error.code).toMatch(/^[A-Z_]+$/);
    expect(error.message.length).toBeGreaterThan(0);
    return "rejected";
  }
}

const garbage = fc.oneof(
  fc.anything(),
  fc.string(),
  fc.bigInt(),
  fc.double(),
  fc.constantFrom(-1, 2 ** 32, 2 ** 53, Number.NaN, "0x", "0xzz", "-5", "1.5", "sync:12", null, undefined, [], {}),
);

describe("signing surface rejects malformed input with typed errors", () => {
  for (const [method, args] of Object.entries(signMethods)) {
    it(`${method}: valid arguments sign; corrupted arguments give ZkLiteError`, async () => {
      const sign = (input: unknown) => (signer[method as keyof typeof signMethods] as (a: unknown) => Promise<unknown>).call(signer, input);
      expect(await onlyZkLiteErrors(() => sign(args))).toBe("ok");
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...Object.keys(args)), garbage, async (field, value) => {
          await onlyZkLiteErrors(() => sign({ ...args, [field]: value }));
        }),
        { numRuns: 150 },
      );
      await fc.assert(fc.asyncProperty(garbage, async (value) => void (await onlyZkLiteErrors(() => sign(value)))), { numRuns: 50 });
    });
  }

  it("Signer constructors and utils reject garbage with ZkLiteError", async () => {
    await fc.assert(
      fc.asyncProperty(garbage, async (value) => {
        await onlyZkLiteErrors(() => Signer.fromPrivateKey(value as never));
        await onlyZkLiteErrors(() => Signer.fromSeed(value as never));
        await onlyZkLiteErrors(() => utils.serializeTx(value as never));
        await onlyZkLiteErrors(() => utils.getTxHash(value as never));
        await onlyZkLiteErrors(() => utils.closestPackableTransactionAmount(value as never));
        await onlyZkLiteErrors(() => utils.packAmountChecked(value as never));
        await onlyZkLiteErrors(() => utils.getChangePubkeyMessage(value as never, 0, 0));
      }),
      { numRuns: 300 },
    );
    // Known-bad values are rejected, not silently accepted.
    expect(await onlyZkLiteErrors(() => Signer.fromPrivateKey(new Uint8Array(32)))).toBe("rejected");
    expect(await onlyZkLiteErrors(() => Signer.fromSeed(new Uint8Array(31)))).toBe("rejected");
    expect(await onlyZkLiteErrors(() => utils.packAmountChecked("1001"))).toBe("ok");
    expect(await onlyZkLiteErrors(() => utils.packAmountChecked("34359738369"))).toBe("rejected");
  });

  it("EthMessageSigner message builders reject garbage with ZkLiteError", async () => {
    const builders = [
      (v: unknown) => ethSigner.getTransferEthSignMessage(v as never),
      (v: unknown) => ethSigner.getWithdrawEthSignMessage(v as never),
      (v: unknown) => ethSigner.getForcedExitEthSignMessage(v as never),
      (v: unknown) => ethSigner.getMintNFTEthSignMessage(v as never),
      (v: unknown) => ethSigner.getWithdrawNFTEthSignMessage(v as never),
      (v: unknown) => ethSigner.getSwapEthSignMessage(v as never),
      (v: unknown) => ethSigner.getOrderEthSignMessage(v as never),
      (v: unknown) => ethSigner.getChangePubKeyEthSignMessage(v as never),
      (v: unknown) => ethSigner.getTransferEthMessagePart(v as never),
    ];
    const messageArgs = {
      stringAmount: "1.0", stringToken: "ETH", stringFee: "0.1", stringFeeToken: "ETH", to: validArgs.to,
      ethAddress: validArgs.ethAddress, target: validArgs.target, recipient: validArgs.recipient,
      contentHash: validArgs.contentHash, token: 70000, fee: "1", feeToken: "ETH", tokenSell: "ETH",
      tokenBuy: "DAI", amount: "1", ratio: ["1", "2"], pubKeyHash: validArgs.newPkHash, nonce: 1, accountId: 2,
    };
    for (const build of builders) expect(await onlyZkLiteErrors(() => build(messageArgs))).toBe("ok");
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...builders), fc.constantFrom(...Object.keys(messageArgs)), garbage, async (build, field, value) => {
        await onlyZkLiteErrors(() => build({ ...messageArgs, [field]: value }));
        await onlyZkLiteErrors(() => build(value));
      }),
      { numRuns: 400 },
    );
  });
});
