import type { MutableStateTree } from "../state/mutable-state-tree.js";
import type { ChangePubKeyAuthChecker, ChangePubKeyL1 } from "./change-pubkey-auth.js";
import type { NftRegistry } from "./nft-registry.js";
import type { NftTokenHasher } from "./nft-token-hash.js";
import type { SignatureChecker } from "./signature-checker.js";

/** What every operation handler reads and writes. All writes go through journaled state. */
export interface ExecutionContext {
  readonly tree: MutableStateTree;
  /** Block timestamp in seconds, for the transactions' validity ranges. */
  readonly timestamp: number;
  readonly signatures: SignatureChecker;
  readonly changePubKeyAuth: ChangePubKeyAuthChecker;
  /** The L1's chain id and on-chain authorizations, for `changePubKeyAuth`. */
  readonly changePubKeyL1: ChangePubKeyL1;
  readonly nftTokenHash: NftTokenHasher;
  readonly nfts: NftRegistry;
  /** Id of the NFT storage account: the last slot of the account tree (2^24 − 1 in production). */
  readonly nftStorageAccountId: number;
  /** Adds `amount` of `token` to the block's fees (credited to the fee account when the block is sealed). */
  collectFee(token: number, amount: bigint): void;
  /** Creates an account for `address` at the next free id and returns the id. */
  createAccount(address: string): number;
}
