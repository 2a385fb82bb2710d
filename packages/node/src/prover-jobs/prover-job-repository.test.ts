import { randomBytes } from "node:crypto";
import { toHex } from "@zklite/protocol";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../storage/database.js";
import { devKeySet, type DevKeySet } from "../testing/dev-key-set.js";
import { createTestDatabase } from "../testing/postgres.js";
import { insertBlocksWithJobs, proveEcho } from "../testing/prover-jobs.js";
import { BlockProofVerifier } from "./block-proof-verifier.js";
import { decodeCircuitInput } from "./witness-codec.js";
import { ProverJobRepository } from "./prover-job-repository.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let keys: DevKeySet;
let verifier: BlockProofVerifier;
beforeAll(() => {
  keys = devKeySet([8, 32]);
  verifier = BlockProofVerifier.fromKeySet(keys.manifestPath);
}, 600_000);

const backends: [string, () => Promise<{ database: Database; drop(): Promise<void> }>][] = [
  ["PGlite", async () => ({ database: await openDatabase({ dataDir: "memory://" }), drop: async () => {} })],
  [
    "PostgreSQL",
    async () => {
      const created = await createTestDatabase();
      return { database: await openDatabase({ databaseUrl: created.url, dataDir: "unused" }), drop: created.drop };
    },
  ],
];

describe.each(backends)("prover jobs on %s", (_name, open) => {
  let database: Database;
  let drop: () => Promise<void>;
  const repository = (leaseMs: number) => new ProverJobRepository(database.prisma, { leaseMs }, verifier);

  beforeAll(async () => {
    ({ database, drop } = await open());
  }, 120_000);
  afterAll(async () => {
    await database?.close();
    await drop?.();
  });
  beforeEach(async () => {
    const { prisma } = database;
    await prisma.proof.deleteMany();
    await prisma.proverJob.deleteMany();
    await prisma.blockWitness.deleteMany();
    await prisma.block.deleteMany();
    await prisma.proverWorker.deleteMany();
  });

  it("enqueues inside the caller's transaction (gzip JSON input), once per block, and rolls back with it", async () => {
    const jobs = repository(10_000);
    const commitments = await insertBlocksWithJobs(database.prisma, jobs, [1], 8);
    const witness = await database.prisma.blockWitness.findUniqueOrThrow({ where: { blockNumber: 1 } });
    expect([witness.witness[0], witness.witness[1]]).toEqual([0x1f, 0x8b]); // gzip magic
    expect(await decodeCircuitInput(witness.witness)).toEqual({ commitment: expect.stringMatching(/^\d+$/) });
    const stored = witness.witness;
    await database.prisma.$transaction((tx) => jobs.enqueue(tx, { blockNumber: 1, blockChunks: 8, circuitInput: { other: "1" } }));
    expect((await database.prisma.blockWitness.findUniqueOrThrow({ where: { blockNumber: 1 } })).witness).toEqual(stored);
    // the witness generator's serialized form is stored as is
    await database.prisma.$transaction((tx) => jobs.enqueue(tx, { blockNumber: 3, blockChunks: 8, circuitInputJson: '{"commitment":"7"}' }));
    expect(await decodeCircuitInput((await database.prisma.blockWitness.findUniqueOrThrow({ where: { blockNumber: 3 } })).witness)).toEqual({ commitment: "7" });
    await database.prisma.proverJob.delete({ where: { blockNumber: 3 } });
    await database.prisma.blockWitness.delete({ where: { blockNumber: 3 } });
    await expect(
      database.prisma.$transaction(async (tx) => {
        await jobs.enqueue(tx, { blockNumber: 2, blockChunks: 8, circuitInput: { commitment: "5" } });
        throw new Error("the witness generator failed after enqueueing");
      }),
    ).rejects.toThrow("witness generator failed");
    expect(await database.prisma.proverJob.count()).toBe(1);
    expect(await database.prisma.blockWitness.count()).toBe(1);
    const claimed = await jobs.claim("p1", [8]);
    expect(claimed).toMatchObject({ blockNumber: 1, blockChunks: 8, attempt: 1 });
    expect(claimed?.circuitInput).toEqual({ commitment: expect.any(String) });
    expect(commitments.size).toBe(1);
  });

  it("never hands one job to two provers, under concurrent claims", async () => {
    const jobs = repository(60_000);
    const numbers = Array.from({ length: 30 }, (_, index) => index + 1);
    await insertBlocksWithJobs(database.prisma, jobs, numbers, 8);
    const claims: { prover: string; block: number }[] = [];
    await Promise.all(
      Array.from({ length: 10 }, async (_, index) => {
        const prover = `p${index}`;
        for (;;) {
          const job = await jobs.claim(prover, [8]);
          if (job === null) return;
          claims.push({ prover, block: job.blockNumber });
        }
      }),
    );
    expect(claims.map((claim) => claim.block).sort((a, b) => a - b)).toEqual(numbers);
    const rows = await database.prisma.proverJob.findMany();
    expect(rows.every((row) => row.status === "in_progress" && row.attempts === 1)).toBe(true);
    for (const claim of claims) expect(rows.find((row) => row.blockNumber === claim.block)?.proverName).toBe(claim.prover);
    if (database.kind === "postgres") expect(new Set(claims.map((claim) => claim.prover)).size).toBeGreaterThan(1);
  });

  it("gives only the sizes asked for, oldest first", async () => {
    const jobs = repository(60_000);
    await insertBlocksWithJobs(database.prisma, jobs, [1], 32);
    await insertBlocksWithJobs(database.prisma, jobs, [2, 3], 8);
    expect(await jobs.claim("p", [128])).toBeNull();
    expect((await jobs.claim("p", [8]))?.blockNumber).toBe(2);
    expect((await jobs.claim("p", [8, 32]))?.blockNumber).toBe(1);
    expect((await jobs.claim("p", [8, 32]))?.blockNumber).toBe(3);
    expect(await jobs.claim("p", [8, 32])).toBeNull();
  });

  it("returns a job whose lease expired to the queue, and refuses the old holder's heartbeat", async () => {
    const jobs = repository(300);
    await insertBlocksWithJobs(database.prisma, jobs, [1], 8);
    const first = await jobs.claim("a", [8]);
    expect(await jobs.claim("b", [8])).toBeNull();
    expect(await jobs.proversNeeded()).toMatchObject({ queued: 0, inProgress: 1, activeProvers: 2, needed: 1 });
    await sleep(450);
    expect(await jobs.proversNeeded()).toMatchObject({ queued: 1, inProgress: 0, activeProvers: 0, needed: 1 });
    const second = await jobs.claim("b", [8]);
    expect(second).toMatchObject({ jobId: first?.jobId, blockNumber: 1, attempt: 2 });
    await expect(jobs.heartbeat(first!.jobId, "a")).rejects.toMatchObject({ code: "PROVER_JOB_NOT_HELD" });
    expect((await jobs.heartbeat(second!.jobId, "b")).getTime()).toBeGreaterThan(second!.leaseUntil.getTime() - 1);
  });

  it("keeps a job with its prover while heartbeats come, past several leases", async () => {
    const jobs = repository(500);
    await insertBlocksWithJobs(database.prisma, jobs, [1], 8);
    const job = await jobs.claim("a", [8]);
    let last = job!.leaseUntil;
    for (let i = 0; i < 8; i++) {
      await sleep(150);
      const lease = await jobs.heartbeat(job!.jobId, "a");
      expect(lease.getTime()).toBeGreaterThan(last.getTime());
      last = lease;
      expect(await jobs.claim("b", [8])).toBeNull();
    }
    await sleep(650);
    expect(await jobs.claim("b", [8])).toMatchObject({ blockNumber: 1, attempt: 2 });
  });

  it("stores a proof that verifies against the block size's key, and marks the job done", async () => {
    const jobs = repository(60_000);
    const commitments = await insertBlocksWithJobs(database.prisma, jobs, [1, 2], 8);
    const job = await jobs.claim("a", [8]);
    const { proof, publicSignals } = await proveEcho(keys.wasmPath, keys.zkeys.get(8)!, commitments.get(1)!);
    expect(await jobs.publish(job!.jobId, "a", proof, publicSignals)).toEqual({ blockNumber: 1, status: "accepted" });
    expect(await jobs.publish(job!.jobId, "a", proof, publicSignals)).toEqual({ blockNumber: 1, status: "already_proven" });
    expect(await database.prisma.proverJob.findUniqueOrThrow({ where: { id: job!.jobId } })).toMatchObject({ status: "done", proverName: "a", leaseUntil: null });
    expect(await jobs.proof(1)).toMatchObject({ blockNumber: 1, proof, publicSignals, proverName: "a" });
    expect(await jobs.proof(2)).toBeNull();
    expect((await jobs.consecutiveProofs(1, 10)).map((stored) => stored.blockNumber)).toEqual([1]);
    await expect(jobs.heartbeat(job!.jobId, "a")).rejects.toMatchObject({ code: "PROVER_JOB_NOT_HELD" });
    expect(await jobs.proversNeeded()).toMatchObject({ queued: 1, inProgress: 0, needed: 1 });
  });

  it("refuses a proof that does not verify (another key's, or tampered) and puts the job back in the queue", async () => {
    const jobs = repository(60_000);
    const commitments = await insertBlocksWithJobs(database.prisma, jobs, [1], 8);
    const job = await jobs.claim("a", [8]);
    // right public input, but proven with the 32-chunk key (another setup)
    const otherKey = await proveEcho(keys.wasmPath, keys.zkeys.get(32)!, commitments.get(1)!);
    await expect(jobs.publish(job!.jobId, "a", otherKey.proof, otherKey.publicSignals)).rejects.toMatchObject({ code: "PROVER_PROOF_INVALID" });
    const requeued = await database.prisma.proverJob.findUniqueOrThrow({ where: { id: job!.jobId } });
    expect(requeued).toMatchObject({ status: "queued", proverName: null, leaseUntil: null, lastError: expect.stringContaining("PROVER_PROOF_INVALID") });
    expect(await database.prisma.proof.count()).toBe(0);

    const again = await jobs.claim("b", [8]);
    expect(again).toMatchObject({ jobId: job!.jobId, attempt: 2 });
    const good = await proveEcho(keys.wasmPath, keys.zkeys.get(8)!, commitments.get(1)!);
    const tampered = { ...good.proof, pi_a: otherKey.proof.pi_a };
    await expect(jobs.publish(again!.jobId, "b", tampered, good.publicSignals)).rejects.toMatchObject({ code: "PROVER_PROOF_INVALID" });
    const junk = { ...good.proof, pi_c: ["1", "2", "1"] }; // not a curve point
    const third = await jobs.claim("b", [8]);
    await expect(jobs.publish(third!.jobId, "b", junk, good.publicSignals)).rejects.toMatchObject({ code: "PROVER_PROOF_INVALID" });
    expect(await database.prisma.proof.count()).toBe(0);
    expect((await jobs.claim("c", [8]))?.attempt).toBe(4);
  });

  it("refuses a valid proof of another public signal than the block's masked commitment", async () => {
    const jobs = repository(60_000);
    await insertBlocksWithJobs(database.prisma, jobs, [1], 8);
    const job = await jobs.claim("a", [8]);
    const other = await proveEcho(keys.wasmPath, keys.zkeys.get(8)!, toHex(randomBytes(32)));
    await expect(jobs.publish(job!.jobId, "a", other.proof, other.publicSignals)).rejects.toMatchObject({ code: "PROVER_PUBLIC_SIGNAL_MISMATCH" });
    expect(await database.prisma.proverJob.findUniqueOrThrow({ where: { id: job!.jobId } })).toMatchObject({ status: "queued", lastError: expect.stringContaining("PUBLIC_SIGNAL") });
    await expect(jobs.publish(999n, "a", other.proof, other.publicSignals)).rejects.toMatchObject({ code: "PROVER_JOB_NOT_FOUND" });
    expect(await database.prisma.proof.count()).toBe(0);
  });

  it("releases a stopped prover's jobs at once and counts it out", async () => {
    const jobs = repository(60_000);
    await insertBlocksWithJobs(database.prisma, jobs, [1, 2, 3], 8);
    await jobs.claim("a", [8]);
    await jobs.claim("a", [8]);
    await jobs.claim("b", [8]);
    expect(await jobs.proversNeeded()).toEqual({ queued: 0, inProgress: 3, activeProvers: 2, needed: 3 });
    expect(await jobs.stopped("a")).toBe(2);
    expect(await jobs.proversNeeded()).toEqual({ queued: 2, inProgress: 1, activeProvers: 1, needed: 3 });
    expect((await jobs.claim("c", [8]))?.blockNumber).toBe(1);
  });
});
