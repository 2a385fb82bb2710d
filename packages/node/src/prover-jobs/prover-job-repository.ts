import type { Groth16Proof } from "@zklite/prover";
import { Prisma, type PrismaClient } from "../storage/generated/client.js";
import type { JsonValue } from "../storage/json.js";
import type { BlockProofVerifier } from "./block-proof-verifier.js";
import { isProofRefusal, ProverJobError } from "./errors.js";
import type { ProverJobMetrics } from "./metrics.js";
import { decodeCircuitInput, encodeCircuitInput } from "./witness-codec.js";

/**
 * What the witness generator hands over for a sealed block: the block circuit's input (opaque here: the
 * worker passes it to the circuit's witness calculator), already serialized (`circuitInputJson`, as the
 * witness thread produces it; stored without parsing, and preferred when both are given) or as a value.
 */
export interface BlockJobInput {
  readonly blockNumber: number;
  readonly blockChunks: number;
  readonly circuitInputJson?: string | undefined;
  readonly circuitInput?: JsonValue | undefined;
}

/** A job leased to one prover. */
export interface ClaimedJob {
  readonly jobId: bigint;
  readonly blockNumber: number;
  readonly blockChunks: number;
  readonly circuitInput: JsonValue;
  readonly leaseUntil: Date;
  /** How many times the job was handed out, this time included. */
  readonly attempt: number;
}

/** A verified block proof, as the eth-sender reads it for `proveBlocks`. */
export interface StoredProof {
  readonly blockNumber: number;
  readonly proof: Groth16Proof;
  readonly publicSignals: string[];
  readonly proverName: string | null;
  readonly createdAt: Date;
}

export interface ProverQueueCounts {
  /** Jobs waiting, with jobs whose lease expired (the next claim takes them). */
  readonly queued: number;
  readonly inProgress: number;
  /** Workers seen within one lease that did not say they stopped. */
  readonly activeProvers: number;
}

export interface ProverJobRepositoryOptions {
  /** How long a claimed job stays with its prover without a heartbeat. */
  readonly leaseMs: number;
  readonly metrics?: ProverJobMetrics | undefined;
}

/** Now, in the UTC wall time Prisma stores `DateTime` columns as (TIMESTAMP(3) without time zone). */
const NOW = Prisma.sql`(now() AT TIME ZONE 'UTC')`;

/**
 * The prover job queue (DESIGN.md §4: jobs are rows, claimed with row locks). Every lease decision uses the
 * database's clock, so API processes on several machines agree. A job is `queued`, `in_progress` (leased to
 * `proverName` until `leaseUntil`) or `done`; an `in_progress` job whose lease ended is claimable again.
 */
export class ProverJobRepository {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly options: ProverJobRepositoryOptions,
    private readonly verifier?: BlockProofVerifier,
  ) {}

  private get lease(): Prisma.Sql {
    return Prisma.sql`make_interval(secs => ${this.options.leaseMs / 1000}::float8)`;
  }

  /**
   * Stores a sealed block's circuit input (gzip JSON in `BlockWitness`) and queues its proof job, inside the
   * caller's transaction. Idempotent: a block that already has a job keeps it and its stored input.
   */
  async enqueue(tx: Prisma.TransactionClient, job: BlockJobInput): Promise<void> {
    const json = job.circuitInputJson ?? (job.circuitInput === undefined ? undefined : JSON.stringify(job.circuitInput));
    if (json === undefined) throw new ProverJobError("PROVER_WITNESS_MISSING", `block ${job.blockNumber}: enqueue needs circuitInputJson or circuitInput`);
    const witness = await encodeCircuitInput(json);
    const created = await tx.proverJob.createMany({ data: [{ blockNumber: job.blockNumber, blockChunks: job.blockChunks }], skipDuplicates: true });
    if (created.count === 0) return;
    await tx.blockWitness.upsert({ where: { blockNumber: job.blockNumber }, create: { blockNumber: job.blockNumber, witness }, update: { witness } });
  }

  /**
   * Leases the first claimable job (priority, then age) of one of `chunkSizes` to `proverName`, or null.
   * One statement: the candidate row is locked `FOR UPDATE SKIP LOCKED`, so concurrent claims take different
   * rows, and PostgreSQL re-checks the row's status after the lock (a job just taken by another is skipped).
   */
  async claim(proverName: string, chunkSizes: readonly number[]): Promise<ClaimedJob | null> {
    await this.seen(proverName);
    if (chunkSizes.length === 0) return null;
    const rows = await this.prisma.$queryRaw<{ id: bigint; blockNumber: number; blockChunks: number; leaseUntil: Date; attempts: number }[]>`
      UPDATE "ProverJob"
      SET status = 'in_progress', "proverName" = ${proverName}, "leaseUntil" = ${NOW} + ${this.lease},
          attempts = attempts + 1, "updatedAt" = ${NOW}
      WHERE id = (
        SELECT id FROM "ProverJob"
        WHERE "blockChunks" IN (${Prisma.join(chunkSizes)})
          AND (status = 'queued' OR (status = 'in_progress' AND "leaseUntil" < ${NOW}))
        ORDER BY priority, id
        LIMIT 1
        FOR UPDATE SKIP LOCKED
      )
      RETURNING id, "blockNumber", "blockChunks", "leaseUntil", attempts`;
    const row = rows[0];
    if (row === undefined) return null;
    this.options.metrics?.claimed.inc();
    const witness = await this.prisma.blockWitness.findUnique({ where: { blockNumber: row.blockNumber } });
    if (witness === null) {
      await this.release(row.id, proverName, "no circuit input stored");
      throw new ProverJobError("PROVER_WITNESS_MISSING", `block ${row.blockNumber} has a job but no stored circuit input`);
    }
    return {
      jobId: row.id,
      blockNumber: row.blockNumber,
      blockChunks: row.blockChunks,
      circuitInput: await decodeCircuitInput(witness.witness),
      leaseUntil: row.leaseUntil,
      attempt: row.attempts,
    };
  }

  /** Extends the lease of a job `proverName` holds; `PROVER_JOB_NOT_HELD` when it lost it (or it is done). */
  async heartbeat(jobId: bigint, proverName: string): Promise<Date> {
    await this.seen(proverName);
    const rows = await this.prisma.$queryRaw<{ leaseUntil: Date }[]>`
      UPDATE "ProverJob" SET "leaseUntil" = ${NOW} + ${this.lease}, "updatedAt" = ${NOW}
      WHERE id = ${jobId} AND "proverName" = ${proverName} AND status = 'in_progress'
      RETURNING "leaseUntil"`;
    if (rows[0] === undefined) throw await this.notHeld(jobId, proverName);
    return rows[0].leaseUntil;
  }

  /**
   * Verifies and stores a block proof, and marks its job done, in one transaction. The proof must verify
   * against the block size's key and its public signal must be the block's masked commitment; otherwise it
   * is refused (`PROVER_PROOF_INVALID`, `PROVER_PUBLIC_SIGNAL_MISMATCH`) and, if `proverName` held the job,
   * the job goes back to the queue. A valid proof is taken from any prover (it is valid), even one whose
   * lease ended; a second proof of a proven block answers `already_proven`.
   */
  async publish(jobId: bigint, proverName: string, proof: Groth16Proof, publicSignals: readonly string[]): Promise<{ blockNumber: number; status: "accepted" | "already_proven" }> {
    if (this.verifier === undefined) throw new ProverJobError("PROVER_NO_KEY", "this node has no key set (ZKLITE_KEY_SET): it cannot verify proofs");
    const job = await this.prisma.proverJob.findUnique({ where: { id: jobId } });
    if (job === null) throw new ProverJobError("PROVER_JOB_NOT_FOUND", `no prover job ${jobId}`);
    const metrics = this.options.metrics;
    if (job.status === "done") {
      metrics?.proofs.inc({ result: "already_proven" });
      return { blockNumber: job.blockNumber, status: "already_proven" };
    }
    const block = await this.prisma.block.findUnique({ where: { number: job.blockNumber }, select: { number: true, blockChunks: true, commitment: true } });
    if (block === null) throw new ProverJobError("PROVER_BLOCK_MISSING", `job ${jobId} is for block ${job.blockNumber}, which is not stored`);
    const timer = metrics?.verifySeconds.startTimer();
    try {
      await this.verifier.check({ ...block, blockChunks: job.blockChunks }, proof, publicSignals);
    } catch (error) {
      if (isProofRefusal(error)) {
        metrics?.proofs.inc({ result: error.code });
        await this.release(jobId, proverName, `${error.code}: ${error.message}`.slice(0, 1000));
      }
      throw error;
    } finally {
      timer?.();
    }
    const result = await this.prisma.$transaction(async (tx) => {
      const done = await tx.proverJob.updateMany({ where: { id: jobId, status: { not: "done" } }, data: { status: "done", proverName, leaseUntil: null, lastError: null } });
      if (done.count === 0) return { blockNumber: job.blockNumber, status: "already_proven" as const };
      await tx.proof.create({ data: { blockNumber: job.blockNumber, proof: proof as unknown as Prisma.InputJsonObject, publicSignals: [...publicSignals], proverName } });
      return { blockNumber: job.blockNumber, status: "accepted" as const };
    });
    metrics?.proofs.inc({ result: result.status });
    return result;
  }

  /** A worker stopping: every job it holds goes back to the queue. Returns how many. */
  async stopped(proverName: string): Promise<number> {
    await this.prisma.$executeRaw`UPDATE "ProverWorker" SET "stoppedAt" = ${NOW} WHERE name = ${proverName}`;
    return this.prisma.$executeRaw`
      UPDATE "ProverJob" SET status = 'queued', "proverName" = NULL, "leaseUntil" = NULL, "updatedAt" = ${NOW}
      WHERE "proverName" = ${proverName} AND status = 'in_progress'`;
  }

  /** Queue depth and live workers, for `proversNeeded` (zkSync's scaler). */
  async counts(): Promise<ProverQueueCounts> {
    const [row] = await this.prisma.$queryRaw<{ queued: bigint; inProgress: bigint; activeProvers: bigint }[]>`
      SELECT
        (SELECT count(*) FROM "ProverJob" WHERE status = 'queued' OR (status = 'in_progress' AND "leaseUntil" < ${NOW})) AS queued,
        (SELECT count(*) FROM "ProverJob" WHERE status = 'in_progress' AND "leaseUntil" >= ${NOW}) AS "inProgress",
        (SELECT count(*) FROM "ProverWorker" WHERE "stoppedAt" IS NULL AND "lastSeenAt" >= ${NOW} - ${this.lease}) AS "activeProvers"`;
    return { queued: Number(row?.queued ?? 0), inProgress: Number(row?.inProgress ?? 0), activeProvers: Number(row?.activeProvers ?? 0) };
  }

  /** Queued + in-progress jobs against live workers: one worker per job. */
  async proversNeeded(): Promise<ProverQueueCounts & { needed: number }> {
    const counts = await this.counts();
    return { ...counts, needed: counts.queued + counts.inProgress };
  }

  /** The stored proof of a block (eth-sender), or null. */
  async proof(blockNumber: number): Promise<StoredProof | null> {
    const row = await this.prisma.proof.findUnique({ where: { blockNumber } });
    if (row === null) return null;
    return {
      blockNumber: row.blockNumber,
      proof: row.proof as unknown as Groth16Proof,
      publicSignals: (row.publicSignals ?? []) as string[],
      proverName: row.proverName,
      createdAt: row.createdAt,
    };
  }

  /** Proofs of blocks `from`, `from + 1`, … up to the first block without one (at most `limit`): what can be proven on L1 next. */
  async consecutiveProofs(from: number, limit: number): Promise<StoredProof[]> {
    const rows = await this.prisma.proof.findMany({ where: { blockNumber: { gte: from, lt: from + limit } }, orderBy: { blockNumber: "asc" } });
    const proofs: StoredProof[] = [];
    for (const row of rows) {
      if (row.blockNumber !== from + proofs.length) break;
      proofs.push({ blockNumber: row.blockNumber, proof: row.proof as unknown as Groth16Proof, publicSignals: (row.publicSignals ?? []) as string[], proverName: row.proverName, createdAt: row.createdAt });
    }
    return proofs;
  }

  /** Records that a worker is alive (login, claim, heartbeat). */
  async seen(proverName: string): Promise<void> {
    await this.prisma.$executeRaw`
      INSERT INTO "ProverWorker" (name, "lastSeenAt") VALUES (${proverName}, ${NOW})
      ON CONFLICT (name) DO UPDATE SET "lastSeenAt" = EXCLUDED."lastSeenAt", "stoppedAt" = NULL`;
  }

  private async release(jobId: bigint, proverName: string, reason: string): Promise<void> {
    await this.prisma.$executeRaw`
      UPDATE "ProverJob" SET status = 'queued', "proverName" = NULL, "leaseUntil" = NULL, "lastError" = ${reason}, "updatedAt" = ${NOW}
      WHERE id = ${jobId} AND "proverName" = ${proverName} AND status = 'in_progress'`;
  }

  private async notHeld(jobId: bigint, proverName: string): Promise<ProverJobError> {
    const job = await this.prisma.proverJob.findUnique({ where: { id: jobId }, select: { status: true, proverName: true } });
    if (job === null) return new ProverJobError("PROVER_JOB_NOT_FOUND", `no prover job ${jobId}`);
    const holder = job.status === "done" ? "it is done" : job.status === "queued" ? "it is back in the queue" : "another prover holds it";
    return new ProverJobError("PROVER_JOB_NOT_HELD", `prover ${proverName} does not hold job ${jobId}: ${holder}`);
  }
}
