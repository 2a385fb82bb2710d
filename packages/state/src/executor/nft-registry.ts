import type { StateTree } from "../state/state-tree.js";

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

  constructor(private readonly tree: StateTree) {}

  get(tokenId: number): NftInfo | undefined {
    return this.byTokenId.get(tokenId);
  }

  get size(): number {
    return this.byTokenId.size;
  }

  values(): IterableIterator<NftInfo> {
    return this.byTokenId.values();
  }

  add(info: NftInfo): void {
    this.byTokenId.set(info.tokenId, info);
    this.tree.recordUndo(() => this.byTokenId.delete(info.tokenId));
  }
}
