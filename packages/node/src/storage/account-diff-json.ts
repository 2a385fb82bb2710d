import type { AccountDiff } from "@zklite/state";

interface StoredAccountDiff {
  accountId: number;
  address: string;
  created: boolean;
  nonce?: { before: number; after: number };
  pubKeyHash?: { before: string; after: string };
  balances: { tokenId: number; before: string; after: string }[];
}

/** An `AccountDiff` as `toJsonValue` stored it (amounts as decimal strings). */
export function parseAccountDiff(json: unknown): AccountDiff {
  const diff = json as StoredAccountDiff;
  return {
    accountId: diff.accountId,
    address: diff.address,
    created: diff.created,
    ...(diff.nonce === undefined ? {} : { nonce: diff.nonce }),
    ...(diff.pubKeyHash === undefined ? {} : { pubKeyHash: diff.pubKeyHash }),
    balances: diff.balances.map((balance) => ({ tokenId: balance.tokenId, before: BigInt(balance.before), after: BigInt(balance.after) })),
  };
}
