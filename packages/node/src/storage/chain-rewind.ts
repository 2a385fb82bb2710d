import { parseTx, ZkLiteError } from "@zklite/protocol";
import { rewindSnapshot, type AccountDiff, type AccountSnapshot, type BlockChanges, type NftInfo, type StateSnapshot } from "@zklite/state";
import { txSender } from "../mempool/tx-sender.js";
import { parseAccountDiff } from "./account-diff-json.js";
import { updateAccounts, writeBalances } from "./account-rows.js";
import { writeEvents, type ChainRepository, type EventRecord } from "./chain-repository.js";
import type { Prisma, PrismaClient } from "./generated/client.js";

/** A revert confirmed on L1 that the node's storage has not followed yet. */
export interface ConfirmedRevert {
  readonly operationId: bigint;
  readonly fromBlock: number;
}

export interface RewindResult {
  /** The last sealed block before the rewind; blocks fromBlock… it are gone. */
  readonly lastSealedBefore: number;
  readonly lastSealedAfter: number;
  /** L2 transactions returned to the mempool, ahead of those that were waiting. */
  readonly requeued: number;
  /** Priority operations to execute again. */
  readonly priorityOps: number;
}

type Depths = { readonly accountTreeDepth: number; readonly balanceTreeDepth: number };

/**
 * Follows a revert on L1 (`revertBlocks`) in storage, in one transaction: the committed state goes back to the
 * state before `fromBlock` (the reverted blocks' stored diffs undone with `rewindSnapshot`, which checks each
 * against the state), their blocks, operations, witnesses, jobs, proofs and L1 operations are deleted, the pending
 * block too, their successful L2 transactions return to the mempool first (zkSync's `return_executed_txs_to_mempool`),
 * their priority operations become unexecuted, and the revert operation becomes "applied". Failed transactions of
 * the reverted blocks are dropped with them (their rejection was reported; they are not retried).
 * The node must not run its core meanwhile: it calls this at start-up, before restoring the state.
 */
export async function rewindChain(prisma: PrismaClient, chain: ChainRepository, revert: ConfirmedRevert, depths: Depths): Promise<RewindResult> {
  const { fromBlock } = revert;
  const chainState = await prisma.chainState.findUniqueOrThrow({ where: { id: 1 } });
  const last = chainState.lastSealedBlock;
  const first = await prisma.block.findUnique({ where: { number: fromBlock } });
  if (first === null || fromBlock > last) throw new ZkLiteError("STATE_CORRUPT", `cannot rewind from block ${fromBlock}: the last sealed block is ${last}`);

  const stored = await chain.load(depths);
  const [updates, nfts] = await Promise.all([
    prisma.accountUpdate.findMany({ where: { blockNumber: { gte: fromBlock } }, orderBy: { id: "asc" } }),
    prisma.nft.findMany({ where: { mintedInBlock: { gte: fromBlock } } }),
  ]);
  const blocks: BlockChanges[] = [];
  const byNumber = new Map<number, { blockNumber: number; accounts: AccountDiff[]; nfts: NftInfo[] }>();
  for (let number = last; number >= fromBlock; number--) {
    const changes = { blockNumber: number, accounts: [], nfts: [] };
    blocks.push(changes);
    byNumber.set(number, changes);
  }
  for (const update of updates) byNumber.get(update.blockNumber)?.accounts.push(parseAccountDiff(update.diff));
  for (const nft of nfts) byNumber.get(nft.mintedInBlock)?.nfts.push(nft);
  let rewound: StateSnapshot;
  try {
    rewound = rewindSnapshot(stored.snapshot, blocks);
  } catch (error) {
    throw new ZkLiteError("STATE_CORRUPT", `the stored diffs of blocks ${fromBlock}..${last} do not lead to the committed state`, { cause: error });
  }

  const accountsAfter = new Map<number, AccountSnapshot>(rewound.accounts.map((account) => [account.id, account]));
  const touched = new Map<number, Set<number>>(); // account id → token ids its diffs changed
  for (const block of blocks) {
    for (const diff of block.accounts) {
      const tokens = touched.get(diff.accountId) ?? new Set<number>();
      for (const balance of diff.balances) tokens.add(balance.tokenId);
      touched.set(diff.accountId, tokens);
    }
  }
  const removedAccounts = [...touched.keys()].filter((id) => !accountsAfter.has(id));
  const keptAccounts = [...touched.keys()].filter((id) => accountsAfter.has(id));
  const lastBlocks = await prisma.accountUpdate.groupBy({ by: ["accountId"], where: { accountId: { in: keptAccounts }, blockNumber: { lt: fromBlock } }, _max: { blockNumber: true } });
  const lastBlockOf = new Map(lastBlocks.map((row) => [row.accountId, row._max.blockNumber ?? 0]));

  const mempool = await requeuedMempool(prisma, fromBlock, stored.snapshot);
  const priorityOps = await prisma.priorityOperation.count({ where: { executedInBlock: { gte: fromBlock } } });

  await prisma.$transaction(
    async (tx) => {
      // the block rows first: a witness generator holding one (FOR SHARE) finishes its job before they go
      await tx.block.deleteMany({ where: { number: { gte: fromBlock } } });
      await tx.executedOperation.deleteMany({ where: { blockNumber: { gte: fromBlock } } });
      await tx.pendingBlock.deleteMany({ where: { id: 1 } });
      await tx.blockWitness.deleteMany({ where: { blockNumber: { gte: fromBlock } } });
      await tx.proverJob.deleteMany({ where: { blockNumber: { gte: fromBlock } } });
      await tx.proof.deleteMany({ where: { blockNumber: { gte: fromBlock } } });
      await tx.l1Operation.deleteMany({ where: { kind: { in: ["commit", "prove", "execute"] }, fromBlock: { gte: fromBlock } } });
      await tx.priorityOperation.updateMany({ where: { executedInBlock: { gte: fromBlock } }, data: { executedInBlock: null } });

      await tx.account.deleteMany({ where: { id: { in: removedAccounts } } });
      await updateAccounts(
        tx,
        keptAccounts.map((id) => {
          const account = accountsAfter.get(id) as AccountSnapshot;
          return { id, address: account.address, nonce: account.nonce, pubKeyHash: account.pubKeyHash, lastBlock: lastBlockOf.get(id) ?? 0 };
        }),
      );
      await writeBalances(
        tx,
        keptAccounts.flatMap((id) => {
          const balances = new Map((accountsAfter.get(id) as AccountSnapshot).balances);
          return [...(touched.get(id) as Set<number>)].map((tokenId) => ({ accountId: id, tokenId, amount: balances.get(tokenId) ?? 0n }));
        }),
      );
      await tx.nft.deleteMany({ where: { mintedInBlock: { gte: fromBlock } } });
      await tx.chainState.update({ where: { id: 1 }, data: { nextAccountId: rewound.nextAccountId, lastSealedBlock: fromBlock - 1, stateRoot: first.oldStateRoot } });

      await tx.mempoolTx.deleteMany({});
      await tx.txBatch.deleteMany({});
      if (mempool.batches.length > 0) await tx.txBatch.createMany({ data: mempool.batches });
      if (mempool.rows.length > 0) await tx.mempoolTx.createMany({ data: mempool.rows });
      await writeEvents(tx, mempool.events);
      await tx.l1Operation.update({ where: { id: revert.operationId }, data: { status: "applied" } });
    },
    { timeout: 120_000 },
  );
  return { lastSealedBefore: last, lastSealedAfter: fromBlock - 1, requeued: mempool.events.length, priorityOps };
}

/**
 * The mempool after the rewind: the reverted blocks' successful L2 transactions in execution order (a batch with
 * the Ethereum signatures its members carried), then the transactions that were waiting, in their order.
 */
async function requeuedMempool(prisma: PrismaClient, fromBlock: number, before: StateSnapshot) {
  const [executed, waiting, waitingBatches] = await Promise.all([
    prisma.executedOperation.findMany({ where: { blockNumber: { gte: fromBlock }, success: true, txHash: { not: null } }, orderBy: { id: "asc" } }),
    prisma.mempoolTx.findMany({ orderBy: { id: "asc" } }),
    prisma.txBatch.findMany(),
  ]);
  const addressOf = new Map(before.accounts.map((account) => [account.id, account.address]));
  const batches = new Map<string, Prisma.TxBatchCreateManyInput>();
  const rows: Prisma.MempoolTxCreateManyInput[] = [];
  const events: EventRecord[] = [];
  for (const row of executed) {
    const tx = parseTx(row.tx);
    const sender = txSender(tx);
    const address = "address" in sender ? sender.address : addressOf.get(sender.accountId);
    if (address === undefined) throw new ZkLiteError("STATE_CORRUPT", `transaction ${row.txHash} names account ${(sender as { accountId: number }).accountId}, which does not exist`);
    const hash = row.txHash as string;
    if (row.batchHash !== null) {
      const batch = batches.get(row.batchHash);
      // a batch member's row carries the batch's signatures (state keeper): they go back to the batch row
      if (batch === undefined) batches.set(row.batchHash, { batchHash: row.batchHash, ethSignatures: (row.ethSignature ?? []) as Prisma.InputJsonValue, size: 1 });
      else batch.size = (batch.size as number) + 1;
    }
    rows.push({
      txHash: hash,
      txType: row.txType,
      address: address.toLowerCase(),
      nonce: BigInt(tx.nonce),
      tx: row.tx as Prisma.InputJsonValue,
      ...(row.batchHash === null && row.ethSignature !== null ? { ethSignature: row.ethSignature as Prisma.InputJsonValue } : {}),
      batchHash: row.batchHash,
      createdAt: row.createdAt,
    });
    events.push({ kind: "tx", key: hash, payload: { hash, status: "queued", reverted: true, revertedBlock: row.blockNumber } });
  }
  for (const row of waiting) {
    rows.push({
      txHash: row.txHash,
      txType: row.txType,
      address: row.address,
      nonce: row.nonce,
      tx: row.tx as Prisma.InputJsonValue,
      ...(row.ethSignature === null ? {} : { ethSignature: row.ethSignature as Prisma.InputJsonValue }),
      batchHash: row.batchHash,
      createdAt: row.createdAt,
    });
  }
  for (const batch of waitingBatches) {
    batches.set(batch.batchHash, { batchHash: batch.batchHash, ethSignatures: (batch.ethSignatures ?? []) as Prisma.InputJsonValue, size: batch.size, createdAt: batch.createdAt });
  }
  return { rows, batches: [...batches.values()], events };
}
