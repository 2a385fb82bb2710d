import { describe, expect, it } from "vitest";
import { BAD_SIGNATURE, FIRST_NONCE, address, expectRejected, fundedState, openBlock, order, pubKeyHash, signedBy, swap } from "../../../test/fixtures.js";

// Accounts 1 and 2 hold 10^18 of tokens 0 and 1; account 3 submits.
const setup = () => fundedState(3, 10n ** 18n, [0, 1]);

describe("Swap", () => {
  it("exchanges the amounts, charges the submitter and bumps nonces per the nonce mask", () => {
    const state = setup();
    const block = openBlock(state, 2);
    const a = order(1, { tokenSell: 0, tokenBuy: 1, ratio: [1n, 2n], amount: 100n });
    const b = order(2, { tokenSell: 1, tokenBuy: 0, ratio: [2n, 1n], amount: 0n, recipient: address(3) });
    const op = block.applyTx(swap(3, [a, b], [100n, 200n], { fee: 4n }));
    expect(op).toEqual({
      type: "Swap",
      accountA: 1,
      recipientA: 1,
      accountB: 2,
      recipientB: 3,
      submitterId: 3,
      tokenA: 0,
      tokenB: 1,
      feeToken: 0,
      amountA: 100n,
      amountB: 200n,
      fee: 4n,
      nonceMask: 1,
    });
    expect(state.balance(1, 0)).toBe(10n ** 18n - 100n);
    expect(state.balance(1, 1)).toBe(10n ** 18n + 200n);
    expect(state.balance(2, 1)).toBe(10n ** 18n - 200n);
    expect(state.balance(3, 0)).toBe(10n ** 18n + 100n - 4n);
    expect([1, 2, 3].map((id) => state.account(id)?.nonce)).toEqual([FIRST_NONCE + 1, FIRST_NONCE, FIRST_NONCE + 1]);
    // B's limit order (amount 0) is still valid at the same nonce.
    block.applyTx(swap(3, [a.amount === 100n ? { ...a, nonce: FIRST_NONCE + 1 } : a, b], [100n, 200n], { nonce: FIRST_NONCE + 1 }));
  });

  it("a maker who submits has its nonce bumped once and may pay the fee from the sold token", () => {
    const state = setup();
    const block = openBlock(state, 2);
    const a = order(1, { amount: 10n });
    const b = order(2, { tokenSell: 1, tokenBuy: 0, amount: 10n });
    block.applyTx(swap(1, [a, b], [10n, 10n], { fee: 1n }));
    expect(state.account(1)?.nonce).toBe(FIRST_NONCE + 1);
    expect(state.account(2)?.nonce).toBe(FIRST_NONCE + 1);
    expect(state.balance(1, 0)).toBe(10n ** 18n - 11n);
  });

  it("INVALID_SWAP: mismatched tokens, same token, same maker, wrong fill amount", () => {
    const state = setup();
    const block = openBlock(state, 2);
    const a = order(1);
    const b = order(2, { tokenSell: 1, tokenBuy: 0 });
    expectRejected(state, () => block.applyTx(swap(3, [a, { ...b, tokenBuy: 2 }], [1n, 1n])), "INVALID_SWAP");
    expectRejected(state, () => block.applyTx(swap(3, [{ ...a, tokenBuy: 0 }, { ...b, tokenSell: 0 }], [1n, 1n])), "INVALID_SWAP");
    expectRejected(state, () => block.applyTx(swap(3, [a, { ...b, accountId: 1, signature: signedBy(pubKeyHash(1)) }], [1n, 1n])), "INVALID_SWAP");
    expectRejected(state, () => block.applyTx(swap(3, [{ ...a, amount: 5n }, b], [4n, 4n])), "INVALID_SWAP");
    block.applyTx(swap(3, [a, b], [1n, 1n]));
  });

  it("PRICE_MISMATCH when a maker would get less than its ratio", () => {
    const state = setup();
    const block = openBlock(state, 2);
    const a = order(1, { ratio: [1n, 2n] }); // A wants ≥ 2 of token 1 per token 0
    const b = order(2, { tokenSell: 1, tokenBuy: 0, ratio: [2n, 1n] }); // B gives up to 2 of token 1 per token 0
    expectRejected(state, () => block.applyTx(swap(3, [a, b], [10n, 19n])), "PRICE_MISMATCH");
    expectRejected(state, () => block.applyTx(swap(3, [a, { ...b, ratio: [1n, 2n] }], [10n, 20n])), "PRICE_MISMATCH");
    block.applyTx(swap(3, [a, b], [10n, 20n]));
  });

  it("order signatures, maker nonces, balances, recipients and the submitter's signature are checked", () => {
    const state = setup();
    const block = openBlock(state, 2);
    const a = order(1);
    const b = order(2, { tokenSell: 1, tokenBuy: 0 });
    expectRejected(state, () => block.applyTx(swap(3, [{ ...a, signature: BAD_SIGNATURE }, b], [1n, 1n])), "INVALID_SIGNATURE");
    expectRejected(state, () => block.applyTx(swap(3, [a, { ...b, signature: signedBy(pubKeyHash(1)) }], [1n, 1n])), "WRONG_SIGNER");
    expectRejected(state, () => block.applyTx(swap(3, [{ ...a, nonce: 0 }, b], [1n, 1n])), "NONCE_MISMATCH");
    expectRejected(state, () => block.applyTx(swap(3, [a, b], [1n, 1n], { nonce: 0 })), "NONCE_MISMATCH");
    expectRejected(state, () => block.applyTx(swap(3, [a, b], [2n * 10n ** 18n, 2n * 10n ** 18n])), "INSUFFICIENT_BALANCE");
    expectRejected(state, () => block.applyTx(swap(3, [{ ...a, recipient: address(55) }, b], [1n, 1n])), "ACCOUNT_NOT_FOUND");
    expectRejected(state, () => block.applyTx(swap(3, [a, b], [1n, 1n], { signature: BAD_SIGNATURE })), "INVALID_SIGNATURE");
    expectRejected(state, () => block.applyTx(swap(3, [a, b], [1n, 1n], { feeToken: 2000 })), "INVALID_FEE_TOKEN");
    expectRejected(state, () => block.applyTx(swap(3, [a, b], [34359738369n * 10n + 1n, 1n])), "NOT_PACKABLE");
  });

  it("TIME_RANGE: the block timestamp must lie in both orders' ranges", () => {
    const state = setup();
    const block = openBlock(state, 2, 500);
    const b = order(2, { tokenSell: 1, tokenBuy: 0 });
    expectRejected(state, () => block.applyTx(swap(3, [order(1, { validUntil: 499 }), b], [1n, 1n])), "TIME_RANGE");
    block.applyTx(swap(3, [order(1, { validFrom: 500, validUntil: 500 }), b], [1n, 1n]));
  });
});
