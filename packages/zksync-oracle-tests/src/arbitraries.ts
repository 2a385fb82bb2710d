// fast-check generators of random transaction arguments in zksync.js's Signer argument shapes.
import fc from "fast-check";

const MAX_U32 = 2 ** 32 - 1;

export const address = fc.uint8Array({ minLength: 20, maxLength: 20 }).map((b) => "0x" + Buffer.from(b).toString("hex"));
export const hash32 = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => "0x" + Buffer.from(b).toString("hex"));
export const accountId = fc.integer({ min: 0, max: 2 ** 24 - 1 });
export const tokenId = fc.integer({ min: 0, max: 2 ** 31 - 1 });
export const fungibleTokenId = fc.integer({ min: 0, max: 1023 });
export const nftTokenId = fc.integer({ min: 65536, max: 2 ** 31 - 3 });
export const nonce = fc.integer({ min: 0, max: MAX_U32 });
export const timestamp = fc.integer({ min: 0, max: MAX_U32 });
export const timeRange = fc.tuple(timestamp, timestamp).map(([a, b]) => ({ validFrom: Math.min(a, b), validUntil: Math.max(a, b) }));

const MAX_U128 = (1n << 128n) - 1n;

/**
 * `mantissa × 10^exponent` within the packed format, so the value is exactly packable, and within u128
 * (zkSync amounts are u128; zkLite rejects larger ones although zksync.js would pack them).
 */
function packable(mantissaBits: number): fc.Arbitrary<string> {
  return fc
    .tuple(fc.bigInt({ min: 0n, max: (1n << BigInt(mantissaBits)) - 1n }), fc.integer({ min: 0, max: 31 }))
    .map(([mantissa, exponent]) => mantissa * 10n ** BigInt(exponent))
    .filter((value) => value <= MAX_U128)
    .map(String);
}
export const packableAmount = fc.oneof(packable(35), fc.bigInt({ min: 0n, max: 34359738367n }).map(String));
export const packableFee = fc.oneof(packable(11), fc.bigInt({ min: 0n, max: 2047n }).map(String));
export const fullAmount = fc.bigInt({ min: 0n, max: (1n << 128n) - 1n }).map(String);
/** Any u128, packable or not: input to the closest-packable functions. */
export const anyAmount = fc.oneof(fullAmount, fc.bigInt({ min: 0n, max: 10n ** 15n }).map(String));
export const price = fc.bigInt({ min: 0n, max: (1n << 120n) - 1n }).map(String);
export const seed = fc.uint8Array({ minLength: 32, maxLength: 64 });

export const transferArgs = fc.record({
  accountId, from: address, to: address, tokenId, amount: packableAmount, fee: packableFee, nonce,
}).chain((tx) => timeRange.map((range) => ({ ...tx, ...range })));

export const withdrawArgs = fc.record({
  accountId, from: address, ethAddress: address, tokenId: fungibleTokenId, amount: fullAmount, fee: packableFee, nonce,
}).chain((tx) => timeRange.map((range) => ({ ...tx, ...range })));

export const changePubKeyArgs = fc.record({
  accountId,
  account: address,
  newPkHash: fc.uint8Array({ minLength: 20, maxLength: 20 }).map((b) => "sync:" + Buffer.from(b).toString("hex")),
  feeTokenId: fungibleTokenId,
  fee: packableFee,
  nonce,
}).chain((tx) => timeRange.map((range) => ({ ...tx, ...range, ethAuthData: { type: "Onchain" as const } })));

export const forcedExitArgs = fc.record({
  initiatorAccountId: accountId, target: address, tokenId: fungibleTokenId, fee: packableFee, nonce,
}).chain((tx) => timeRange.map((range) => ({ ...tx, ...range })));

export const mintNFTArgs = fc.record({
  creatorId: accountId, creatorAddress: address, recipient: address, contentHash: hash32, feeTokenId: fungibleTokenId, fee: packableFee, nonce,
});

export const withdrawNFTArgs = fc.record({
  accountId, from: address, to: address, tokenId: nftTokenId, feeTokenId: fungibleTokenId, fee: packableFee, nonce,
}).chain((tx) => timeRange.map((range) => ({ ...tx, ...range })));

export const orderArgs = fc.record({
  accountId, recipient: address, nonce, tokenSell: tokenId, tokenBuy: tokenId, ratio: fc.tuple(price, price), amount: packableAmount,
}).chain((order) => timeRange.map((range) => ({ ...order, ...range })));

const fakeSignature = fc.record({
  pubKey: fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => Buffer.from(b).toString("hex")),
  signature: fc.uint8Array({ minLength: 64, maxLength: 64 }).map((b) => Buffer.from(b).toString("hex")),
});
const signedOrder = fc.tuple(orderArgs, fakeSignature).map(([order, signature]) => ({ ...order, signature }));

export const swapArgs = fc.record({
  orders: fc.tuple(signedOrder, signedOrder),
  amounts: fc.tuple(packableAmount, packableAmount),
  submitterId: accountId,
  submitterAddress: address,
  nonce,
  feeToken: fungibleTokenId,
  fee: packableFee,
});

export const tokenSymbol = fc.stringMatching(/^[A-Z][A-Z0-9]{0,5}$/);
export const decimals = fc.integer({ min: 0, max: 36 });
