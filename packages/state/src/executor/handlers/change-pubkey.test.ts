import { getChangePubKeyTypedData, getChangePubkeyLegacyMessage, getChangePubkeyMessage, getCreate2AddressAndSalt } from "@zklite/protocol";
import { Wallet } from "ethers";
import { describe, expect, it } from "vitest";
import { TEST_CHAIN_ID, changePubKey, deposit, expectRejected, newState, openBlock, pubKeyHash, signedBy, snapshot } from "../../../test/fixtures.js";
import { OnchainAuthFactStore } from "../onchain-auth-fact-store.js";
import type { RollupState, RollupStateOptions } from "../rollup-state.js";
import { SMALL_ORDER_PUBKEY_HASHES } from "../small-order-keys.js";

// ethers (an independent implementation) makes the owners' Ethereum signatures.
const owner = new Wallet(`0x${"42".repeat(32)}`);
const stranger = new Wallet(`0x${"43".repeat(32)}`);
const NEW_KEY = pubKeyHash(1);

function stateWithOwner(address = owner.address.toLowerCase(), options: Partial<RollupStateOptions> = {}): { state: RollupState; id: number } {
  const state = newState(options);
  const block = openBlock(state, 1);
  block.applyPriorityOp(deposit(address, 1000n));
  block.seal();
  return { state, id: state.accountByAddress(address)?.id as number };
}

describe("ChangePubKey", () => {
  it("sets the key on a locked account, charges the fee and bumps the nonce (Onchain auth)", () => {
    const { state, id } = stateWithOwner();
    const block = openBlock(state, 2);
    const op = block.applyTx(changePubKey(id, { account: owner.address, fee: 5n }));
    expect(op).toEqual({ type: "ChangePubKey", accountId: id, newPkHash: NEW_KEY, account: owner.address.toLowerCase(), nonce: 0, feeToken: 0, fee: 5n });
    expect(state.account(id)?.pubKeyHash).toBe(NEW_KEY);
    expect(state.account(id)?.nonce).toBe(1);
    expect(state.balance(id, 0)).toBe(995n);
    expect(block.seal().onchainOperations).toEqual([{ publicDataOffset: 0, ethWitness: new Uint8Array() }]);
  });

  it("must be signed by the new key (WRONG_SIGNER, INVALID_SIGNATURE)", () => {
    const { state, id } = stateWithOwner();
    const block = openBlock(state, 2);
    expectRejected(state, () => block.applyTx(changePubKey(id, { account: owner.address, signature: signedBy(pubKeyHash(2)) })), "WRONG_SIGNER");
    expectRejected(state, () => block.applyTx(changePubKey(id, { account: owner.address, signature: undefined })), "INVALID_SIGNATURE");
  });

  it("ECDSA: accepts the owner's personal_sign of the 60-byte message, rejects anyone else's", async () => {
    const { state, id } = stateWithOwner();
    const message = getChangePubkeyMessage(NEW_KEY, 0, id);
    const good = await owner.signMessage(message);
    const bad = await stranger.signMessage(message);
    const block = openBlock(state, 2);
    expectRejected(state, () => block.applyTx(changePubKey(id, { account: owner.address, ethAuthData: { type: "ECDSA", ethSignature: bad } })), "INVALID_CHANGE_PUBKEY_AUTH");
    const nonZeroBatch = { type: "ECDSA" as const, ethSignature: good, batchHash: `0x${"01".repeat(32)}` };
    expectRejected(state, () => block.applyTx(changePubKey(id, { account: owner.address, ethAuthData: nonZeroBatch })), "INVALID_CHANGE_PUBKEY_AUTH");
    block.applyTx(changePubKey(id, { account: owner.address, ethAuthData: { type: "ECDSA", ethSignature: good } }));
    const sealed = block.seal();
    expect(sealed.onchainOperations[0]?.ethWitness[0]).toBe(0);
    expect(sealed.onchainOperations[0]?.ethWitness.length).toBe(66);
  });

  it("EIP712: accepts the owner's typed-data signature for the L1's chain id only; none without a chain id", async () => {
    const { state, id } = stateWithOwner();
    const signFor = (chainId: number) => {
      const { domain, types, message } = getChangePubKeyTypedData(NEW_KEY, 0, id, chainId);
      return owner.signTypedData(domain, types, message);
    };
    const auth = { type: "EIP712" as const, ethSignature: await signFor(TEST_CHAIN_ID) };
    const otherChain = { type: "EIP712" as const, ethSignature: await signFor(1) };
    const block = openBlock(state, 2);
    expectRejected(state, () => block.applyTx(changePubKey(id, { account: owner.address, ethAuthData: otherChain })), "INVALID_CHANGE_PUBKEY_AUTH");
    expectRejected(state, () => block.applyTx(changePubKey(id, { account: owner.address, ethAuthData: otherChain, chainId: 1 })), "INVALID_CHANGE_PUBKEY_AUTH");
    // L1 never sees the tx's chainId field: only the signature's domain counts
    block.applyTx(changePubKey(id, { account: owner.address, ethAuthData: auth, chainId: 1 }));
    expect(state.account(id)?.pubKeyHash).toBe(NEW_KEY);
    block.abandon();
    // without a chain id, the executor cannot know what L1 checks: every EIP-712 authorization is refused
    const noChain = newState({ chainId: undefined });
    const setup = openBlock(noChain, 1);
    setup.applyPriorityOp(deposit(owner.address.toLowerCase(), 1000n));
    setup.seal();
    const next = openBlock(noChain, 2);
    expectRejected(noChain, () => next.applyTx(changePubKey(id, { account: owner.address, ethAuthData: auth, chainId: TEST_CHAIN_ID })), "CHAIN_ID_MISMATCH");
  });

  it("Onchain: needs L1's fact for (owner, nonce, new key), refused while its reset is pending", () => {
    const facts = new OnchainAuthFactStore();
    const { state, id } = stateWithOwner(owner.address.toLowerCase(), { onchainAuthFacts: facts });
    const tx = { ...changePubKey(id, { account: owner.address }), ethAuthData: { type: "Onchain" as const } };
    const block = openBlock(state, 2);
    expectRejected(state, () => block.applyTx(tx), "ONCHAIN_AUTH_FACT_MISSING");
    expectRejected(state, () => block.applyTx({ ...tx, ethAuthData: undefined }), "ONCHAIN_AUTH_FACT_MISSING");
    facts.recordFact(owner.address, 1, NEW_KEY); // another nonce
    facts.recordFact(owner.address, 0, pubKeyHash(7)); // another key
    expectRejected(state, () => block.applyTx(tx), "ONCHAIN_AUTH_FACT_MISSING");
    facts.recordFact(owner.address, 0, NEW_KEY);
    facts.recordResetRequest(owner.address, 0);
    expectRejected(state, () => block.applyTx(tx), "ONCHAIN_AUTH_FACT_RESET_PENDING");
    facts.recordFact(owner.address, 0, NEW_KEY); // the replacement after the delay ends the reset
    block.applyTx(tx);
    expect(state.account(id)?.pubKeyHash).toBe(NEW_KEY);
    block.abandon();
    // the default lookup knows no fact
    const { state: defaults, id: same } = stateWithOwner(owner.address.toLowerCase(), { onchainAuthFacts: undefined });
    const other = openBlock(defaults, 2);
    expectRejected(defaults, () => other.applyTx(tx), "ONCHAIN_AUTH_FACT_MISSING");
    expect(same).toBe(id);
  });

  it("CREATE2: the account must be the CREATE2 address of the new key, with nonce 0", () => {
    const create2 = { creatorAddress: `0x${"12".repeat(20)}`, saltArg: `0x${"34".repeat(32)}`, codeHash: `0x${"56".repeat(32)}` };
    const { address } = getCreate2AddressAndSalt(NEW_KEY, create2);
    const { state, id } = stateWithOwner(address);
    const block = openBlock(state, 2);
    const wrongKey = pubKeyHash(3);
    expectRejected(
      state,
      () => block.applyTx(changePubKey(id, { account: address, newPkHash: wrongKey, signature: signedBy(wrongKey), ethAuthData: { type: "CREATE2", ...create2 } })),
      "INVALID_CHANGE_PUBKEY_AUTH",
    );
    block.applyTx(changePubKey(id, { account: address, ethAuthData: { type: "CREATE2", ...create2 } }));
    expect(state.account(id)?.pubKeyHash).toBe(NEW_KEY);
    // A second CREATE2 change (nonce 1) is refused.
    expectRejected(state, () => block.applyTx(changePubKey(id, { account: address, nonce: 1, ethAuthData: { type: "CREATE2", ...create2 } })), "INVALID_CHANGE_PUBKEY_AUTH");
  });

  it("legacy ethSignature (no ethAuthData): personal_sign over the Register text", async () => {
    const { state, id } = stateWithOwner();
    const good = await owner.signMessage(getChangePubkeyLegacyMessage(NEW_KEY, 0, id));
    const bad = await stranger.signMessage(getChangePubkeyLegacyMessage(NEW_KEY, 0, id));
    const block = openBlock(state, 2);
    expectRejected(state, () => block.applyTx(changePubKey(id, { account: owner.address, ethAuthData: undefined, ethSignature: bad })), "INVALID_CHANGE_PUBKEY_AUTH");
    block.applyTx(changePubKey(id, { account: owner.address, ethAuthData: undefined, ethSignature: good }));
    expect(block.seal().onchainOperations[0]?.ethWitness[0]).toBe(2);
  });

  it("ACCOUNT_NOT_FOUND, ACCOUNT_ID_MISMATCH, INVALID_FEE_TOKEN, INSUFFICIENT_BALANCE, NONCE_MISMATCH, TIME_RANGE", () => {
    const { state, id } = stateWithOwner();
    const block = openBlock(state, 2, 100);
    expectRejected(state, () => block.applyTx(changePubKey(id, { account: stranger.address })), "ACCOUNT_NOT_FOUND");
    expectRejected(state, () => block.applyTx(changePubKey(id + 1, { account: owner.address })), "ACCOUNT_ID_MISMATCH");
    expectRejected(state, () => block.applyTx(changePubKey(id, { account: owner.address, feeToken: 1024 })), "INVALID_FEE_TOKEN");
    expectRejected(state, () => block.applyTx(changePubKey(id, { account: owner.address, fee: 1001n })), "INSUFFICIENT_BALANCE");
    expectRejected(state, () => block.applyTx(changePubKey(id, { account: owner.address, nonce: 1 })), "NONCE_MISMATCH");
    expectRejected(state, () => block.applyTx(changePubKey(id, { account: owner.address, validUntil: 99 })), "TIME_RANGE");
  });

  it("INVALID_PUBKEY_HASH for each of the 8 small-order keys, also inside a batch; the state is unchanged", () => {
    const { state, id } = stateWithOwner();
    const block = openBlock(state, 2);
    expect(SMALL_ORDER_PUBKEY_HASHES.size).toBe(8);
    for (const weak of SMALL_ORDER_PUBKEY_HASHES) {
      expectRejected(state, () => block.applyTx(changePubKey(id, { account: owner.address, newPkHash: weak, signature: signedBy(weak) })), "INVALID_PUBKEY_HASH");
      const upper = `sync:${weak.slice(5).toUpperCase()}`;
      expectRejected(state, () => block.applyTx(changePubKey(id, { account: owner.address, newPkHash: upper, signature: signedBy(weak) })), "INVALID_PUBKEY_HASH");
    }
    const weak = [...SMALL_ORDER_PUBKEY_HASHES][0] as string;
    const before = snapshot(state);
    const keyThenWeak = [
      changePubKey(id, { account: owner.address }),
      changePubKey(id, { account: owner.address, nonce: 1, newPkHash: weak, signature: signedBy(weak) }),
    ];
    expectRejected(state, () => block.applyBatch(keyThenWeak), "INVALID_PUBKEY_HASH");
    expect(snapshot(state)).toBe(before);
    expect(block.operations).toEqual([]);
    block.applyTx(changePubKey(id, { account: owner.address }));
    expect(state.account(id)?.pubKeyHash).toBe(NEW_KEY);
    block.abandon();
    expect(state.account(id)?.nonce).toBe(0);
  });
});
