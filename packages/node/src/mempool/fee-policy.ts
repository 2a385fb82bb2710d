import type { Tx } from "@zklite/protocol";

/** Decides whether the fees a submission offers are enough (fees/ implements it with the fee model). */
export interface FeePolicy {
  /**
   * Throws FEE_TOO_LOW (or FEE_TOKEN_NOT_ALLOWED) unless the fees of `txs` (one transaction, or a whole
   * batch whose fees are summed, PROTOCOL.md §3.5) cover what they cost. `recipientIsNew` tells whether a
   * Transfer will create its recipient's account (priced as TransferToNew).
   */
  requireSufficientFee(txs: readonly Tx[], recipientIsNew: (tx: Tx) => boolean): Promise<void>;
}

/** Accepts any fee: devnets with ZKLITE_ZERO_FEES=1 and tests. */
export const ANY_FEE: FeePolicy = Object.freeze({ requireSufficientFee: async () => undefined });
