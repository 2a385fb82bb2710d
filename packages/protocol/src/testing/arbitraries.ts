/** Test-only: fast-check generators of valid protocol values (parsed form). */
import fc from "fast-check";
import { hexlify } from "ethers";
import {
  MAX_ACCOUNT_ID,
  MAX_AMOUNT,
  MAX_NONCE,
  MAX_NUMBER_OF_TOKENS,
  MAX_PRICE,
  MAX_TIMESTAMP,
} from "../constants.js";
import type { Operation } from "../pubdata/operations.js";
import type { ChangePubKeyEthAuthData, Order, Tx, TxSignature } from "../tx/types.js";

const bytes = (length: number) => fc.uint8Array({ minLength: length, maxLength: length });
const hex = (length: number) => bytes(length).map((b) => hexlify(b));

export const accountIdArb = fc.integer({ min: 0, max: MAX_ACCOUNT_ID });
export const tokenIdArb = fc.integer({ min: 0, max: MAX_NUMBER_OF_TOKENS - 1 });
export const nonceArb = fc.integer({ min: 0, max: MAX_NONCE });
export const timestampArb = fc.integer({ min: 0, max: MAX_TIMESTAMP });
export const addressArb = hex(20);
export const pubKeyHashArb = bytes(20).map((b) => `sync:${hexlify(b).slice(2)}`);
export const hash32Arb = hex(32);
export const fullAmountArb = fc.oneof(fc.bigInt({ min: 0n, max: MAX_AMOUNT }), fc.bigInt({ min: 0n, max: 10n ** 20n }));
export const priceArb = fc.bigInt({ min: 0n, max: MAX_PRICE });

/** mantissa * 10^exponent, within u128. */
const floatArb = (mantissaBits: number) =>
  fc
    .tuple(fc.bigInt({ min: 0n, max: (1n << BigInt(mantissaBits)) - 1n }), fc.integer({ min: 0, max: 31 }))
    .map(([m, e]) => m * 10n ** BigInt(e))
    .filter((v) => v <= MAX_AMOUNT);
export const packableAmountArb = floatArb(35);
export const packableFeeArb = floatArb(11);

const signatureArb: fc.Arbitrary<TxSignature> = fc.record({
  pubKey: hex(32).map((h) => h.slice(2)),
  signature: hex(64).map((h) => h.slice(2)),
});
const timeRange = { validFrom: timestampArb, validUntil: timestampArb };
const optionalSignature = { signature: signatureArb };

export const orderArb: fc.Arbitrary<Order> = fc.record(
  {
    accountId: accountIdArb,
    recipient: addressArb,
    nonce: nonceArb,
    tokenSell: tokenIdArb,
    tokenBuy: tokenIdArb,
    ratio: fc.tuple(priceArb, priceArb),
    amount: packableAmountArb,
    ...timeRange,
    ...optionalSignature,
  },
  { requiredKeys: ["accountId", "recipient", "nonce", "tokenSell", "tokenBuy", "ratio", "amount", "validFrom", "validUntil"] },
);

const ethAuthDataArb: fc.Arbitrary<ChangePubKeyEthAuthData> = fc.oneof(
  fc.constant({ type: "Onchain" as const }),
  fc.record({ type: fc.constant("ECDSA" as const), ethSignature: hex(65), batchHash: hash32Arb }, { requiredKeys: ["type", "ethSignature"] }),
  fc.record({ type: fc.constant("EIP712" as const), ethSignature: hex(65), batchHash: hash32Arb }, { requiredKeys: ["type", "ethSignature"] }),
  fc.record({ type: fc.constant("CREATE2" as const), creatorAddress: addressArb, saltArg: hash32Arb, codeHash: hash32Arb }),
);

export const txArbs: { [T in Tx["type"]]: fc.Arbitrary<Extract<Tx, { type: T }>> } = {
  Transfer: fc.record(
    {
      type: fc.constant("Transfer" as const),
      accountId: accountIdArb,
      from: addressArb,
      to: addressArb,
      token: tokenIdArb,
      amount: packableAmountArb,
      fee: packableFeeArb,
      nonce: nonceArb,
      ...timeRange,
      ...optionalSignature,
    },
    { requiredKeys: ["type", "accountId", "from", "to", "token", "amount", "fee", "nonce", "validFrom", "validUntil"] },
  ),
  Withdraw: fc.record(
    {
      type: fc.constant("Withdraw" as const),
      accountId: accountIdArb,
      from: addressArb,
      to: addressArb,
      token: tokenIdArb,
      amount: fullAmountArb,
      fee: packableFeeArb,
      nonce: nonceArb,
      ...timeRange,
      ...optionalSignature,
      fast: fc.boolean(),
    },
    { requiredKeys: ["type", "accountId", "from", "to", "token", "amount", "fee", "nonce", "validFrom", "validUntil"] },
  ),
  ChangePubKey: fc.record(
    {
      type: fc.constant("ChangePubKey" as const),
      accountId: accountIdArb,
      account: addressArb,
      newPkHash: pubKeyHashArb,
      feeToken: tokenIdArb,
      fee: packableFeeArb,
      nonce: nonceArb,
      ...timeRange,
      ...optionalSignature,
      ethAuthData: ethAuthDataArb,
      ethSignature: fc.option(hex(65), { nil: null }),
      chainId: fc.integer({ min: 1, max: 2 ** 31 }),
    },
    { requiredKeys: ["type", "accountId", "account", "newPkHash", "feeToken", "fee", "nonce", "validFrom", "validUntil"] },
  ),
  ForcedExit: fc.record(
    {
      type: fc.constant("ForcedExit" as const),
      initiatorAccountId: accountIdArb,
      target: addressArb,
      token: tokenIdArb,
      fee: packableFeeArb,
      nonce: nonceArb,
      ...timeRange,
      ...optionalSignature,
    },
    { requiredKeys: ["type", "initiatorAccountId", "target", "token", "fee", "nonce", "validFrom", "validUntil"] },
  ),
  MintNFT: fc.record(
    {
      type: fc.constant("MintNFT" as const),
      creatorId: accountIdArb,
      creatorAddress: addressArb,
      contentHash: hash32Arb,
      recipient: addressArb,
      fee: packableFeeArb,
      feeToken: tokenIdArb,
      nonce: nonceArb,
      ...optionalSignature,
    },
    { requiredKeys: ["type", "creatorId", "creatorAddress", "contentHash", "recipient", "fee", "feeToken", "nonce"] },
  ),
  WithdrawNFT: fc.record(
    {
      type: fc.constant("WithdrawNFT" as const),
      accountId: accountIdArb,
      from: addressArb,
      to: addressArb,
      token: tokenIdArb,
      feeToken: tokenIdArb,
      fee: packableFeeArb,
      nonce: nonceArb,
      ...timeRange,
      ...optionalSignature,
      fast: fc.boolean(),
    },
    { requiredKeys: ["type", "accountId", "from", "to", "token", "feeToken", "fee", "nonce", "validFrom", "validUntil"] },
  ),
  Swap: fc.record(
    {
      type: fc.constant("Swap" as const),
      submitterId: accountIdArb,
      submitterAddress: addressArb,
      nonce: nonceArb,
      orders: fc.tuple(orderArb, orderArb),
      amounts: fc.tuple(packableAmountArb, packableAmountArb),
      fee: packableFeeArb,
      feeToken: tokenIdArb,
      ...optionalSignature,
    },
    { requiredKeys: ["type", "submitterId", "submitterAddress", "nonce", "orders", "amounts", "fee", "feeToken"] },
  ),
};

export const txArb: fc.Arbitrary<Tx> = fc.oneof(...Object.values(txArbs));

export const operationArbs: { [T in Operation["type"]]: fc.Arbitrary<Extract<Operation, { type: T }>> } = {
  Noop: fc.constant({ type: "Noop" as const }),
  Deposit: fc.record({ type: fc.constant("Deposit" as const), accountId: accountIdArb, token: tokenIdArb, amount: fullAmountArb, to: addressArb }),
  TransferToNew: fc.record({
    type: fc.constant("TransferToNew" as const),
    fromId: accountIdArb,
    token: tokenIdArb,
    amount: packableAmountArb,
    to: addressArb,
    toId: accountIdArb,
    fee: packableFeeArb,
  }),
  Withdraw: fc.record({
    type: fc.constant("Withdraw" as const),
    accountId: accountIdArb,
    token: tokenIdArb,
    amount: fullAmountArb,
    fee: packableFeeArb,
    to: addressArb,
  }),
  Transfer: fc.record({
    type: fc.constant("Transfer" as const),
    fromId: accountIdArb,
    token: tokenIdArb,
    toId: accountIdArb,
    amount: packableAmountArb,
    fee: packableFeeArb,
  }),
  FullExit: fc.record({
    type: fc.constant("FullExit" as const),
    accountId: accountIdArb,
    owner: addressArb,
    token: tokenIdArb,
    amount: fullAmountArb,
    nftCreatorId: accountIdArb,
    nftCreatorAddress: addressArb,
    nftSerialId: nonceArb,
    nftContentHash: hash32Arb,
  }),
  ChangePubKey: fc.record({
    type: fc.constant("ChangePubKey" as const),
    accountId: accountIdArb,
    newPkHash: pubKeyHashArb,
    account: addressArb,
    nonce: nonceArb,
    feeToken: tokenIdArb,
    fee: packableFeeArb,
  }),
  ForcedExit: fc.record({
    type: fc.constant("ForcedExit" as const),
    initiatorId: accountIdArb,
    targetId: accountIdArb,
    token: tokenIdArb,
    amount: fullAmountArb,
    fee: packableFeeArb,
    target: addressArb,
  }),
  MintNFT: fc.record({
    type: fc.constant("MintNFT" as const),
    creatorId: accountIdArb,
    recipientId: accountIdArb,
    contentHash: hash32Arb,
    feeToken: tokenIdArb,
    fee: packableFeeArb,
  }),
  WithdrawNFT: fc.record({
    type: fc.constant("WithdrawNFT" as const),
    accountId: accountIdArb,
    creatorId: accountIdArb,
    creatorAddress: addressArb,
    serialId: nonceArb,
    contentHash: hash32Arb,
    to: addressArb,
    token: tokenIdArb,
    feeToken: tokenIdArb,
    fee: packableFeeArb,
  }),
  Swap: fc.record({
    type: fc.constant("Swap" as const),
    accountA: accountIdArb,
    recipientA: accountIdArb,
    accountB: accountIdArb,
    recipientB: accountIdArb,
    submitterId: accountIdArb,
    tokenA: tokenIdArb,
    tokenB: tokenIdArb,
    feeToken: tokenIdArb,
    amountA: packableAmountArb,
    amountB: packableAmountArb,
    fee: packableFeeArb,
    nonceMask: fc.integer({ min: 0, max: 3 }),
  }),
};

export const operationArb: fc.Arbitrary<Operation> = fc.oneof(...Object.values(operationArbs));
