import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { txArb } from "../testing/arbitraries.js";
import type { ChangePubKey, Transfer, Withdraw } from "../tx/types.js";
import { batchEthSignMessage, txEthMessagePart, txEthSignMessage } from "./tx-messages.js";

const A = "0xaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
const B = "0xbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
const ETH = { symbol: "ETH", decimals: 18 };
const USDC = { symbol: "USDC", decimals: 6 };
const range = { validFrom: 0, validUntil: 4294967295 };

const transfer: Transfer = { type: "Transfer", accountId: 1, from: A, to: B, token: 0, amount: 10n ** 18n, fee: 5n * 10n ** 17n, nonce: 5, ...range };
const withdraw: Withdraw = { type: "Withdraw", accountId: 1, from: A, to: A, token: 2, amount: 0n, fee: 1_500_000n, nonce: 6, ...range };
const changePubKey: ChangePubKey = {
  type: "ChangePubKey",
  accountId: 1,
  account: A,
  newPkHash: "sync:18e8446d7748f2de52b28345bdbc76160e6b35eb",
  feeToken: 0,
  fee: 0n,
  nonce: 7,
  ...range,
};

describe("transaction and batch messages", () => {
  it("write a single-sender batch as parts then the first nonce (§2.5)", () => {
    const message = batchEthSignMessage([
      { tx: transfer, token: ETH, sender: A },
      { tx: changePubKey, token: ETH, sender: A },
      { tx: withdraw, token: USDC, sender: A },
    ]);
    expect(message).toBe(
      [
        `Transfer 1.0 ETH to: ${B}`,
        "Fee: 0.5 ETH",
        "Set signing key: 18e8446d7748f2de52b28345bdbc76160e6b35eb",
        "Fee: 1.5 USDC",
        "Nonce: 5",
      ].join("\n"),
    );
  });

  it("group consecutive transactions per sender with From lines and blank-line separators", () => {
    const fromB: Transfer = { ...transfer, from: B, to: A, amount: 0n, fee: 10n ** 16n, nonce: 40 };
    const message = batchEthSignMessage([
      { tx: transfer, token: ETH, sender: A },
      { tx: fromB, token: ETH, sender: B.toUpperCase().replace("0X", "0x") },
      { tx: withdraw, token: USDC, sender: A },
    ]);
    expect(message).toBe(
      `From: ${A}\nTransfer 1.0 ETH to: ${B}\nFee: 0.5 ETH\nNonce: 5\n\n` +
        `From: ${B}\nFee: 0.01 ETH\nNonce: 40\n\n` +
        `From: ${A}\nFee: 1.5 USDC\nNonce: 6`,
    );
  });

  it("make a one-transaction batch equal to that transaction's message", () => {
    fc.assert(
      fc.property(txArb, (tx) => {
        const single = batchEthSignMessage([{ tx, token: ETH, sender: A }]);
        const part = txEthMessagePart(tx, ETH);
        expect(single).toBe(part === "" ? `Nonce: ${tx.nonce}` : `${part}\nNonce: ${tx.nonce}`);
        if (tx.type !== "ChangePubKey") expect(txEthSignMessage(tx, ETH)).toBe(single);
      }),
      { numRuns: 100 },
    );
  });

  it("refuse empty batches and a text message for ChangePubKey", () => {
    expect(() => batchEthSignMessage([])).toThrow(expect.objectContaining({ code: "INVALID_MESSAGE_INPUT" }));
    expect(() => txEthSignMessage(changePubKey as never, ETH)).toThrow(expect.objectContaining({ code: "INVALID_MESSAGE_INPUT" }));
  });
});
