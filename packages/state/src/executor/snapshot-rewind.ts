import { stateError } from "../errors.js";
import type { AccountDiff } from "../state/account-diff.js";
import type { NftInfo } from "./nft-registry.js";
import type { AccountSnapshot, StateSnapshot } from "./state-snapshot.js";

/** A sealed block's changes, as the rewind undoes them. */
export interface BlockChanges {
  readonly blockNumber: number;
  readonly accounts: readonly AccountDiff[];
  readonly nfts: readonly NftInfo[];
}

interface MutableAccount {
  address: string;
  nonce: number;
  pubKeyHash: string;
  balances: Map<number, bigint>;
}

/**
 * The state before `blocks` (newest first, contiguous, ending at the block `snapshot` was taken after): every
 * change undone on plain data, so nothing is hashed here. Accounts are allocated in order, so the allocator
 * before a block is its first created account id, if it created one. Every `after` must match what the
 * snapshot holds (STATE_DIFF_MISMATCH otherwise). The inverse of `RollupState.applyDiff`, for a state that must
 * go back a few blocks (the node's witness replica after a restart) without replaying history.
 */
export function rewindSnapshot(snapshot: StateSnapshot, blocks: readonly BlockChanges[]): StateSnapshot {
  const accounts = new Map<number, MutableAccount>(
    snapshot.accounts.map((account) => [account.id, { address: account.address, nonce: account.nonce, pubKeyHash: account.pubKeyHash, balances: new Map(account.balances) }]),
  );
  const nfts = new Map(snapshot.nfts.map((nft) => [nft.tokenId, nft]));
  let nextAccountId = snapshot.nextAccountId;
  for (const block of blocks) {
    const corrupt = (why: string) => stateError("STATE_DIFF_MISMATCH", `cannot rewind block ${block.blockNumber}: ${why}`);
    for (const diff of block.accounts) {
      const account = accounts.get(diff.accountId);
      if (account === undefined) throw corrupt(`account ${diff.accountId} does not exist`);
      if (diff.nonce !== undefined) {
        if (account.nonce !== diff.nonce.after) throw corrupt(`account ${diff.accountId} has nonce ${account.nonce}, the diff left ${diff.nonce.after}`);
        account.nonce = diff.nonce.before;
      }
      if (diff.pubKeyHash !== undefined) account.pubKeyHash = diff.pubKeyHash.before.toLowerCase();
      for (const { tokenId, before, after } of diff.balances) {
        if ((account.balances.get(tokenId) ?? 0n) !== after) throw corrupt(`account ${diff.accountId} token ${tokenId} differs from the diff's result`);
        if (before === 0n) account.balances.delete(tokenId);
        else account.balances.set(tokenId, before);
      }
      if (diff.created) {
        accounts.delete(diff.accountId);
        nextAccountId = Math.min(nextAccountId, diff.accountId);
      }
    }
    for (const nft of block.nfts) {
      if (!nfts.delete(nft.tokenId)) throw corrupt(`NFT ${nft.tokenId} is not in the registry`);
    }
  }
  const rewound: AccountSnapshot[] = [...accounts]
    .sort(([a], [b]) => a - b)
    .map(([id, account]) => ({ id, address: account.address, nonce: account.nonce, pubKeyHash: account.pubKeyHash, balances: [...account.balances].sort(([a], [b]) => a - b) }));
  return { ...snapshot, nextAccountId, accounts: rewound, nfts: [...nfts.values()].sort((a, b) => a.tokenId - b.tokenId) };
}
