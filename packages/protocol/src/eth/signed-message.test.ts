import fc from "fast-check";
import { hashMessage, keccak256, toUtf8String } from "ethers";
import { describe, expect, it } from "vitest";
import { getSignedBytesFromMessage, getToggle2FAMessage } from "./signed-message.js";

describe("signed Ethereum messages", () => {
  it("prefix like EIP-191 personal_sign (ethers hashMessage)", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: "grapheme" }), fc.uint8Array({ maxLength: 200 })), (message) => {
        expect(keccak256(getSignedBytesFromMessage(message, true))).toBe(hashMessage(message));
        const raw = getSignedBytesFromMessage(message, false);
        expect(typeof message === "string" ? toUtf8String(raw) : raw).toEqual(message);
      }),
    );
  });

  it("write the 2FA toggle texts of §2.5", () => {
    expect(toUtf8String(getToggle2FAMessage(true, 1700000000000))).toBe(
      "By signing this message, you are opting into Two-factor Authentication protection by the zkSync Server.\n" +
        "Transactions now require signatures by both your L1 and L2 private key.\nTimestamp: 1700000000000",
    );
    const pkh = `sync:${"ab".repeat(20)}`;
    expect(toUtf8String(getToggle2FAMessage(false, 5, pkh))).toBe(
      "You are opting out of Two-factor Authentication protection by the zkSync Server.\n" +
        "Transactions now only require signatures by your L2 private key.\n" +
        "BY SIGNING THIS MESSAGE, YOU ARE TRUSTING YOUR WALLET CLIENT TO KEEP YOUR L2 PRIVATE KEY SAFE!\n" +
        `Timestamp: 5\nPubKeyHash: ${pkh}`,
    );
  });
});
