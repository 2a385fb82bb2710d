import type { ForcedExit } from "@zklite/protocol";
import { describe, expect, it } from "vitest";
import { BAD_SIGNATURE, FIRST_NONCE, address, deposit, expectRejected, fundedState, openBlock, pubKeyHash, signedBy } from "../../../test/fixtures.js";

function forcedExit(initiator: number, target: string, fields: Partial<ForcedExit> = {}): ForcedExit {
  return {
    type: "ForcedExit",
    initiatorAccountId: initiator,
    target,
    token: 0,
    fee: 0n,
    nonce: FIRST_NONCE,
    validFrom: 0,
    validUntil: 2 ** 32 - 1,
    signature: signedBy(pubKeyHash(initiator)),
    ...fields,
  };
}

describe("ForcedExit", () => {
  it("withdraws the whole balance of a keyless target; the initiator pays the fee in that token", () => {
    const state = fundedState(1);
    const block = openBlock(state, 2);
    block.applyPriorityOp(deposit(address(50), 777n));
    const target = state.accountByAddress(address(50))?.id as number;
    const op = block.applyTx(forcedExit(1, address(50), { fee: 3n }));
    expect(op).toEqual({ type: "ForcedExit", initiatorId: 1, targetId: target, token: 0, amount: 777n, fee: 3n, target: address(50) });
    expect(state.balance(target, 0)).toBe(0n);
    expect(state.balance(1, 0)).toBe(10n ** 18n - 3n);
    expect(state.account(1)?.nonce).toBe(2);
    expect(state.account(target)?.nonce).toBe(0);
  });

  it("FORCED_EXIT_NOT_ALLOWED for a target with a signing key and for the NFT storage account", () => {
    const state = fundedState(2);
    const block = openBlock(state, 2);
    expectRejected(state, () => block.applyTx(forcedExit(1, address(2))), "FORCED_EXIT_NOT_ALLOWED");
    expectRejected(state, () => block.applyTx(forcedExit(1, `0x${"ff".repeat(20)}`)), "FORCED_EXIT_NOT_ALLOWED");
  });

  it("ACCOUNT_NOT_FOUND target or initiator, ZERO_ADDRESS target, INVALID_TOKEN for NFTs", () => {
    const state = fundedState(1);
    const block = openBlock(state, 2);
    block.applyPriorityOp(deposit(address(50), 1n));
    expectRejected(state, () => block.applyTx(forcedExit(1, address(51))), "ACCOUNT_NOT_FOUND");
    expectRejected(state, () => block.applyTx(forcedExit(9, address(50))), "ACCOUNT_NOT_FOUND");
    expectRejected(state, () => block.applyTx(forcedExit(1, address(0))), "ZERO_ADDRESS");
    expectRejected(state, () => block.applyTx(forcedExit(1, address(50), { token: 65536 })), "INVALID_TOKEN");
  });

  it("initiator rules: signature, lock, nonce, fee balance", () => {
    const state = fundedState(1, 10n);
    const block = openBlock(state, 2);
    block.applyPriorityOp(deposit(address(50), 1n));
    const keyless = state.accountByAddress(address(50))?.id as number;
    expectRejected(state, () => block.applyTx(forcedExit(1, address(50), { signature: BAD_SIGNATURE })), "INVALID_SIGNATURE");
    expectRejected(state, () => block.applyTx(forcedExit(keyless, address(50), { nonce: 0 })), "ACCOUNT_LOCKED");
    expectRejected(state, () => block.applyTx(forcedExit(1, address(50), { nonce: 0 })), "NONCE_MISMATCH");
    expectRejected(state, () => block.applyTx(forcedExit(1, address(50), { fee: 11n })), "INSUFFICIENT_BALANCE");
  });
});
