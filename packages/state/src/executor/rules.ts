import { isTransactionAmountPackable, isTransactionFeePackable, MAX_AMOUNT, MAX_NONCE, MAX_PROCESSABLE_TOKEN_ID, MAX_TOKEN_ID } from "@zklite/protocol";
import { stateError } from "../errors.js";
import type { AccountView } from "../state/state-tree.js";
import type { ExecutionContext } from "./context.js";
import type { SignedMessage } from "./signature-checker.js";

/** Checks shared by the operation handlers (PROTOCOL.md §3.4). Each throws a typed `ZkLiteError`. */

export const ZERO_ADDRESS = `0x${"0".repeat(40)}`;
export const ZERO_PUBKEY_HASH = `sync:${"0".repeat(40)}`;

export function requireAmountPackable(amount: bigint, what = "amount"): void {
  requireU128(amount, what);
  if (!isTransactionAmountPackable(amount)) throw stateError("NOT_PACKABLE", `${what} ${amount} is not packable into 5 bytes`);
}

export function requireFeePackable(fee: bigint): void {
  requireU128(fee, "fee");
  if (!isTransactionFeePackable(fee)) throw stateError("NOT_PACKABLE", `fee ${fee} is not packable into 2 bytes`);
}

export function requireU128(amount: bigint, what = "amount"): void {
  if (typeof amount !== "bigint" || amount < 0n || amount > MAX_AMOUNT) {
    throw stateError("AMOUNT_TOO_BIG", `${what} ${String(amount)} is not a u128`);
  }
}

/** `validFrom ≤ timestamp ≤ validUntil` (and the range is not empty). */
export function requireTimeRange(range: { validFrom: number; validUntil: number }, timestamp: number): void {
  if (!(range.validFrom <= timestamp && timestamp <= range.validUntil)) {
    throw stateError("TIME_RANGE", `block timestamp ${timestamp} is outside the validity range [${range.validFrom}, ${range.validUntil}]`);
  }
}

/** A token id that transactions may move (fungible or NFT) and that fits the balance tree. */
export function requireToken(ctx: ExecutionContext, token: number, max = MAX_TOKEN_ID): void {
  if (!Number.isInteger(token) || token < 0 || token > max || token >= 2 ** ctx.tree.balanceTreeDepth) {
    throw stateError("INVALID_TOKEN", `token ${token} is not supported here (max ${Math.min(max, 2 ** ctx.tree.balanceTreeDepth - 1)})`);
  }
}

/** Fees are paid in processable tokens only (ids 0..1023). */
export function requireFeeToken(ctx: ExecutionContext, token: number): void {
  if (!Number.isInteger(token) || token < 0 || token > MAX_PROCESSABLE_TOKEN_ID || token >= 2 ** ctx.tree.balanceTreeDepth) {
    throw stateError("INVALID_FEE_TOKEN", `fee token ${token} is not a processable token (0..${MAX_PROCESSABLE_TOKEN_ID})`);
  }
}

/** Transfer, Withdraw and ForcedExit pay the fee in the moved token: a non-zero fee needs a processable one. */
export function requireFeeInProcessableToken(ctx: ExecutionContext, token: number, fee: bigint): void {
  if (fee !== 0n) requireFeeToken(ctx, token);
}

export function requireNonZeroAddress(address: string, what: string): void {
  if (address.toLowerCase() === ZERO_ADDRESS) throw stateError("ZERO_ADDRESS", `${what} is the zero address`);
}

/** The account owning `address`; if `expectedId` is given it must be that account's id. */
export function requireAccountByAddress(ctx: ExecutionContext, address: string, expectedId?: number): AccountView {
  const id = ctx.tree.accountIdByAddress(address);
  if (id === undefined) throw stateError("ACCOUNT_NOT_FOUND", `no account has address ${address}`);
  if (expectedId !== undefined && id !== expectedId) {
    throw stateError("ACCOUNT_ID_MISMATCH", `address ${address} belongs to account ${id}, not ${expectedId}`);
  }
  return ctx.tree.account(id) as AccountView;
}

export function requireAccountById(ctx: ExecutionContext, id: number): AccountView {
  const account = Number.isInteger(id) ? ctx.tree.account(id) : undefined;
  if (account === undefined) throw stateError("ACCOUNT_NOT_FOUND", `account ${id} does not exist`);
  return account;
}

/** Unlocked account, and the message is signed by the account's current key. */
export function requireSignedBy(ctx: ExecutionContext, message: SignedMessage, account: AccountView): void {
  if (account.pubKeyHash === ZERO_PUBKEY_HASH) {
    throw stateError("ACCOUNT_LOCKED", `account ${account.id} has no signing key (only ChangePubKey is allowed)`);
  }
  requireSignature(ctx, message, account.pubKeyHash);
}

export function requireSignature(ctx: ExecutionContext, message: SignedMessage, expectedSigner: string): void {
  const verdict = ctx.signatures.check(message, expectedSigner);
  if (verdict === "invalid") throw stateError("INVALID_SIGNATURE", "the zkSync signature is missing or invalid");
  if (verdict === "wrong-signer") throw stateError("WRONG_SIGNER", `the message is not signed by ${expectedSigner}`);
}

export function requireNonce(account: AccountView, nonce: number): void {
  if (nonce !== account.nonce) throw stateError("NONCE_MISMATCH", `account ${account.id} expects nonce ${account.nonce}, got ${nonce}`);
}

export function incrementNonce(ctx: ExecutionContext, account: AccountView): void {
  if (account.nonce >= MAX_NONCE) throw stateError("NONCE_OVERFLOW", `account ${account.id} has used every nonce`);
  ctx.tree.setNonce(account.id, account.nonce + 1);
}

export function debit(ctx: ExecutionContext, accountId: number, token: number, amount: bigint): void {
  const balance = ctx.tree.balance(accountId, token);
  if (balance < amount) {
    throw stateError("INSUFFICIENT_BALANCE", `account ${accountId} has ${balance} of token ${token}, needs ${amount}`);
  }
  if (amount !== 0n) ctx.tree.setBalance(accountId, token, balance - amount);
}

export function credit(ctx: ExecutionContext, accountId: number, token: number, amount: bigint): void {
  const balance = ctx.tree.balance(accountId, token) + amount;
  if (balance > MAX_AMOUNT) throw stateError("BALANCE_OVERFLOW", `account ${accountId}'s balance of token ${token} would exceed 2^128 − 1`);
  if (amount !== 0n) ctx.tree.setBalance(accountId, token, balance);
}
