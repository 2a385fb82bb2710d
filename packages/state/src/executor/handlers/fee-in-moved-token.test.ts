import type { ForcedExit } from "@zklite/protocol";
import { describe, expect, it, vi } from "vitest";
import { FIRST_NONCE, address, deposit, expectRejected, fundedState, openBlock, pubKeyHash, signedBy, transfer, withdraw } from "../../../test/fixtures.js";

// Transfer, Withdraw and ForcedExit pay their fee in the token they move. The SDK lets Withdraw and
// ForcedExit move fungible tokens up to MAX_FUNGIBLE_TOKEN_ID (1023 today, but L1 treats ids up to
// 65535 as fungible). With that bound raised to 65535, the fee rule alone must keep fees in 0..1023.
vi.mock("@zklite/protocol", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@zklite/protocol")>()),
  MAX_FUNGIBLE_TOKEN_ID: 65535,
}));

const BIG_FUNGIBLE = 2000;

function forcedExit(initiator: number, target: string, fields: Partial<ForcedExit> = {}): ForcedExit {
  return {
    type: "ForcedExit",
    initiatorAccountId: initiator,
    target,
    token: BIG_FUNGIBLE,
    fee: 0n,
    nonce: FIRST_NONCE,
    validFrom: 0,
    validUntil: 2 ** 32 - 1,
    signature: signedBy(pubKeyHash(initiator)),
    ...fields,
  };
}

describe("a non-zero fee in the moved token needs a processable token (≤ 1023)", () => {
  it("Withdraw of a fungible token above 1023: fee 0 passes, a fee is INVALID_FEE_TOKEN", () => {
    const state = fundedState(1, 1000n, [0, BIG_FUNGIBLE, 1023]);
    const block = openBlock(state, 2);
    expectRejected(state, () => block.applyTx(withdraw(1, 5n, { token: BIG_FUNGIBLE, fee: 1n })), "INVALID_FEE_TOKEN");
    expectRejected(state, () => block.applyTx(withdraw(1, 5n, { token: 1024, fee: 1n })), "INVALID_FEE_TOKEN");
    block.applyTx(withdraw(1, 5n, { token: BIG_FUNGIBLE }));
    block.applyTx(withdraw(1, 5n, { token: 1023, fee: 1n, nonce: FIRST_NONCE + 1 }));
    expect(state.balance(1, BIG_FUNGIBLE)).toBe(995n);
    expect(block.seal().fees).toEqual(new Map([[1023, 1n]]));
  });

  it("ForcedExit of a fungible token above 1023: fee 0 passes, a fee is INVALID_FEE_TOKEN", () => {
    const state = fundedState(1, 1000n, [BIG_FUNGIBLE]);
    const block = openBlock(state, 2);
    block.applyPriorityOp(deposit(address(50), 777n, BIG_FUNGIBLE));
    expectRejected(state, () => block.applyTx(forcedExit(1, address(50), { fee: 1n })), "INVALID_FEE_TOKEN");
    const op = block.applyTx(forcedExit(1, address(50)));
    expect(op).toMatchObject({ type: "ForcedExit", token: BIG_FUNGIBLE, amount: 777n, fee: 0n });
    expect(block.seal().fees.size).toBe(0);
  });

  it("Transfer keeps the same rule", () => {
    const state = fundedState(2, 1000n, [BIG_FUNGIBLE]);
    const block = openBlock(state, 2);
    expectRejected(state, () => block.applyTx(transfer(1, address(2), 1n, { token: BIG_FUNGIBLE, fee: 1n })), "INVALID_FEE_TOKEN");
    block.applyTx(transfer(1, address(2), 1n, { token: BIG_FUNGIBLE }));
  });
});
