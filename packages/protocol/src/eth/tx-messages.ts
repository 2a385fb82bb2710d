/**
 * Ethereum messages of whole transactions and batches, formatted from amounts and token data the way the
 * server checks them (Rust `get_ethereum_sign_message*`, `EthBatchSignData`): zero amounts and fees are
 * omitted.
 */
import { parseAddress, type Address } from "../address.js";
import { parseAmount, type AmountLike } from "../amount.js";
import { describeValue, protocolError, requireObject } from "../errors.js";
import type { OrderInput, TxInput } from "../tx/types.js";
import { formatUnits, requireSymbol, type TokenDisplay } from "../units.js";
import {
  getChangePubKeyEthMessagePart,
  getEthSignMessage,
  getForcedExitEthMessagePart,
  getMintNFTEthMessagePart,
  getOrderEthSignMessage,
  getSwapEthSignMessagePart,
  getTransferEthMessagePart,
  getWithdrawEthMessagePart,
  getWithdrawNFTEthMessagePart,
} from "./message-parts.js";

/** Formatted amount, or null for zero (the line is then omitted). */
function nonZero(amount: AmountLike, token: TokenDisplay): string | null {
  return parseAmount(amount) === 0n ? null : formatUnits(amount, token.decimals);
}

/**
 * The message part of a transaction (no Nonce line). `token` is the token the amounts are in: the
 * transferred token for Transfer, Withdraw and ForcedExit, the fee token for the others.
 */
export function txEthMessagePart(tx: TxInput, token: TokenDisplay): string {
  requireObject(tx, "transaction", "INVALID_MESSAGE_INPUT");
  const symbol = requireSymbol(token);
  switch (tx.type) {
    case "Transfer":
      return getTransferEthMessagePart({
        stringAmount: nonZero(tx.amount, token),
        stringFee: nonZero(tx.fee, token),
        stringToken: symbol,
        to: tx.to,
      });
    case "Withdraw":
      return getWithdrawEthMessagePart({
        stringAmount: nonZero(tx.amount, token),
        stringFee: nonZero(tx.fee, token),
        stringToken: symbol,
        ethAddress: tx.to,
      });
    case "ChangePubKey":
      return getChangePubKeyEthMessagePart({ pubKeyHash: tx.newPkHash, stringFee: nonZero(tx.fee, token), stringToken: symbol });
    case "ForcedExit":
      return getForcedExitEthMessagePart({ stringFee: nonZero(tx.fee, token), stringToken: symbol, target: tx.target });
    case "MintNFT":
      return getMintNFTEthMessagePart({
        stringFee: nonZero(tx.fee, token),
        stringFeeToken: symbol,
        recipient: tx.recipient,
        contentHash: tx.contentHash,
      });
    case "WithdrawNFT":
      return getWithdrawNFTEthMessagePart({ token: tx.token, to: tx.to, stringFee: nonZero(tx.fee, token), stringFeeToken: symbol });
    case "Swap":
      return getSwapEthSignMessagePart({ fee: nonZero(tx.fee, token), feeToken: symbol });
    default:
      throw protocolError("INVALID_MESSAGE_INPUT", `unknown transaction type ${describeValue((tx as { type: unknown }).type)}`);
  }
}

/**
 * The message an account's owner signs for one transaction: its part and `Nonce: n`. ChangePubKey is
 * authorized differently (see `getChangePubkeyMessage`) and only has a batch part.
 */
export function txEthSignMessage(tx: Exclude<TxInput, { type: "ChangePubKey" }>, token: TokenDisplay): string {
  if (requireObject(tx, "transaction", "INVALID_MESSAGE_INPUT").type === ("ChangePubKey" as string)) {
    throw protocolError("INVALID_MESSAGE_INPUT", "ChangePubKey has no single-transaction text message");
  }
  return getEthSignMessage(txEthMessagePart(tx, token), tx.nonce);
}

/** The message a maker signs for an Order; the amount is formatted in the sell token. */
export function orderEthSignMessage(order: OrderInput, sellToken: TokenDisplay, buyToken: TokenDisplay): string {
  requireObject(order, "order", "INVALID_MESSAGE_INPUT");
  return getOrderEthSignMessage({
    tokenSell: requireSymbol(sellToken),
    tokenBuy: requireSymbol(buyToken),
    recipient: order.recipient,
    amount: nonZero(order.amount, sellToken),
    ratio: order.ratio,
    nonce: order.nonce,
  });
}

export interface BatchMessageEntry {
  tx: TxInput;
  /** As for `txEthMessagePart`. */
  token: TokenDisplay;
  /** The account that signs this transaction. */
  sender: Address;
}

/**
 * The batch message (§2.5): non-empty parts joined by newlines, then `Nonce: {first tx's nonce}`. When
 * several senders appear, consecutive transactions of one sender form a group
 * `From: 0x…\n{parts}\nNonce: n` and groups are separated by a blank line.
 * (With only empty parts the group is `Nonce: n`, as zksync.js builds it; the Rust server would put an
 * empty line first.)
 */
export function batchEthSignMessage(entries: readonly BatchMessageEntry[]): string {
  if (!Array.isArray(entries) || entries.length === 0) {
    throw protocolError("INVALID_MESSAGE_INPUT", `a batch message needs at least one transaction, got ${describeValue(entries)}`);
  }
  const groups: { sender: Address; entries: BatchMessageEntry[] }[] = [];
  for (const entry of entries) {
    const sender = parseAddress(requireObject(entry, "batch entry", "INVALID_MESSAGE_INPUT").sender);
    const last = groups.at(-1);
    if (last !== undefined && last.sender === sender) last.entries.push(entry);
    else groups.push({ sender, entries: [entry] });
  }
  const bodies = groups.map((group) => {
    const parts = group.entries.map((entry) => txEthMessagePart(entry.tx, entry.token)).filter((part) => part !== "");
    const first = group.entries[0] as BatchMessageEntry;
    return getEthSignMessage(parts.join("\n"), first.tx.nonce);
  });
  if (groups.length === 1) return bodies[0] as string;
  return groups.map((group, i) => `From: ${group.sender}\n${bodies[i]}`).join("\n\n");
}
