/** Test entry bundled for Chromium (data-restore.test.ts): data restore from L1 into memory, in the page. */
import { initPoseidon } from "@zklite/state";
import { MemoryRestoreStore, restoreFromL1, type DataRestoreOptions } from "../data-restore/browser.js";

async function restore(options: DataRestoreOptions) {
  await initPoseidon();
  const store = new MemoryRestoreStore();
  const result = await restoreFromL1(options, store);
  const { state } = store;
  const accounts = [...state.tree.accountIds()]
    .sort((a, b) => a - b)
    .map((id) => {
      const account = state.account(id);
      return { id, address: account?.address, nonce: account?.nonce, pubKeyHash: account?.pubKeyHash, balances: [...state.tree.balances(id)].map(([token, amount]) => [token, amount.toString()]) };
    });
  return { result, accounts, blocks: store.blocks.length, priorityOps: store.priorityOps.length };
}

(globalThis as unknown as { zkliteRestore: typeof restore }).zkliteRestore = restore;
