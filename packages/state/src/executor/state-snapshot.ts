import type { NftInfo } from "./nft-registry.js";

/** One account of a `StateSnapshot`. */
export interface AccountSnapshot {
  readonly id: number;
  readonly address: string;
  readonly nonce: number;
  readonly pubKeyHash: string;
  /** every non-zero leaf of both balance trees (the NFT storage account's NFT digests included), token id ascending */
  readonly balances: readonly (readonly [tokenId: number, amount: bigint])[];
}

/**
 * A whole `RollupState` as plain data (`RollupState.snapshot()`), enough to rebuild it with the same root
 * (`RollupState.fromSnapshot`): the tree geometry, the account allocator, every account (by id) and the
 * NFT registry (by token id). No hashes: the restored state recomputes them.
 */
export interface StateSnapshot {
  readonly accountTreeDepth: number;
  readonly balanceTreeDepth: number;
  readonly nextAccountId: number;
  readonly accounts: readonly AccountSnapshot[];
  readonly nfts: readonly NftInfo[];
}
