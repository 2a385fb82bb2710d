import { poseidon } from "../poseidon.js";

/**
 * Leaf encoding of the zkLite state (documented with its reasons in docs/protocol-deltas.md,
 * "State tree"):
 *
 * - balance tree leaf at index `tokenId` = the balance itself (a u128 is a field element; no hash);
 *   the NFT storage account's leaf at an NFT id holds that NFT's 128-bit content digest;
 * - account tree leaf at index `accountId` =
 *   Poseidon(nonce, pubKeyHash, address, balanceTreeRoot), with `pubKeyHash` and `address` read as
 *   160-bit big-endian integers;
 * - an account that does not exist is the all-zero account: nonce 0, pubKeyHash 0, address 0 and an
 *   empty balance tree, so its leaf is Poseidon(0, 0, 0, emptyBalanceRoot).
 */
export const EMPTY_BALANCE_LEAF = 0n;

/** Account fields as they enter the leaf hash. */
export interface AccountLeafFields {
  readonly nonce: number;
  /** `sync:` + 40 hex. */
  readonly pubKeyHash: string;
  /** `0x` + 40 hex. */
  readonly address: string;
  readonly balanceRoot: bigint;
}

/** The four Poseidon inputs of an account leaf. */
export function accountLeafInputs(fields: AccountLeafFields): [bigint, bigint, bigint, bigint] {
  return [BigInt(fields.nonce), hex160ToBigInt(fields.pubKeyHash), hex160ToBigInt(fields.address), fields.balanceRoot];
}

export function accountLeafHash(fields: AccountLeafFields): bigint {
  return poseidon(accountLeafInputs(fields));
}

/** `0x…` or `sync:…` followed by 40 hex digits → the 160-bit big-endian integer. */
export function hex160ToBigInt(prefixed: string): bigint {
  return BigInt(`0x${prefixed.slice(prefixed.length - 40)}`);
}
