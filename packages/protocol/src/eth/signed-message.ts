import { utf8ToBytes } from "@noble/hashes/utils.js";
import { parsePubKeyHash } from "../address.js";
import { concatBytes, requireBytes } from "../bytes.js";
import { describeValue, protocolError } from "../errors.js";

/**
 * zksync.js `getSignedBytesFromMessage`: the UTF-8 bytes of a text message (or the bytes themselves),
 * optionally behind the EIP-191 prefix `"\x19Ethereum Signed Message:\n" + length`.
 */
export function getSignedBytesFromMessage(message: string | Uint8Array, addPrefix: boolean): Uint8Array {
  const bytes = typeof message === "string" ? utf8ToBytes(message) : requireBytes(message, "message", "INVALID_MESSAGE_INPUT");
  if (typeof addPrefix !== "boolean") {
    throw protocolError("INVALID_MESSAGE_INPUT", `addPrefix must be a boolean, got ${describeValue(addPrefix)}`);
  }
  return addPrefix ? concatBytes(utf8ToBytes(`\x19Ethereum Signed Message:\n${bytes.length}`), bytes) : bytes;
}

/** zksync.js `getToggle2FAMessage`: the UTF-8 message that turns 2FA on or off. `timestamp` is in ms. */
export function getToggle2FAMessage(require2FA: boolean, timestamp: number, pubKeyHash?: string): Uint8Array {
  if (typeof require2FA !== "boolean" || !Number.isSafeInteger(timestamp) || timestamp < 0) {
    throw protocolError("INVALID_MESSAGE_INPUT", `invalid 2FA toggle: ${describeValue(require2FA)}, ${describeValue(timestamp)}`);
  }
  const lines = require2FA
    ? [
        "By signing this message, you are opting into Two-factor Authentication protection by the zkSync Server.",
        "Transactions now require signatures by both your L1 and L2 private key.",
      ]
    : [
        "You are opting out of Two-factor Authentication protection by the zkSync Server.",
        "Transactions now only require signatures by your L2 private key.",
        "BY SIGNING THIS MESSAGE, YOU ARE TRUSTING YOUR WALLET CLIENT TO KEEP YOUR L2 PRIVATE KEY SAFE!",
      ];
  lines.push(`Timestamp: ${timestamp}`);
  if (pubKeyHash !== undefined) lines.push(`PubKeyHash: ${parsePubKeyHash(pubKeyHash)}`);
  return utf8ToBytes(lines.join("\n"));
}
