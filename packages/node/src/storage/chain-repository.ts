import { ZkLiteError } from "@zklite/protocol";
import type { NftInfo, SealedBlock, StateDiff, StateSnapshot } from "@zklite/state";
import type { Prisma, PrismaClient } from "./generated/client.js";
import { createAccounts, updateAccounts, writeBalances } from "./account-rows.js";
import { hex32, toJsonValue, type JsonValue } from "./json.js";

/** One executed (or failed) operation of the pending block, as the state keeper hands it to storage. */
export interface ExecutedRecord {
  /** Position among the block's successful operations; null for a failure. */
  readonly blockIndex: number | null;
  readonly txHash: string | null;
  readonly priorityOpSerialId: bigint | null;
  readonly txType: string;
  readonly opType: string | null;
  /** Transaction or priority op, JSON. */
  readonly tx: JsonValue;
  readonly ethSignature: JsonValue | null;
  readonly operation: JsonValue | null;
  readonly success: boolean;
  readonly failCode: string | null;
  readonly failReason: string | null;
  readonly batchHash: string | null;
  readonly addresses: readonly string[];
  readonly tokenIds: readonly number[];
}

/** An event for subscribers, written in the same transaction as the change it reports. */
export interface EventRecord {
  readonly kind: "block" | "block_status" | "tx" | "account" | "priority_op";
  readonly key: string;
  readonly payload: JsonValue;
}

export interface PendingBlockRecord {
  readonly number: number;
  readonly feeAccountId: number;
  readonly timestamp: number;
  readonly firstSuccessAt: Date | null;
  readonly miniBlocks: number;
}

/** Everything one mini-block changes, written in one database transaction. */
export interface MiniBlockWrite {
  readonly pending: PendingBlockRecord;
  readonly executed: readonly ExecutedRecord[];
  /** Mempool rows to delete: executed, failed or dropped transactions. */
  readonly removedTxHashes: readonly string[];
  readonly removedBatchHashes: readonly string[];
  readonly executedPriorityOps: readonly bigint[];
  readonly events: readonly EventRecord[];
}

/** What a restart needs: the committed state, the pending block and its operations. */
export interface StoredChain {
  readonly lastSealedBlock: number;
  readonly stateRoot: string;
  readonly snapshot: StateSnapshot;
  readonly pending: PendingBlockRecord | undefined;
  /** Successful operations of the pending block in execution order. */
  readonly pendingOperations: readonly { txHash: string | null; priorityOpSerialId: bigint | null; tx: unknown; ethSignature: unknown; batchHash: string | null }[];
  /** Next priority-op serial id to execute. */
  readonly nextPriorityOpSerial: bigint;
}

type Tx = Prisma.TransactionClient;

/**
 * The chain's rows: the committed state as of the last sealed block (accounts, balances, NFTs, counters),
 * sealed blocks with their account diffs, the pending block and its executed operations. Every method
 * writes in one database transaction, so a crash leaves either all of a mini-block or block, or none.
 */
export class ChainRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /** Whether any state was ever written (genesis included). */
  async isInitialized(): Promise<boolean> {
    return (await this.prisma.chainState.findUnique({ where: { id: 1 } })) !== null;
  }

  async writeGenesis(snapshot: StateSnapshot, stateRoot: bigint): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      await createAccounts(tx, snapshot.accounts.map((account) => ({ ...account, lastBlock: 0 })));
      await writeBalances(tx, snapshot.accounts.flatMap((account) => account.balances.map(([tokenId, amount]) => ({ accountId: account.id, tokenId, amount }))));
      await tx.chainState.create({ data: { id: 1, nextAccountId: snapshot.nextAccountId, lastSealedBlock: 0, stateRoot: hex32(stateRoot) } });
    });
  }

  async load(depths: { accountTreeDepth: number; balanceTreeDepth: number }): Promise<StoredChain> {
    const chain = await this.prisma.chainState.findUniqueOrThrow({ where: { id: 1 } });
    const [accounts, balances, nfts, pending, maxExecuted] = await Promise.all([
      this.prisma.account.findMany({ orderBy: { id: "asc" } }),
      this.prisma.balance.findMany({ orderBy: [{ accountId: "asc" }, { tokenId: "asc" }] }),
      this.prisma.nft.findMany({ orderBy: { tokenId: "asc" } }),
      this.prisma.pendingBlock.findUnique({ where: { id: 1 } }),
      this.prisma.priorityOperation.aggregate({ _max: { serialId: true }, where: { executedInBlock: { not: null } } }),
    ]);
    const balancesByAccount = new Map<number, [number, bigint][]>();
    for (const balance of balances) {
      let list = balancesByAccount.get(balance.accountId);
      if (list === undefined) balancesByAccount.set(balance.accountId, (list = []));
      list.push([balance.tokenId, BigInt(balance.amount.toFixed())]);
    }
    const snapshot: StateSnapshot = {
      ...depths,
      nextAccountId: chain.nextAccountId,
      accounts: accounts.map((account) => ({
        id: account.id,
        address: account.address,
        nonce: Number(account.nonce),
        pubKeyHash: account.pubKeyHash,
        balances: balancesByAccount.get(account.id) ?? [],
      })),
      nfts: nfts.map((nft): NftInfo => ({
        tokenId: nft.tokenId,
        creatorId: nft.creatorId,
        creatorAddress: nft.creatorAddress,
        serialId: nft.serialId,
        contentHash: nft.contentHash,
        address: nft.address,
      })),
    };
    const pendingOperations =
      pending === null
        ? []
        : await this.prisma.executedOperation.findMany({
            where: { blockNumber: pending.number, success: true },
            orderBy: { id: "asc" },
            select: { txHash: true, priorityOpSerialId: true, tx: true, ethSignature: true, batchHash: true },
          });
    return {
      lastSealedBlock: chain.lastSealedBlock,
      stateRoot: chain.stateRoot,
      snapshot,
      pending:
        pending === null
          ? undefined
          : { number: pending.number, feeAccountId: pending.feeAccountId, timestamp: Number(pending.timestamp), firstSuccessAt: pending.firstSuccessAt, miniBlocks: pending.miniBlocks },
      pendingOperations,
      nextPriorityOpSerial: (maxExecuted._max.serialId ?? -1n) + 1n,
    };
  }

  /**
   * One SQL statement (atomic on its own, one round trip — a mini-block is on the ingest path): the pending-block
   * row, the executed and failed operations, the mempool rows they came from, the priority ops they executed,
   * and the events.
   */
  async writeMiniBlock(write: MiniBlockWrite): Promise<void> {
    const { pending, executed: ops, events } = write;
    const json = (value: JsonValue | null) => (value === null ? null : JSON.stringify(value));
    await this.prisma.$executeRaw`
      WITH pending AS (
        INSERT INTO "PendingBlock" ("id", "number", "feeAccountId", "timestamp", "firstSuccessAt", "miniBlocks", "updatedAt")
        VALUES (1, ${pending.number}, ${pending.feeAccountId}, ${BigInt(pending.timestamp)}, ${pending.firstSuccessAt?.toISOString() ?? null}::timestamp, ${pending.miniBlocks}, now())
        ON CONFLICT ("id") DO UPDATE SET "number" = EXCLUDED."number", "feeAccountId" = EXCLUDED."feeAccountId", "timestamp" = EXCLUDED."timestamp",
          "firstSuccessAt" = EXCLUDED."firstSuccessAt", "miniBlocks" = EXCLUDED."miniBlocks", "updatedAt" = now()
      ),
      executed AS (
        INSERT INTO "ExecutedOperation" ("blockNumber", "blockIndex", "txHash", "priorityOpSerialId", "txType", "opType", "tx", "ethSignature",
                                         "operation", "success", "failCode", "failReason", "batchHash", "addresses", "tokenIds")
        SELECT ${pending.number}, o."blockIndex", o."txHash", o.serial, o."txType", o."opType", o.tx::jsonb, o.signature::jsonb, o.operation::jsonb,
               o.success, o."failCode", o."failReason", o."batchHash",
               ARRAY(SELECT jsonb_array_elements_text(o.addresses::jsonb)), ARRAY(SELECT jsonb_array_elements_text(o.tokens::jsonb)::int)
        FROM unnest(${ops.map((o) => o.blockIndex)}::int[], ${ops.map((o) => o.txHash)}::text[], ${ops.map((o) => o.priorityOpSerialId)}::bigint[],
                    ${ops.map((o) => o.txType)}::text[], ${ops.map((o) => o.opType)}::text[], ${ops.map((o) => JSON.stringify(o.tx))}::text[],
                    ${ops.map((o) => json(o.ethSignature))}::text[], ${ops.map((o) => json(o.operation))}::text[], ${ops.map((o) => o.success)}::boolean[],
                    ${ops.map((o) => o.failCode)}::text[], ${ops.map((o) => o.failReason)}::text[], ${ops.map((o) => o.batchHash)}::text[],
                    ${ops.map((o) => JSON.stringify(o.addresses))}::text[], ${ops.map((o) => JSON.stringify(o.tokenIds))}::text[])
          WITH ORDINALITY AS o("blockIndex", "txHash", serial, "txType", "opType", tx, signature, operation, success, "failCode", "failReason", "batchHash", addresses, tokens, position)
        ORDER BY o.position
      ),
      removed_txs AS (DELETE FROM "MempoolTx" WHERE "txHash" = ANY(${[...write.removedTxHashes]}::text[])),
      removed_batches AS (DELETE FROM "TxBatch" WHERE "batchHash" = ANY(${[...write.removedBatchHashes]}::text[])),
      priority AS (UPDATE "PriorityOperation" SET "executedInBlock" = ${pending.number} WHERE "serialId" = ANY(${[...write.executedPriorityOps]}::bigint[])),
      new_events AS (
        INSERT INTO "Event" ("kind", "key", "payload")
        SELECT e.kind, e.key, e.payload::jsonb FROM unnest(${events.map((e) => e.kind)}::text[], ${events.map((e) => e.key)}::text[], ${events.map((e) => JSON.stringify(e.payload))}::text[])
          WITH ORDINALITY AS e(kind, key, payload, position)
        ORDER BY e.position
      )
      SELECT 1`;
  }

  /**
   * Stores a sealed block with its account diffs, moves the committed state forward, drops the pending
   * block and queues the block's commit for the L1 pipeline — all in one transaction.
   */
  async writeSealedBlock(block: SealedBlock, events: readonly EventRecord[]): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      await writeBlock(
        tx,
        {
          number: block.blockNumber,
          feeAccountId: block.feeAccountId,
          timestamp: BigInt(block.timestamp),
          oldStateRoot: hex32(block.oldStateRoot),
          newStateRoot: hex32(block.newStateRoot),
          commitment: hex32(block.commitment),
          blockChunks: block.blockChunks,
          chunksUsed: block.chunksUsed,
          publicData: Buffer.from(block.publicData),
          onchainOperations: toJsonValue(block.onchainOperations) as Prisma.InputJsonValue,
          fees: toJsonValue(block.fees) as Prisma.InputJsonValue,
          operationCount: block.operations.filter((op) => op.type !== "Noop").length,
        },
        block.stateDiff,
      );
      await tx.pendingBlock.deleteMany({ where: { id: 1 } });
      await tx.l1Operation.create({ data: { kind: "commit", fromBlock: block.blockNumber, toBlock: block.blockNumber } });
      await writeEvents(tx, events);
    });
  }

  /**
   * Stores a block rebuilt from L1 by data restore (already committed, maybe executed: nothing is queued for the
   * eth-sender), its account diffs and the state after it, and marks the priority operations it executed — in one
   * transaction, so an interrupted restore resumes after its last whole block.
   */
  async writeRestoredBlock(block: RestoredBlockWrite): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      await writeBlock(tx, block.row, block.stateDiff);
      if (block.priorityOps.count > 0) {
        const first = block.priorityOps.firstSerialId;
        const marked = await tx.priorityOperation.updateMany({
          where: { serialId: { gte: first, lt: first + BigInt(block.priorityOps.count) }, executedInBlock: null },
          data: { executedInBlock: block.row.number },
        });
        if (marked.count !== block.priorityOps.count) {
          throw new ZkLiteError("STATE_CORRUPT", `block ${block.row.number} executed priority operations ${first}..${first + BigInt(block.priorityOps.count) - 1n}, but only ${marked.count} of them are stored and unexecuted`);
        }
      }
    });
  }
}

/** A restored block's row (with its L1 transactions) and what it changed. */
export interface RestoredBlockWrite {
  readonly row: Prisma.BlockCreateInput & { number: number };
  readonly stateDiff: StateDiff;
  /** The priority operations (serial ids from `firstSerialId`) the block executed. */
  readonly priorityOps: { readonly firstSerialId: bigint; readonly count: number };
}

/** The block row, its account updates, the accounts, balances and NFTs after it, and the chain state. */
async function writeBlock(tx: Tx, row: Prisma.BlockCreateInput & { number: number; newStateRoot: string }, stateDiff: StateDiff): Promise<void> {
  const blockNumber = row.number;
  await tx.block.create({ data: row });
  if (stateDiff.accounts.length > 0) {
    await tx.accountUpdate.createMany({
      data: stateDiff.accounts.map((diff) => ({ blockNumber, accountId: diff.accountId, diff: toJsonValue(diff) as Prisma.InputJsonValue })),
    });
  }
  const accounts = stateDiff.accounts.map((diff) => ({
    created: diff.created,
    write: { id: diff.accountId, address: diff.address, nonce: diff.nonce?.after, pubKeyHash: diff.pubKeyHash?.after, lastBlock: blockNumber },
  }));
  await createAccounts(tx, accounts.filter((account) => account.created).map((account) => account.write));
  await updateAccounts(tx, accounts.filter((account) => !account.created).map((account) => account.write));
  await writeBalances(tx, stateDiff.accounts.flatMap((diff) => diff.balances.map((balance) => ({ accountId: diff.accountId, tokenId: balance.tokenId, amount: balance.after }))));
  if (stateDiff.nfts.length > 0) {
    await tx.nft.createMany({ data: stateDiff.nfts.map((nft) => ({ ...nft, mintedInBlock: blockNumber })) });
  }
  await tx.chainState.update({ where: { id: 1 }, data: { nextAccountId: stateDiff.nextAccountId, lastSealedBlock: blockNumber, stateRoot: row.newStateRoot } });
}

export async function writeEvents(tx: Tx, events: readonly EventRecord[]): Promise<void> {
  if (events.length === 0) return;
  await tx.event.createMany({ data: events.map((event) => ({ kind: event.kind, key: event.key, payload: event.payload as Prisma.InputJsonValue })) });
}
