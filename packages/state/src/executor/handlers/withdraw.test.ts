import { describe, expect, it } from "vitest";
import { BAD_SIGNATURE, address, expectRejected, fundedState, openBlock, withdraw } from "../../../test/fixtures.js";

describe("Withdraw", () => {
  it("debits amount + fee (full u128 amount, no packing) and emits the L1 recipient", () => {
    const state = fundedState(1);
    const block = openBlock(state, 2);
    const amount = 123456789012345678n; // not packable: withdrawals carry the full amount
    const op = block.applyTx(withdraw(1, amount, { fee: 10n, to: address(0xabc) }));
    expect(op).toEqual({ type: "Withdraw", accountId: 1, token: 0, amount, fee: 10n, to: address(0xabc) });
    expect(state.balance(1, 0)).toBe(10n ** 18n - amount - 10n);
    expect(state.account(1)?.nonce).toBe(2);
  });

  it("INVALID_TOKEN for NFTs and non-processable tokens", () => {
    const state = fundedState(1);
    const block = openBlock(state, 2);
    expectRejected(state, () => block.applyTx(withdraw(1, 1n, { token: 1024 })), "INVALID_TOKEN");
    expectRejected(state, () => block.applyTx(withdraw(1, 1n, { token: 65536 })), "INVALID_TOKEN");
    block.applyTx(withdraw(1, 0n, { token: 1023 }));
  });

  it("AMOUNT_TOO_BIG above u128, INSUFFICIENT_BALANCE, NOT_PACKABLE fee", () => {
    const state = fundedState(1);
    const block = openBlock(state, 2);
    expectRejected(state, () => block.applyTx(withdraw(1, 1n << 128n)), "AMOUNT_TOO_BIG");
    expectRejected(state, () => block.applyTx(withdraw(1, 10n ** 18n, { fee: 1n })), "INSUFFICIENT_BALANCE");
    expectRejected(state, () => block.applyTx(withdraw(1, 1n, { fee: 2049n })), "NOT_PACKABLE");
  });

  it("signature, nonce and time range rules apply", () => {
    const state = fundedState(1);
    const block = openBlock(state, 2, 50);
    expectRejected(state, () => block.applyTx(withdraw(1, 1n, { signature: BAD_SIGNATURE })), "INVALID_SIGNATURE");
    expectRejected(state, () => block.applyTx(withdraw(1, 1n, { nonce: 0 })), "NONCE_MISMATCH");
    expectRejected(state, () => block.applyTx(withdraw(1, 1n, { validFrom: 51 })), "TIME_RANGE");
  });
});
