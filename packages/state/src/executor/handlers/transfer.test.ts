import { describe, expect, it } from "vitest";
import { writableTree } from "../../state/mutable-state-tree.js";
import { BAD_SIGNATURE, address, expectRejected, fundedState, openBlock, pubKeyHash, signedBy, transfer } from "../../../test/fixtures.js";

describe("Transfer", () => {
  it("moves amount + fee, bumps the nonce and credits the fee at seal", () => {
    const state = fundedState(2);
    const block = openBlock(state, 2);
    const op = block.applyTx(transfer(1, address(2), 300n, { fee: 7n }));
    expect(op).toEqual({ type: "Transfer", fromId: 1, token: 0, toId: 2, amount: 300n, fee: 7n });
    expect(state.balance(1, 0)).toBe(10n ** 18n - 307n);
    expect(state.balance(2, 0)).toBe(10n ** 18n + 300n);
    expect(state.account(1)?.nonce).toBe(2);
    const feeBefore = state.balance(0, 0);
    const sealed = block.seal();
    expect(state.balance(0, 0)).toBe(feeBefore + 7n);
    expect(sealed.fees.get(0)).toBe(7n);
  });

  it("becomes TransferToNew and creates the recipient when it has no account", () => {
    const state = fundedState(1);
    const block = openBlock(state, 2);
    const id = state.nextAccountId;
    const op = block.applyTx(transfer(1, address(77), 5n));
    expect(op).toEqual({ type: "TransferToNew", fromId: 1, token: 0, amount: 5n, to: address(77), toId: id, fee: 0n });
    expect(state.accountByAddress(address(77))?.id).toBe(id);
    expect(state.balance(id, 0)).toBe(5n);
    expect(state.nextAccountId).toBe(id + 1);
  });

  it("to oneself only charges the fee", () => {
    const state = fundedState(1);
    openBlock(state, 2).applyTx(transfer(1, address(1), 100n, { fee: 3n }));
    expect(state.balance(1, 0)).toBe(10n ** 18n - 3n);
  });

  it("NONCE_MISMATCH", () => {
    const state = fundedState(2);
    const block = openBlock(state, 2);
    expectRejected(state, () => block.applyTx(transfer(1, address(2), 1n, { nonce: 2 })), "NONCE_MISMATCH");
    block.applyTx(transfer(1, address(2), 1n, { nonce: 1 }));
    expect(state.account(1)?.nonce).toBe(2);
    expectRejected(state, () => block.applyTx(transfer(1, address(2), 1n, { nonce: 1 })), "NONCE_MISMATCH");
  });

  it("INSUFFICIENT_BALANCE counts amount + fee", () => {
    const state = fundedState(2, 1000n);
    const block = openBlock(state, 2);
    expectRejected(state, () => block.applyTx(transfer(1, address(2), 1000n, { fee: 1n })), "INSUFFICIENT_BALANCE");
    block.applyTx(transfer(1, address(2), 999n, { fee: 1n }));
    expect(state.balance(1, 0)).toBe(0n);
  });

  it("INVALID_SIGNATURE and WRONG_SIGNER", () => {
    const state = fundedState(2);
    const block = openBlock(state, 2);
    expectRejected(state, () => block.applyTx(transfer(1, address(2), 1n, { signature: BAD_SIGNATURE })), "INVALID_SIGNATURE");
    expectRejected(state, () => block.applyTx(transfer(1, address(2), 1n, { signature: undefined })), "INVALID_SIGNATURE");
    expectRejected(state, () => block.applyTx(transfer(1, address(2), 1n, { signature: signedBy(pubKeyHash(2)) })), "WRONG_SIGNER");
  });

  it("ACCOUNT_LOCKED for an account without a signing key", () => {
    const state = fundedState(1);
    const block = openBlock(state, 2);
    block.applyTx(transfer(1, address(9), 10n));
    const locked = state.accountByAddress(address(9));
    expect(locked?.pubKeyHash).toBe(`sync:${"0".repeat(40)}`);
    const id = locked?.id as number;
    const zeroKey = signedBy(`sync:${"0".repeat(40)}`);
    expectRejected(state, () => block.applyTx(transfer(id, address(1), 1n, { from: address(9), nonce: 0, signature: zeroKey })), "ACCOUNT_LOCKED");
  });

  it("NOT_PACKABLE amount or fee", () => {
    const state = fundedState(2);
    const block = openBlock(state, 2);
    expectRejected(state, () => block.applyTx(transfer(1, address(2), 34359738369n * 10n + 1n)), "NOT_PACKABLE");
    expectRejected(state, () => block.applyTx(transfer(1, address(2), 1n, { fee: 2049n })), "NOT_PACKABLE");
    block.applyTx(transfer(1, address(2), 34359738360n, { fee: 2047n }));
  });

  it("TIME_RANGE: the block timestamp must lie in [validFrom, validUntil]", () => {
    const state = fundedState(2);
    const block = openBlock(state, 2, 1000);
    expectRejected(state, () => block.applyTx(transfer(1, address(2), 1n, { validFrom: 1001, validUntil: 2000 })), "TIME_RANGE");
    expectRejected(state, () => block.applyTx(transfer(1, address(2), 1n, { validFrom: 0, validUntil: 999 })), "TIME_RANGE");
    block.applyTx(transfer(1, address(2), 1n, { validFrom: 1000, validUntil: 1000 }));
  });

  it("ZERO_ADDRESS recipient", () => {
    const state = fundedState(1);
    expectRejected(state, () => openBlock(state, 2).applyTx(transfer(1, address(0), 1n)), "ZERO_ADDRESS");
  });

  it("ACCOUNT_ID_MISMATCH and ACCOUNT_NOT_FOUND for the sender", () => {
    const state = fundedState(2);
    const block = openBlock(state, 2);
    expectRejected(state, () => block.applyTx(transfer(1, address(2), 1n, { accountId: 2 })), "ACCOUNT_ID_MISMATCH");
    expectRejected(state, () => block.applyTx(transfer(5, address(2), 1n)), "ACCOUNT_NOT_FOUND");
  });

  it("INVALID_TOKEN beyond max_token_id; INVALID_FEE_TOKEN for a fee in a non-processable token", () => {
    const state = fundedState(2);
    const block = openBlock(state, 2);
    expectRejected(state, () => block.applyTx(transfer(1, address(2), 0n, { token: 2 ** 31 - 2 })), "INVALID_TOKEN");
    expectRejected(state, () => block.applyTx(transfer(1, address(2), 0n, { token: 1024, fee: 1n })), "INVALID_FEE_TOKEN");
    expectRejected(state, () => block.applyTx(transfer(1, address(2), 1n, { token: 1024 })), "INSUFFICIENT_BALANCE");
  });

  it("INVALID_RECIPIENT: nothing goes to the NFT storage account", () => {
    const state = fundedState(1);
    expectRejected(state, () => openBlock(state, 2).applyTx(transfer(1, `0x${"ff".repeat(20)}`, 1n)), "INVALID_RECIPIENT");
  });

  it("ACCOUNT_TREE_FULL when no account id is left", () => {
    const state = fundedState(1, 10n ** 18n, [0], { accountTreeDepth: 2 });
    const block = openBlock(state, 2);
    block.applyTx(transfer(1, address(50), 1n)); // id 2; id 3 is the NFT storage account
    expectRejected(state, () => block.applyTx(transfer(1, address(51), 1n, { nonce: 2 })), "ACCOUNT_TREE_FULL");
  });

  it("NONCE_OVERFLOW when the nonce is at u32::MAX; BALANCE_OVERFLOW when a balance would exceed u128", () => {
    const state = fundedState(2);
    const tree = writableTree(state.tree); // edge values no transaction could reach in a test
    tree.setNonce(1, 2 ** 32 - 1);
    tree.setBalance(2, 5, (1n << 128n) - 1n);
    tree.setBalance(1, 5, 10n);
    const block = openBlock(state, 2);
    expectRejected(state, () => block.applyTx(transfer(1, address(2), 1n, { nonce: 2 ** 32 - 1 })), "NONCE_OVERFLOW");
    tree.setNonce(1, 7);
    expectRejected(state, () => block.applyTx(transfer(1, address(2), 1n, { token: 5, nonce: 7 })), "BALANCE_OVERFLOW");
    block.applyTx(transfer(1, address(2), 0n, { token: 5, nonce: 7 }));
  });
});
