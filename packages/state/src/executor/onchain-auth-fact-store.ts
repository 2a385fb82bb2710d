import { stateError } from "../errors.js";
import { onchainAuthFactHash, type OnchainAuthFact, type OnchainAuthFacts } from "./onchain-auth-facts.js";

/**
 * An in-memory `OnchainAuthFacts`, written the way the rollup's `setAuthPubkeyHash` writes L1's storage: the
 * node's L1 watcher calls `recordFact` for each `FactAuth` event and `recordResetRequest` for each
 * `FactAuthResetRequested` event, in L1 order.
 */
export class OnchainAuthFactStore implements OnchainAuthFacts {
  private readonly facts = new Map<string, OnchainAuthFact>();

  /** `FactAuth(owner, nonce, pubKeyHash)`: the fact is set (first time, or replaced after the reset delay). */
  recordFact(owner: string, nonce: number, pubKeyHash: string): void {
    this.facts.set(key(owner, nonce), { factHash: onchainAuthFactHash(pubKeyHash), resetRequested: false });
  }

  /** `FactAuthResetRequested(owner, nonce, …)`: the owner started replacing an existing fact. */
  recordResetRequest(owner: string, nonce: number): void {
    const k = key(owner, nonce);
    const fact = this.facts.get(k);
    if (fact === undefined) throw stateError("INVALID_ARGUMENT", `no on-chain authorization of ${owner} at nonce ${nonce} to reset`);
    this.facts.set(k, { ...fact, resetRequested: true });
  }

  authFact(owner: string, nonce: number): OnchainAuthFact | undefined {
    return this.facts.get(key(owner, nonce));
  }
}

function key(owner: string, nonce: number): string {
  if (!/^0x[0-9a-fA-F]{40}$/.test(owner)) throw stateError("INVALID_ARGUMENT", `${owner} is not an address`);
  if (!Number.isSafeInteger(nonce) || nonce < 0) throw stateError("INVALID_ARGUMENT", `${nonce} is not a nonce`);
  return `${owner.toLowerCase()}:${nonce}`;
}
