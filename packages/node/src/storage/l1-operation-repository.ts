import type { Block, Prisma, PrismaClient } from "./generated/client.js";

/** The kinds of L1Operation rows (eth-sender/operation-kind.ts). */
export type L1OperationKind = "commit" | "prove" | "execute" | "revert";

export interface StoredL1Transaction {
  readonly id: bigint;
  readonly nonce: number;
  readonly hash: string;
  readonly rawTx: string;
  readonly maxFeePerGas: bigint;
  readonly maxPriorityFeePerGas: bigint;
  readonly status: string;
  readonly sentAt: Date | null;
}

export interface StoredL1Operation {
  readonly id: bigint;
  readonly kind: L1OperationKind;
  readonly fromBlock: number;
  readonly toBlock: number;
  readonly status: string;
  /** In signing order. */
  readonly transactions: readonly StoredL1Transaction[];
}

/** A signed transaction to store before its broadcast. */
export interface NewL1Transaction {
  readonly nonce: number;
  readonly hash: string;
  readonly rawTx: string;
  readonly maxFeePerGas: bigint;
  readonly maxPriorityFeePerGas: bigint;
  readonly gasLimit: bigint;
}

/** A block waiting for an L1 operation, with the time it became ready for it. */
export interface WaitingBlockRow {
  readonly block: Block;
  readonly readyAt: Date;
  readonly proof?: unknown;
}

/** Transaction statuses that may still be mined. */
const LIVE = ["signed", "sent"];
const BLOCK_FIELDS = {
  commit: { hash: "commitTxHash", at: "committedAt", status: "committed" },
  prove: { hash: "proveTxHash", at: "provenAt", status: "proven" },
  execute: { hash: "executeTxHash", at: "executedAt", status: "executed" },
} as const;

type Tx = Prisma.TransactionClient;

function toOperation(row: Prisma.L1OperationGetPayload<{ include: { transactions: true } }>): StoredL1Operation {
  return {
    id: row.id,
    kind: row.kind as L1OperationKind,
    fromBlock: row.fromBlock,
    toBlock: row.toBlock,
    status: row.status,
    transactions: row.transactions.map((tx) => ({
      id: tx.id,
      nonce: tx.nonce,
      hash: tx.hash,
      rawTx: tx.rawTx,
      maxFeePerGas: BigInt(tx.maxFeePerGas.toFixed()),
      maxPriorityFeePerGas: BigInt(tx.maxPriorityFeePerGas.toFixed()),
      status: tx.status,
      sentAt: tx.sentAt,
    })),
  };
}

/**
 * The eth-sender's rows: L1Operation (one per commit / prove / execute / revert the operator sends, over a block
 * range), L1Transaction (every signed transaction of an operation, stored before its broadcast), and the L1 status
 * columns of Block with their `block_status` events. Each write is one database transaction.
 */
export class L1OperationRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /** The operation whose transaction is out (at most one: the eth-sender sends one at a time). */
  async inflight(): Promise<StoredL1Operation | undefined> {
    const row = await this.prisma.l1Operation.findFirst({ where: { status: "sent" }, orderBy: { id: "asc" }, include: { transactions: { orderBy: { id: "asc" } } } });
    return row === null ? undefined : toOperation(row);
  }

  async queuedRevert(): Promise<StoredL1Operation | undefined> {
    const row = await this.prisma.l1Operation.findFirst({ where: { kind: "revert", status: "queued" }, orderBy: { id: "asc" }, include: { transactions: true } });
    return row === null ? undefined : toOperation(row);
  }

  /** A revert confirmed on L1 that the node has not rewound its storage for yet ("applied"): commits must wait. */
  async confirmedRevert(): Promise<{ operationId: bigint; fromBlock: number; toBlock: number } | undefined> {
    const row = await this.prisma.l1Operation.findFirst({ where: { kind: "revert", status: "confirmed" }, orderBy: { id: "desc" } });
    return row === null ? undefined : { operationId: row.id, fromBlock: row.fromBlock, toBlock: row.toBlock };
  }

  /** Whether a revert is queued or out on L1. */
  async revertUnderway(): Promise<boolean> {
    return (await this.prisma.l1Operation.count({ where: { kind: "revert", status: { in: ["queued", "sent"] } } })) > 0;
  }

  /** The newest revert the node rewound for (its id; 0n when none): a process that outlives it must rebuild its state. */
  async lastAppliedRevert(): Promise<bigint> {
    const row = await this.prisma.l1Operation.findFirst({ where: { kind: "revert", status: "applied" }, orderBy: { id: "desc" }, select: { id: true } });
    return row?.id ?? 0n;
  }

  /**
   * Last block whose `kind` operation is sent or confirmed, or that is marked done on L1 without one (blocks written
   * by data restore); 0 when none.
   */
  async lastHandledBlock(kind: "commit" | "prove" | "execute"): Promise<number> {
    const [operation, block] = await Promise.all([
      this.prisma.l1Operation.aggregate({ _max: { toBlock: true }, where: { kind, status: { in: ["sent", "confirmed"] } } }),
      this.prisma.block.aggregate({ _max: { number: true }, where: { [BLOCK_FIELDS[kind].at]: { not: null } } }),
    ]);
    return Math.max(operation._max.toBlock ?? 0, block._max.number ?? 0);
  }

  async block(number: number): Promise<Block | null> {
    return this.prisma.block.findUnique({ where: { number } });
  }

  async blocks(fromBlock: number, toBlock: number): Promise<Block[]> {
    return this.prisma.block.findMany({ where: { number: { gte: fromBlock, lte: toBlock } }, orderBy: { number: "asc" } });
  }

  async proofs(fromBlock: number, toBlock: number): Promise<Map<number, unknown>> {
    const rows = await this.prisma.proof.findMany({ where: { blockNumber: { gte: fromBlock, lte: toBlock } } });
    return new Map(rows.map((row) => [row.blockNumber, row.proof as unknown]));
  }

  /** Blocks from `fromBlock` on, contiguous, ready for `kind` (sealed; committed with a proof; proven), at most `limit`. */
  async waiting(kind: "commit" | "prove" | "execute", fromBlock: number, limit: number): Promise<WaitingBlockRow[]> {
    const where: Prisma.BlockWhereInput =
      kind === "commit" ? { commitTxHash: null } : kind === "prove" ? { committedAt: { not: null }, provenAt: null } : { provenAt: { not: null }, executedAt: null };
    const blocks = await this.prisma.block.findMany({ where: { number: { gte: fromBlock }, ...where }, orderBy: { number: "asc" }, take: limit });
    const contiguous = blocks.filter((block, i) => block.number === fromBlock + i);
    if (kind === "commit") return contiguous.map((block) => ({ block, readyAt: block.createdAt }));
    if (kind === "execute") return contiguous.map((block) => ({ block, readyAt: block.provenAt as Date }));
    const proofs = await this.prisma.proof.findMany({ where: { blockNumber: { in: contiguous.map((block) => block.number) } } });
    const byBlock = new Map(proofs.map((proof) => [proof.blockNumber, proof]));
    const result: WaitingBlockRow[] = [];
    for (const block of contiguous) {
      const proof = byBlock.get(block.number);
      if (proof === undefined) break;
      const committedAt = block.committedAt as Date;
      result.push({ block, readyAt: proof.createdAt > committedAt ? proof.createdAt : committedAt, proof: proof.proof });
    }
    return result;
  }

  /**
   * Stores a new operation over [fromBlock, toBlock] with its first signed transaction, status "sent" (a revert
   * request's row is reused). A commit absorbs the per-block "queued" commit rows the state keeper wrote; a
   * failed operation starting at the same block (a retry after a restart) is reused.
   */
  async createOperation(kind: L1OperationKind, fromBlock: number, toBlock: number, tx: NewL1Transaction): Promise<StoredL1Transaction> {
    return this.prisma.$transaction(async (db) => {
      if (kind === "commit") {
        await db.l1Operation.deleteMany({ where: { kind: "commit", status: "queued", fromBlock: { gt: fromBlock, lte: toBlock } } });
      }
      const operation = await db.l1Operation.upsert({
        where: { kind_fromBlock: { kind, fromBlock } },
        create: { kind, fromBlock, toBlock, status: "sent" },
        update: { toBlock, status: "sent", error: null },
      });
      return insertTransaction(db, operation.id, tx);
    });
  }

  /** A replacement (same nonce, higher fees) or a re-signed transaction (new nonce) of an operation. */
  async addTransaction(operationId: bigint, tx: NewL1Transaction, supersedeNonce?: number): Promise<StoredL1Transaction> {
    return this.prisma.$transaction(async (db) => {
      if (supersedeNonce !== undefined) {
        await db.l1Transaction.updateMany({ where: { operationId, nonce: supersedeNonce, status: { in: LIVE } }, data: { status: "superseded" } });
      }
      return insertTransaction(db, operationId, tx);
    });
  }

  async markSent(id: bigint, atBlock: number): Promise<void> {
    await this.prisma.l1Transaction.updateMany({ where: { id, sentAt: null }, data: { status: "sent", sentAt: new Date(), sentAtBlock: atBlock } });
  }

  /** The operation failed for good (`error`: code and message); its mined transaction, if any, reverted. */
  async fail(operationId: bigint, error: string, revertedHash?: string, atBlock?: number): Promise<void> {
    await this.prisma.$transaction(async (db) => {
      await db.l1Operation.update({ where: { id: operationId }, data: { status: "failed", error } });
      if (revertedHash !== undefined) await db.l1Transaction.updateMany({ where: { hash: revertedHash }, data: { status: "reverted", confirmedAtBlock: atBlock ?? null } });
    });
  }

  /** Queues the operator's request to revert [fromBlock, toBlock] (sent by the eth-sender when nothing is in flight). */
  async requestRevert(fromBlock: number, toBlock: number): Promise<void> {
    await this.prisma.l1Operation.upsert({
      where: { kind_fromBlock: { kind: "revert", fromBlock } },
      create: { kind: "revert", fromBlock, toBlock, status: "queued" },
      update: { toBlock, status: "queued", error: null },
    });
  }

  /**
   * The operation is final on L1 with `hash`: operation and transaction confirmed (the other hashes "replaced"),
   * the blocks' L1 columns set and a `block_status` event per block — one transaction. A revert clears the commit
   * and prove columns of its blocks and marks their commit / prove operations "reverted".
   */
  async confirm(operation: StoredL1Operation, hash: string, atBlock: number): Promise<void> {
    const now = new Date();
    await this.prisma.$transaction(async (db) => {
      await db.l1Operation.update({ where: { id: operation.id }, data: { status: "confirmed", confirmedAt: now } });
      await db.l1Transaction.updateMany({ where: { operationId: operation.id, hash }, data: { status: "confirmed", confirmedAtBlock: atBlock } });
      await db.l1Transaction.updateMany({ where: { operationId: operation.id, hash: { not: hash }, status: { in: LIVE } }, data: { status: "replaced" } });
      const range = { number: { gte: operation.fromBlock, lte: operation.toBlock } };
      const numbers = Array.from({ length: operation.toBlock - operation.fromBlock + 1 }, (_, i) => operation.fromBlock + i);
      if (operation.kind === "revert") {
        await db.block.updateMany({ where: range, data: { commitTxHash: null, committedAt: null, proveTxHash: null, provenAt: null } });
        const undone = { kind: { in: ["commit", "prove"] }, status: { in: ["sent", "confirmed", "failed"] } };
        await db.l1Operation.updateMany({ where: { ...undone, fromBlock: { gte: operation.fromBlock } }, data: { status: "reverted" } });
        // an aggregate that straddles the first reverted block keeps only its blocks below it
        await db.l1Operation.updateMany({ where: { ...undone, fromBlock: { lt: operation.fromBlock }, toBlock: { gte: operation.fromBlock } }, data: { toBlock: operation.fromBlock - 1 } });
        await writeStatusEvents(db, numbers, "sealed", hash, now, true);
        return;
      }
      const fields = BLOCK_FIELDS[operation.kind];
      await db.block.updateMany({ where: range, data: { [fields.hash]: hash, [fields.at]: now } });
      await writeStatusEvents(db, numbers, fields.status, hash, now, false);
    });
  }
}

async function insertTransaction(db: Tx, operationId: bigint, tx: NewL1Transaction): Promise<StoredL1Transaction> {
  const row = await db.l1Transaction.create({
    data: {
      operationId,
      nonce: tx.nonce,
      hash: tx.hash,
      rawTx: tx.rawTx,
      maxFeePerGas: tx.maxFeePerGas.toString(),
      maxPriorityFeePerGas: tx.maxPriorityFeePerGas.toString(),
      gasLimit: tx.gasLimit,
      status: "signed",
    },
  });
  return { id: row.id, nonce: tx.nonce, hash: tx.hash, rawTx: tx.rawTx, maxFeePerGas: tx.maxFeePerGas, maxPriorityFeePerGas: tx.maxPriorityFeePerGas, status: row.status, sentAt: null };
}

async function writeStatusEvents(db: Tx, numbers: readonly number[], status: string, txHash: string, at: Date, reverted: boolean): Promise<void> {
  await db.event.createMany({
    data: numbers.map((number) => ({
      kind: "block_status",
      key: String(number),
      payload: { number, status, txHash, at: at.toISOString(), ...(reverted ? { reverted: true } : {}) },
    })),
  });
}
