import { randomBytes, randomInt } from "node:crypto";
import type { StateTree } from "@zklite/state";
import { MutableStateTree } from "@zklite/state/internal";

/**
 * Test helper: a random state with a few accounts, nonces, PubKeyHashes and fungible balances, written
 * directly (no transactions) through @zklite/state's internal writable tree.
 */
export function randomStateTree(accountTreeDepth: number, balanceTreeDepth: number, accounts: number): MutableStateTree {
  const tree = new MutableStateTree({ accountTreeDepth, balanceTreeDepth });
  const capacity = 2 ** accountTreeDepth - 1; // the last slot is the NFT storage account
  const ids = new Set<number>();
  while (ids.size < Math.min(accounts, capacity)) ids.add(randomInt(capacity));
  for (const id of ids) {
    tree.createAccount(id, `0x${randomBytes(20).toString("hex")}`);
    tree.setNonce(id, randomInt(1000));
    tree.setPubKeyHash(id, `sync:${randomBytes(20).toString("hex")}`);
    for (let i = 0; i < 3; i++) tree.setBalance(id, randomInt(i === 0 ? 1024 : 65_536), BigInt(`0x${randomBytes(randomInt(1, 17)).toString("hex")}`));
    tree.setBalance(id, 1024 + randomInt(65_536 - 1024), BigInt(`0x${randomBytes(randomInt(1, 17)).toString("hex")}`));
    tree.setBalance(id, randomInt(4), (1n << 128n) - 1n);
  }
  return tree;
}

export function randomTokenOf(tree: StateTree, accountId: number): number {
  const tokens = [...tree.balances(accountId).keys()];
  return tokens[randomInt(tokens.length)] ?? 0;
}
