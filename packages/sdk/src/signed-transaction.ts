/** A signed L2 transaction with the Ethereum signature(s) the node checks (zksync.js's `SignedTransaction`). */
import type { TxEthSignature } from "@zklite/protocol";

export interface SignedTransaction {
  /** The transaction in zkSync's JSON shape (amounts and fees as decimal strings), zk signature included. */
  readonly tx: { readonly type: string } & Record<string, unknown>;
  /** One signature; for a Swap, the submitter's then each order's (null where absent); null when none is needed. */
  readonly ethereumSignature?: TxEthSignature | readonly (TxEthSignature | null)[] | null;
}
