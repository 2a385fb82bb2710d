import { poseidon } from "../poseidon.js";

/**
 * Leaf encoding of the zkLite state (documented with its reasons in docs/protocol-deltas.md,
 * "State tree"):
 *
 * - every account has two balance trees, 4-ary like every tree here, whose leaf at index `tokenId`
 *   is the balance itself (a u128 is a field element; no hash); the NFT storage account's leaf at an
 *   NFT id holds that NFT's 128-bit content digest:
 *   - the processable tree, depth PROCESSABLE_TOKEN_DEPTH = 10 bits (5 levels), holds the
 *     processable tokens, ids 0..1023 (zkSync's PROCESSABLE_TOKENS_DEPTH: fees, deposits,
 *     withdrawals and forced exits use only these);
 *   - the extended tree, depth `balanceTreeDepth` bits (32 in production), indexed by the full token
 *     id, holds ids ≥ 1024 (NFTs, NFT counters); its leaves below 1024 are never set;
 * - account tree leaf at index `accountId` =
 *   Poseidon(nonce, pubKeyHash, address, processableRoot, extendedRoot) (circomlib's 5-input
 *   Poseidon), with `pubKeyHash` and `address` read as 160-bit big-endian integers;
 * - an account that does not exist is the all-zero account: nonce 0, pubKeyHash 0, address 0 and two
 *   empty balance trees, so its leaf is Poseidon(0, 0, 0, emptyProcessableRoot, emptyExtendedRoot).
 */
export const EMPTY_BALANCE_LEAF = 0n;

/** Width in bits of the processable balance tree's index (zkSync's PROCESSABLE_TOKENS_DEPTH). */
export const PROCESSABLE_TOKEN_DEPTH = 10;

/** Number of processable token ids: 0..1023. */
const PROCESSABLE_TOKEN_COUNT = 2 ** PROCESSABLE_TOKEN_DEPTH;

/** True for the token ids kept in the processable balance tree: integers 0..1023. */
export function isProcessableToken(tokenId: number): boolean {
  return Number.isInteger(tokenId) && tokenId >= 0 && tokenId < PROCESSABLE_TOKEN_COUNT;
}

/** Number of Poseidon inputs of an account leaf. */
export const ACCOUNT_LEAF_ARITY = 5;

/** Account fields as they enter the leaf hash. */
export interface AccountLeafFields {
  readonly nonce: number;
  /** `sync:` + 40 hex. */
  readonly pubKeyHash: string;
  /** `0x` + 40 hex. */
  readonly address: string;
  /** Root of the account's processable balance tree (token ids 0..1023). */
  readonly processableRoot: bigint;
  /** Root of the account's extended balance tree (token ids ≥ 1024). */
  readonly extendedRoot: bigint;
}

/** The five Poseidon inputs of an account leaf. */
export function accountLeafInputs(fields: AccountLeafFields): [bigint, bigint, bigint, bigint, bigint] {
  return [BigInt(fields.nonce), hex160ToBigInt(fields.pubKeyHash), hex160ToBigInt(fields.address), fields.processableRoot, fields.extendedRoot];
}

export function accountLeafHash(fields: AccountLeafFields): bigint {
  return poseidon(accountLeafInputs(fields));
}

/** `0x…` or `sync:…` followed by 40 hex digits → the 160-bit big-endian integer. */
export function hex160ToBigInt(prefixed: string): bigint {
  return BigInt(`0x${prefixed.slice(prefixed.length - 40)}`);
}
