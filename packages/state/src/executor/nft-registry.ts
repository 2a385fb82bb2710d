import type { MutableStateTree } from "../state/mutable-state-tree.js";

/** What zkSync keeps about a minted NFT (its metadata lives off-tree; the tree only has its digest). */
export interface NftInfo {
  readonly tokenId: number;
  readonly creatorId: number;
  readonly creatorAddress: string;
  readonly serialId: number;
  /** `0x` + 64 hex. */
  readonly contentHash: string;
  /** `tokenHash[12..32]` as an address. */
  readonly address: string;
}

/** Minted NFTs by token id; additions are journaled in the state tree's undo log. */
export class NftRegistry {
  private readonly byTokenId = new Map<number, NftInfo>();

  constructor(private readonly tree: MutableStateTree) {}

  get(tokenId: number): NftInfo | undefined {
    return this.byTokenId.get(tokenId);
  }

  get size(): number {
    return this.byTokenId.size;
  }

  /** Every NFT in the order they were added (minting order). */
  values(): IterableIterator<NftInfo> {
    return this.byTokenId.values();
  }

  /** The NFTs added after the first `count` (those of the open block, given its count at opening). */
  addedAfter(count: number): NftInfo[] {
    return [...this.byTokenId.values()].slice(count);
  }

  /** Stores a frozen copy of `info`. */
  add(info: NftInfo): void {
    this.byTokenId.set(info.tokenId, Object.freeze({ ...info }));
    this.tree.recordUndo(() => this.byTokenId.delete(info.tokenId));
  }
}
