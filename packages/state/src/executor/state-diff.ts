import type { AccountDiff } from "../state/account-diff.js";
import type { NftInfo } from "./nft-registry.js";

/**
 * The net change a block made to a `RollupState` (`SealedBlock.stateDiff`), fee credit included: the
 * accounts that changed (by id, see `AccountDiff`), the NFTs it minted and the account allocator after it.
 * `RollupState.applyDiff` moves a state from the block's old root to its new one without its transactions.
 */
export interface StateDiff {
  readonly accounts: readonly AccountDiff[];
  /** NFTs minted in the block */
  readonly nfts: readonly NftInfo[];
  readonly nextAccountId: number;
}
