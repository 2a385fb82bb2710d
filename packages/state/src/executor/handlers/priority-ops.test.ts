import type { FullExit } from "@zklite/protocol";
import { describe, expect, it } from "vitest";
import { FIRST_NONCE, address, deposit, expectRejected, fundedState, newState, openBlock, pubKeyHash, signedBy } from "../../../test/fixtures.js";

const fullExit = (accountId: number, owner: string, token = 0): FullExit => ({ type: "FullExit", accountId, ethAddress: owner, token });

describe("Deposit", () => {
  it("creates the recipient's account at the next free id, then credits existing accounts", () => {
    const state = newState();
    const block = openBlock(state);
    expect(block.applyPriorityOp(deposit(address(7), 100n, 3))).toEqual({ type: "Deposit", accountId: 1, token: 3, amount: 100n, to: address(7) });
    expect(block.applyPriorityOp(deposit(address(7), 5n, 3))).toEqual({ type: "Deposit", accountId: 1, token: 3, amount: 5n, to: address(7) });
    expect(state.balance(1, 3)).toBe(105n);
    expect(state.nextAccountId).toBe(2);
  });

  it("INVALID_TOKEN for non-processable tokens, INVALID_RECIPIENT for the NFT storage account, ZERO_ADDRESS for 0x0", () => {
    const state = newState();
    const block = openBlock(state);
    expectRejected(state, () => block.applyPriorityOp(deposit(address(7), 1n, 1024)), "INVALID_TOKEN");
    expectRejected(state, () => block.applyPriorityOp(deposit(`0x${"ff".repeat(20)}`, 1n)), "INVALID_RECIPIENT");
    expectRejected(state, () => block.applyPriorityOp(deposit(address(7), 1n << 128n)), "AMOUNT_TOO_BIG");
    expectRejected(state, () => block.applyPriorityOp(deposit(address(0), 1n)), "ZERO_ADDRESS");
  });
});

describe("FullExit", () => {
  it("withdraws the whole balance for the owner", () => {
    const state = fundedState(1, 500n);
    const op = openBlock(state, 2).applyPriorityOp(fullExit(1, address(1)));
    expect(op).toMatchObject({ type: "FullExit", accountId: 1, owner: address(1), token: 0, amount: 500n, nftCreatorId: 0, nftSerialId: 0 });
    expect(state.balance(1, 0)).toBe(0n);
  });

  it("never fails: amount 0 for a wrong owner, an empty balance, a missing account, the storage account, a bad token", () => {
    const state = fundedState(1, 500n);
    const block = openBlock(state, 2);
    for (const request of [fullExit(1, address(2)), fullExit(1, address(1), 7), fullExit(40, address(40)), fullExit(state.nftStorageAccountId, `0x${"ff".repeat(20)}`, 2 ** 31 - 2), fullExit(1, address(1), 2 ** 31 - 2)]) {
      expect(block.applyPriorityOp(request)).toMatchObject({ type: "FullExit", amount: 0n });
    }
    expect(state.balance(1, 0)).toBe(500n);
  });

  it("withdraws an NFT with its creator, serial id and content hash", () => {
    const state = fundedState(1);
    const block = openBlock(state, 2);
    const content = `0x${"11".repeat(32)}`;
    block.applyTx({
      type: "MintNFT",
      creatorId: 1,
      creatorAddress: address(1),
      contentHash: content,
      recipient: address(1),
      fee: 0n,
      feeToken: 0,
      nonce: FIRST_NONCE,
      signature: signedBy(pubKeyHash(1)),
    });
    const op = block.applyPriorityOp(fullExit(1, address(1), 65536));
    expect(op).toEqual({
      type: "FullExit",
      accountId: 1,
      owner: address(1),
      token: 65536,
      amount: 1n,
      nftCreatorId: 1,
      nftCreatorAddress: address(1),
      nftSerialId: 0,
      nftContentHash: content,
    });
    expect(state.balance(1, 65536)).toBe(0n);
  });
});
