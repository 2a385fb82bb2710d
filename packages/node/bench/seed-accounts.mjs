// Adds `count` one-token accounts to a stopped node's stored state (as if created by earlier blocks) and moves the
// stored root along, so `node.restart_s` measures a restart with that many accounts. Bench use only.
import { RollupState, initPoseidon } from "@zklite/state";
import { PoseidonWorkerPool } from "@zklite/state/parallel";
import { ChainRepository } from "../dist/storage/chain-repository.js";
import { openDatabase } from "../dist/storage/database.js";
import { hex32 } from "../dist/storage/json.js";

export async function seedAccounts(databaseUrl, dataDir, count) {
  await initPoseidon();
  const database = await openDatabase({ databaseUrl, dataDir });
  const pool = await PoseidonWorkerPool.start();
  try {
    const chain = new ChainRepository(database.prisma);
    const stored = await chain.load({ accountTreeDepth: 24, balanceTreeDepth: 32 });
    const first = stored.snapshot.nextAccountId;
    const added = Array.from({ length: count }, (_, i) => ({
      id: first + i,
      address: `0x${(0xbe00000000n + BigInt(i)).toString(16).padStart(40, "0")}`,
      nonce: 0,
      pubKeyHash: `sync:${"0".repeat(40)}`,
      balances: [[0, 1000n + BigInt(i)]],
    }));
    const snapshot = { ...stored.snapshot, nextAccountId: first + count, accounts: [...stored.snapshot.accounts, ...added].sort((a, b) => a.id - b.id) };
    const state = await RollupState.fromSnapshotWith(snapshot, { accountTreeDepth: 24, balanceTreeDepth: 32 }, pool.hashBatch);
    const { prisma } = database;
    for (let i = 0; i < added.length; i += 10_000) {
      const slice = added.slice(i, i + 10_000);
      await prisma.account.createMany({ data: slice.map((a) => ({ id: a.id, address: a.address, nonce: 0n, pubKeyHash: a.pubKeyHash, lastBlock: stored.lastSealedBlock })) });
      await prisma.balance.createMany({ data: slice.map((a) => ({ accountId: a.id, tokenId: 0, amount: a.balances[0][1].toString() })) });
    }
    await prisma.chainState.update({ where: { id: 1 }, data: { nextAccountId: first + count, stateRoot: hex32(state.root) } });
  } finally {
    await pool.close();
    await database.close();
  }
}
