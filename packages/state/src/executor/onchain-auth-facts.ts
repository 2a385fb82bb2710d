import { keccak_256 } from "@noble/hashes/sha3.js";
import { bytesToHex, hexToBytes } from "@noble/hashes/utils.js";
import { stateError } from "../errors.js";

/**
 * What L1 holds for one (owner, nonce) of an on-chain ChangePubKey authorization: the rollup contract's
 * `authFacts[owner][nonce]` and whether `authFactsResetTimer[owner][nonce]` runs.
 */
export interface OnchainAuthFact {
  /** keccak256 of the 20-byte PubKeyHash the owner authorized (`authFacts[owner][nonce]`), 0x + 64 hex. */
  readonly factHash: string;
  /**
   * The owner has called `setAuthPubkeyHash` again for this nonce (`authFactsResetTimer` ≠ 0): a day later the
   * fact can be replaced, so a block relying on it might no longer commit.
   */
  readonly resetRequested: boolean;
}

/**
 * The executor's view of L1's on-chain ChangePubKey authorizations (PROTOCOL.md §2.6, `Onchain`). The node feeds
 * it from the rollup's events (`FactAuth(sender, nonce, pubKeyHash)` sets a fact and ends a reset,
 * `FactAuthResetRequested(sender, nonce, availableAt)` starts one); tests read the contract's storage.
 */
export interface OnchainAuthFacts {
  /** The fact L1 holds for `owner` (lowercase 0x address) and `nonce`, or undefined when none is known. */
  authFact(owner: string, nonce: number): OnchainAuthFact | undefined;
}

/** The default: no on-chain authorization is known, so every Onchain ChangePubKey is refused. */
export const NO_ONCHAIN_AUTH_FACTS: OnchainAuthFacts = Object.freeze({
  authFact: () => undefined,
});

/** `keccak256(pubKeyHash)` over the 20 bytes of a `sync:…` (or 0x…) PubKeyHash: the value L1 stores in `authFacts`. */
export function onchainAuthFactHash(pubKeyHash: string): string {
  const hex = pubKeyHash.replace(/^(sync:|0x)/i, "");
  if (!/^[0-9a-fA-F]{40}$/.test(hex)) throw stateError("INVALID_ARGUMENT", `${pubKeyHash} is not a 20-byte PubKeyHash`);
  return `0x${bytesToHex(keccak_256(hexToBytes(hex)))}`;
}
