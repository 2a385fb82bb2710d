import { MAX_AMOUNT, MAX_NONCE } from "@zklite/protocol";
import { stateError } from "../errors.js";
import type { AccountDiff } from "../state/account-diff.js";
import type { MutableStateTree } from "../state/mutable-state-tree.js";
import type { AccountSnapshot } from "./state-snapshot.js";

/**
 * Writing stored state back: the accounts of a `StateSnapshot` into an empty tree, and a block's
 * `AccountDiff`s onto the state they were taken from. Values are checked as they come (stored data may be
 * corrupt): a bad one throws a typed `ZkLiteError`; the caller reverts (diffs) or drops the tree (snapshots).
 */

const PUBKEY_HASH = /^sync:[0-9a-f]{40}$/;

function requireNonce(nonce: number, what: string): void {
  if (!Number.isInteger(nonce) || nonce < 0 || nonce > MAX_NONCE) throw stateError("INVALID_ARGUMENT", `${what}: nonce ${nonce} is not a u32`);
}

function requirePubKeyHash(pubKeyHash: string, what: string): void {
  if (typeof pubKeyHash !== "string" || !PUBKEY_HASH.test(pubKeyHash.toLowerCase())) {
    throw stateError("INVALID_ARGUMENT", `${what}: ${String(pubKeyHash)} is not a PubKeyHash (sync: + 40 hex)`);
  }
}

/** Balances are u128 (the NFT storage account's 128-bit digests included). */
function requireAmount(amount: bigint, what: string): void {
  if (typeof amount !== "bigint" || amount < 0n || amount > MAX_AMOUNT) throw stateError("INVALID_ARGUMENT", `${what}: balance ${String(amount)} is not a u128`);
}

/** Creates every account of a snapshot in `tree`, which has none of them yet. */
export function restoreAccounts(tree: MutableStateTree, accounts: readonly AccountSnapshot[]): void {
  for (const account of accounts) {
    const what = `snapshot account ${account.id}`;
    requireNonce(account.nonce, what);
    requirePubKeyHash(account.pubKeyHash, what);
    tree.createAccount(account.id, account.address);
    if (account.nonce !== 0) tree.setNonce(account.id, account.nonce);
    tree.setPubKeyHash(account.id, account.pubKeyHash);
    for (const [tokenId, amount] of account.balances) {
      requireAmount(amount, what);
      if (amount === 0n) throw stateError("INVALID_ARGUMENT", `${what}: token ${tokenId} is listed with balance 0`);
      if (tree.balance(account.id, tokenId) !== 0n) throw stateError("INVALID_ARGUMENT", `${what}: token ${tokenId} is listed twice`);
      tree.setBalance(account.id, tokenId, amount);
    }
  }
}

function mismatch(diff: AccountDiff, message: string): never {
  throw stateError("STATE_DIFF_MISMATCH", `account ${diff.accountId}: ${message}`);
}

/** Applies one account's diff after checking that every `before` is what the tree holds now. */
export function applyAccountDiff(tree: MutableStateTree, diff: AccountDiff): void {
  const what = `diff of account ${diff.accountId}`;
  const current = tree.account(diff.accountId);
  if (diff.created) {
    if (current !== undefined) mismatch(diff, "the diff creates it but it exists");
    tree.createAccount(diff.accountId, diff.address);
  } else if (current === undefined) {
    mismatch(diff, "the diff changes it but it does not exist");
  } else if (current.address !== diff.address.toLowerCase()) {
    mismatch(diff, `the diff is for address ${diff.address}, the account has ${current.address}`);
  }
  const account = tree.account(diff.accountId);
  if (diff.nonce !== undefined) {
    requireNonce(diff.nonce.after, what);
    if (account?.nonce !== diff.nonce.before) mismatch(diff, `nonce is ${account?.nonce}, the diff expects ${diff.nonce.before}`);
    tree.setNonce(diff.accountId, diff.nonce.after);
  }
  if (diff.pubKeyHash !== undefined) {
    requirePubKeyHash(diff.pubKeyHash.after, what);
    if (account?.pubKeyHash !== diff.pubKeyHash.before.toLowerCase()) {
      mismatch(diff, `PubKeyHash is ${account?.pubKeyHash}, the diff expects ${diff.pubKeyHash.before}`);
    }
    tree.setPubKeyHash(diff.accountId, diff.pubKeyHash.after);
  }
  for (const { tokenId, before, after } of diff.balances) {
    requireAmount(after, what);
    const balance = tree.balance(diff.accountId, tokenId);
    if (balance !== before) mismatch(diff, `balance of token ${tokenId} is ${balance}, the diff expects ${before}`);
    tree.setBalance(diff.accountId, tokenId, after);
  }
}
