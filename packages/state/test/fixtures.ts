import type { ChangePubKey, Deposit, MintNFT, Order, Swap, Transfer, TxSignature, Withdraw, WithdrawNFT } from "@zklite/protocol";
import { OnchainAuthFactStore } from "../src/executor/onchain-auth-fact-store.js";
import { RollupState, type RollupStateOptions } from "../src/executor/rollup-state.js";
import type { SignatureChecker } from "../src/executor/signature-checker.js";
import type { BlockBuilder } from "../src/executor/block-builder.js";

/**
 * Fake zkSync signatures for rule tests: `pubKey` carries the signer's PubKeyHash (40 hex) and
 * `signature` is "ok" when valid. Real musig signatures are tested separately.
 */
export const fakeSignatures: SignatureChecker = {
  check(message, expectedSigner) {
    const signature = message.kind === "tx" ? message.tx.signature : message.order.signature;
    if (signature === undefined || signature.signature !== "ok") return "invalid";
    return `sync:${signature.pubKey}` === expectedSigner ? "valid" : "wrong-signer";
  },
};

export function signedBy(pkh: string): TxSignature {
  return { pubKey: pkh.replace(/^sync:/, ""), signature: "ok" };
}

export const BAD_SIGNATURE: TxSignature = { pubKey: "00".repeat(20), signature: "forged" };

export const FEE_ADDRESS = address(0xfe);
export const TEST_DEPTHS = { accountTreeDepth: 6, balanceTreeDepth: 32 } as const;
export const BLOCK_SIZES = [10, 32, 72, 156, 322, 654] as const;
export const TIMESTAMP = 1_700_000_000;
export const ALWAYS = { validFrom: 0, validUntil: 2 ** 32 - 1 };

export function address(n: number): string {
  return `0x${n.toString(16).padStart(40, "0")}`;
}

export function pubKeyHash(n: number): string {
  return `sync:${(n + 0x1000).toString(16).padStart(40, "0")}`;
}

/**
 * L1's on-chain authorizations as the test states see them: `changePubKey` records one for each Onchain
 * ChangePubKey it makes, as if its owner had called `setAuthPubkeyHash` first.
 */
export const TEST_AUTH_FACTS = new OnchainAuthFactStore();

/** Chain id of the test states' L1 (EIP-712 authorizations must be signed for it). */
export const TEST_CHAIN_ID = 5;

export function newState(options: Partial<RollupStateOptions> = {}): RollupState {
  return RollupState.genesis({
    ...TEST_DEPTHS,
    feeAccountAddress: FEE_ADDRESS,
    signatureChecker: fakeSignatures,
    chainId: TEST_CHAIN_ID,
    onchainAuthFacts: TEST_AUTH_FACTS,
    ...options,
  });
}

export function openBlock(state: RollupState, blockNumber = 1, timestamp = TIMESTAMP): BlockBuilder {
  return state.openBlock({ blockNumber, feeAccountId: 0, timestamp, blockChunkSizes: BLOCK_SIZES });
}

export function deposit(to: string, amount: bigint, token = 0): Deposit {
  return { type: "Deposit", from: to, to, token, amount };
}

/** Accounts made by `fundedState` have used nonce 0 for their ChangePubKey. */
export const FIRST_NONCE = 1;

/**
 * Creates `count` funded accounts (ids 1..count, addresses address(i), keys pubKeyHash(i)) by
 * deposit + a fake-signed ChangePubKey in one sealed block.
 */
export function fundedState(count: number, amount = 10n ** 18n, tokens: readonly number[] = [0], options: Partial<RollupStateOptions> = {}): RollupState {
  const state = newState(options);
  const block = openBlock(state, 1);
  for (let i = 1; i <= count; i++) {
    for (const token of tokens) block.applyPriorityOp(deposit(address(i), amount, token));
    block.applyTx(changePubKey(i, { nonce: 0 }));
  }
  block.seal();
  return state;
}

export function changePubKey(id: number, fields: Partial<ChangePubKey> = {}): ChangePubKey {
  const newPkHash = fields.newPkHash ?? pubKeyHash(id);
  const tx: ChangePubKey = {
    type: "ChangePubKey",
    accountId: id,
    account: address(id),
    newPkHash,
    feeToken: 0,
    fee: 0n,
    nonce: 0,
    ...ALWAYS,
    ethAuthData: { type: "Onchain" },
    signature: signedBy(newPkHash),
    ...fields,
  };
  if (tx.ethAuthData?.type === "Onchain") TEST_AUTH_FACTS.recordFact(tx.account, tx.nonce, tx.newPkHash);
  return tx;
}

export function transfer(from: number, to: string, amount: bigint, fields: Partial<Transfer> = {}): Transfer {
  return {
    type: "Transfer",
    accountId: from,
    from: address(from),
    to,
    token: 0,
    amount,
    fee: 0n,
    nonce: FIRST_NONCE,
    ...ALWAYS,
    signature: signedBy(pubKeyHash(from)),
    ...fields,
  };
}

export function withdraw(from: number, amount: bigint, fields: Partial<Withdraw> = {}): Withdraw {
  return {
    type: "Withdraw",
    accountId: from,
    from: address(from),
    to: address(from),
    token: 0,
    amount,
    fee: 0n,
    nonce: FIRST_NONCE,
    ...ALWAYS,
    signature: signedBy(pubKeyHash(from)),
    ...fields,
  };
}

export function withdrawNFT(from: number, token: number, fields: Partial<WithdrawNFT> = {}): WithdrawNFT {
  return {
    type: "WithdrawNFT",
    accountId: from,
    from: address(from),
    to: address(from),
    token,
    feeToken: 0,
    fee: 0n,
    nonce: FIRST_NONCE,
    validFrom: 0,
    validUntil: 2 ** 32 - 1,
    signature: signedBy(pubKeyHash(from)),
    ...fields,
  };
}

export function mintNFT(creator: number, recipient: string, fields: Partial<MintNFT> = {}): MintNFT {
  return {
    type: "MintNFT",
    creatorId: creator,
    creatorAddress: address(creator),
    contentHash: `0x${"5a".repeat(32)}`,
    recipient,
    fee: 0n,
    feeToken: 0,
    nonce: FIRST_NONCE,
    signature: signedBy(pubKeyHash(creator)),
    ...fields,
  };
}

export function order(maker: number, fields: Partial<Order> = {}): Order {
  return {
    accountId: maker,
    recipient: address(maker),
    nonce: FIRST_NONCE,
    tokenSell: 0,
    tokenBuy: 1,
    ratio: [1n, 1n],
    amount: 0n,
    ...ALWAYS,
    signature: signedBy(pubKeyHash(maker)),
    ...fields,
  };
}

export function swap(submitter: number, orders: [Order, Order], amounts: [bigint, bigint], fields: Partial<Swap> = {}): Swap {
  return {
    type: "Swap",
    submitterId: submitter,
    submitterAddress: address(submitter),
    nonce: FIRST_NONCE,
    orders,
    amounts,
    fee: 0n,
    feeToken: 0,
    signature: signedBy(pubKeyHash(submitter)),
    ...fields,
  };
}

/** Every account field and balance, plus the next free id: equal snapshots mean equal states. */
export function snapshot(state: RollupState): string {
  const accounts = [...state.tree.accountIds()].sort((a, b) => a - b).map((id) => {
    const account = state.account(id);
    const balances = [...state.tree.balances(id)].sort(([a], [b]) => a - b).map(([token, amount]) => `${token}:${amount}`);
    return `${id}|${account?.address}|${account?.nonce}|${account?.pubKeyHash}|${balances.join(",")}`;
  });
  return `${state.nextAccountId}\n${accounts.join("\n")}`;
}

/** Applies `apply`, expects a ZkLiteError with `code`, and checks that nothing changed. */
export function expectRejected(state: RollupState, apply: () => unknown, code: string): void {
  const before = snapshot(state);
  let caught: unknown;
  try {
    apply();
  } catch (error) {
    caught = error;
  }
  if (caught === undefined) throw new Error(`expected ${code}, but the operation was accepted`);
  const actual = (caught as { code?: unknown }).code;
  if (actual !== code || (caught as { name?: unknown }).name !== "ZkLiteError") {
    throw new Error(`expected ZkLiteError ${code}, got ${String(actual)}: ${String(caught)}`);
  }
  const after = snapshot(state);
  if (after !== before) throw new Error(`state changed after a rejected operation:\n${before}\n---\n${after}`);
}
