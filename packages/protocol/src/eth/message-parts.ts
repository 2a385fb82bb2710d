/**
 * Ethereum ("2FA") message texts from already formatted strings, as zksync.js `EthMessageSigner` builds
 * them (§2.5). A `null`/absent `string…` field omits its line (zero amount or fee). Addresses and hashes
 * are validated and written in lowercase, as the server writes them.
 */
import { parseAddress, parsePubKeyHash } from "../address.js";
import { parseUint, type AmountLike } from "../amount.js";
import { toHex } from "../bytes.js";
import { MAX_NONCE, MAX_NUMBER_OF_TOKENS, MAX_PRICE } from "../constants.js";
import { describeValue, protocolError, requireObject } from "../errors.js";
import { requireInteger } from "../integers.js";
import { serializeContentHash } from "../tx/fields.js";

/** Formatted amount text, or null/undefined to omit the line. */
type OptionalText = string | null | undefined;

function checkedInput<T extends object>(input: T): T {
  return requireObject(input, "message input", "INVALID_MESSAGE_INPUT");
}

function requireText(value: unknown, what: string): string {
  if (typeof value !== "string") {
    throw protocolError("INVALID_MESSAGE_INPUT", `${what} must be a string, got ${describeValue(value)}`);
  }
  return value;
}

function optionalText(value: OptionalText, what: string): string | null {
  return value === null || value === undefined ? null : requireText(value, what);
}

const feeLine = (fee: OptionalText, token: string): string =>
  optionalText(fee, "stringFee") === null ? "" : `\nFee: ${fee} ${requireText(token, "fee token symbol")}`;

function amountAndFee(kind: "Transfer" | "Withdraw", amount: OptionalText, fee: OptionalText, token: string, to: string): string {
  const lines: string[] = [];
  const recipient = parseAddress(to);
  const symbol = requireText(token, "stringToken");
  if (optionalText(amount, "stringAmount") !== null) lines.push(`${kind} ${amount} ${symbol} to: ${recipient}`);
  if (optionalText(fee, "stringFee") !== null) lines.push(`Fee: ${fee} ${symbol}`);
  return lines.join("\n");
}

export function getTransferEthMessagePart(tx: { stringAmount: OptionalText; stringToken: string; stringFee: OptionalText; to: string }): string {
  const t = checkedInput(tx);
  return amountAndFee("Transfer", t.stringAmount, t.stringFee, t.stringToken, t.to);
}

export function getWithdrawEthMessagePart(tx: {
  stringAmount: OptionalText;
  stringToken: string;
  stringFee: OptionalText;
  ethAddress: string;
}): string {
  const t = checkedInput(tx);
  return amountAndFee("Withdraw", t.stringAmount, t.stringFee, t.stringToken, t.ethAddress);
}

export function getChangePubKeyEthMessagePart(tx: { pubKeyHash: string; stringToken: string; stringFee: OptionalText }): string {
  const t = checkedInput(tx);
  return `Set signing key: ${parsePubKeyHash(t.pubKeyHash).slice("sync:".length)}${feeLine(t.stringFee, t.stringToken)}`;
}

export function getForcedExitEthMessagePart(tx: { stringToken: string; stringFee: OptionalText; target: string }): string {
  const t = checkedInput(tx);
  const symbol = requireText(t.stringToken, "stringToken");
  return `ForcedExit ${symbol} to: ${parseAddress(t.target)}${feeLine(t.stringFee, symbol)}`;
}

export function getMintNFTEthMessagePart(tx: {
  stringFeeToken: string;
  stringFee: OptionalText;
  recipient: string;
  contentHash: string;
}): string {
  const t = checkedInput(tx);
  const contentHash = toHex(serializeContentHash(t.contentHash));
  return `MintNFT ${contentHash} for: ${parseAddress(t.recipient)}${feeLine(t.stringFee, t.stringFeeToken)}`;
}

export function getWithdrawNFTEthMessagePart(tx: {
  token: number;
  to: string;
  stringFee: OptionalText;
  stringFeeToken: string;
}): string {
  const t = checkedInput(tx);
  const token = requireInteger(t.token, 0, MAX_NUMBER_OF_TOKENS - 1, "token id", "TOKEN_ID_OUT_OF_RANGE");
  return `WithdrawNFT ${token} to: ${parseAddress(t.to)}${feeLine(t.stringFee, t.stringFeeToken)}`;
}

/** Empty when the fee is absent or "0". */
export function getSwapEthSignMessagePart(swap: { fee: OptionalText; feeToken: string }): string {
  const s = checkedInput(swap);
  const fee = optionalText(s.fee, "fee");
  return fee === null || fee === "0" ? "" : `Swap fee: ${fee} ${requireText(s.feeToken, "feeToken")}`;
}

/** The whole message a maker signs for an Order (it has its own Nonce line); `amount` absent or "0" = limit order. */
export function getOrderEthSignMessage(order: {
  tokenSell: string;
  tokenBuy: string;
  recipient: string;
  amount: OptionalText;
  ratio: readonly [AmountLike, AmountLike];
  nonce: number;
}): string {
  const o = checkedInput(order);
  const sell = requireText(o.tokenSell, "tokenSell");
  const buy = requireText(o.tokenBuy, "tokenBuy");
  const amount = optionalText(o.amount, "amount");
  if (!Array.isArray(o.ratio) || o.ratio.length !== 2) {
    throw protocolError("INVALID_MESSAGE_INPUT", `ratio must be a pair, got ${describeValue(o.ratio)}`);
  }
  const ratioSell = parseUint(o.ratio[0], "ratio component", MAX_PRICE);
  const ratioBuy = parseUint(o.ratio[1], "ratio component", MAX_PRICE);
  const head = amount === null || amount === "0" ? `Limit order for ${sell} -> ${buy}` : `Order for ${amount} ${sell} -> ${buy}`;
  return [head, `Ratio: ${ratioSell}:${ratioBuy}`, `Address: ${parseAddress(o.recipient)}`, nonceLine(o.nonce)].join("\n");
}

/** A single transaction's message: its part, then `Nonce: n` (on its own when the part is empty). */
export function getEthSignMessage(messagePart: string, nonce: number): string {
  const part = requireText(messagePart, "message part");
  return part === "" ? nonceLine(nonce) : `${part}\n${nonceLine(nonce)}`;
}

function nonceLine(nonce: number): string {
  return `Nonce: ${requireInteger(nonce, 0, MAX_NONCE, "nonce", "NONCE_OUT_OF_RANGE")}`;
}
