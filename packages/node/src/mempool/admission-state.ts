import type { AccountView, NftInfo } from "@zklite/state";

/** What admission reads of the live rollup state (the state keeper's `RollupState` is one). */
export interface AdmissionState {
  accountByAddress(address: string): AccountView | undefined;
  account(id: number): AccountView | undefined;
  nft(tokenId: number): NftInfo | undefined;
  readonly nftStorageAccountId: number;
}
