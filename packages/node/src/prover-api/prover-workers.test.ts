/**
 * The prover API over HTTP with real `zklite-prover-worker` processes: the node's HTTP server (ApiServer with
 * the prover services built from the node's config) on PostgreSQL and on PGlite (the monolith's database,
 * inside this process), jobs inserted directly (no witness generator yet), workers proving the dev echo circuit.
 */
import type { NodeServices } from "@zklite/api";
import { ZkLiteError } from "@zklite/protocol";
import pino from "pino";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ApiServer } from "../api/http-server.js";
import { loadConfig } from "../config/config.js";
import { NodeMetrics } from "../metrics/node-metrics.js";
import type { ProverJobRepository } from "../prover-jobs/prover-job-repository.js";
import { openDatabase, type Database } from "../storage/database.js";
import { devKeySet, type DevKeySet } from "../testing/dev-key-set.js";
import { createTestDatabase } from "../testing/postgres.js";
import { WorkerProcess } from "../testing/prover-worker-process.js";
import { insertBlocksWithJobs } from "../testing/prover-jobs.js";
import { waitFor } from "../testing/wait-for.js";
import { createProverApi } from "./create-prover-api.js";
import { ProverTokens } from "./prover-token.js";

const SECRET = "test-prover-secret-0123456789";
const LEASE_MS = 1500;

let keys: DevKeySet;
beforeAll(() => {
  keys = devKeySet([8]);
}, 600_000);

describe.each(["PostgreSQL", "PGlite"] as const)("prover workers against the node's prover API on %s", (backend) => {
  let database: Database;
  let dropDatabase: () => Promise<void>;
  let server: ApiServer;
  let url: string;
  let jobs: ProverJobRepository;
  const workers: WorkerProcess[] = [];

  const notServed = new Proxy({} as NodeServices, {
    get: () => async () => {
      throw new ZkLiteError("NODE_STARTING", "only the prover API is served in this test");
    },
  });

  function startWorker(name: string, holdMs?: number): WorkerProcess {
    const worker = WorkerProcess.start({ node: url, secret: SECRET, keySet: keys.manifestPath, name, ...(holdMs === undefined ? {} : { holdMs }) });
    workers.push(worker);
    return worker;
  }

  async function jobOf(blockNumber: number) {
    return database.prisma.proverJob.findUniqueOrThrow({ where: { blockNumber } });
  }

  beforeAll(async () => {
    const created = backend === "PostgreSQL" ? await createTestDatabase() : { url: undefined, drop: async () => {} };
    dropDatabase = created.drop;
    database = await openDatabase({ databaseUrl: created.url, dataDir: "memory://" });
    const config = loadConfig({ ...(created.url === undefined ? {} : { DATABASE_URL: created.url }), ZKLITE_KEY_SET: keys.manifestPath, ZKLITE_PROVER_SECRET: SECRET, ZKLITE_PROVER_LEASE_MS: String(LEASE_MS), ZKLITE_PROVER_TOKEN_TTL_S: "60" });
    const metrics = new NodeMetrics();
    const prover = createProverApi(config, database.prisma, metrics.registry);
    jobs = prover.jobs;
    server = new ApiServer(notServed, metrics, pino({ level: "silent" }), { host: "127.0.0.1", port: 0, maxBodyBytes: 1_000_000, corsOrigin: "*", prover: prover.services });
    const address = await server.listen();
    url = `http://127.0.0.1:${address.port}`;
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    await database?.close();
    await dropDatabase?.();
  });

  beforeEach(async () => {
    const { prisma } = database;
    await prisma.proof.deleteMany();
    await prisma.proverJob.deleteMany();
    await prisma.blockWitness.deleteMany();
    await prisma.block.deleteMany();
    await prisma.proverWorker.deleteMany();
  });

  afterEach(async () => {
    await Promise.all(workers.splice(0).map((worker) => worker.kill()));
  });

    it("a worker killed with SIGKILL mid-proof loses nothing: its job goes to another worker and the proof lands", async () => {
      await insertBlocksWithJobs(database.prisma, jobs, [1], 8);
      const a = startWorker("worker-a", 120_000);
      await waitFor(async () => ((await jobOf(1)).proverName === "worker-a" ? true : undefined), 30_000, "worker-a to take the job");
      // its heartbeats keep the job past two leases
      await new Promise((resolve) => setTimeout(resolve, 2 * LEASE_MS));
      expect(await jobOf(1)).toMatchObject({ status: "in_progress", proverName: "worker-a", attempts: 1 });
      await a.kill();
      const b = startWorker("worker-b");
      const proof = await waitFor(async () => (await database.prisma.proof.findUnique({ where: { blockNumber: 1 } })) ?? undefined, 30_000, `the proof (worker-b:\n${b.output})`);
      expect(proof.proverName).toBe("worker-b");
      expect(await jobOf(1)).toMatchObject({ status: "done", attempts: 2 });
      // the row is written before the answer reaches the worker
      await waitFor(async () => (b.output.includes("block 1: proof accepted") ? true : undefined), 10_000, `worker-b to log the accepted proof:\n${b.output}`);
      expect(a.output).not.toContain("proof accepted");
      const scraped = await (await fetch(`${url}/metrics`)).text();
      expect(scraped).toMatch(/zklite_prover_proofs_total\{result="accepted"\} [1-9]/);
      expect(scraped).toMatch(/zklite_prover_jobs\{state="in_progress"\} 0/);
    });

    it("two workers share the queue and never prove the same job", async () => {
      const numbers = [1, 2, 3, 4, 5, 6, 7, 8];
      await insertBlocksWithJobs(database.prisma, jobs, numbers, 8);
      const a = startWorker("worker-a", 200);
      const b = startWorker("worker-b", 200);
      await waitFor(async () => ((await database.prisma.proof.count()) === numbers.length ? true : undefined), 60_000, `all proofs (a:\n${a.output}\nb:\n${b.output})`);
      const rows = await database.prisma.proverJob.findMany();
      expect(rows.every((row) => row.status === "done" && row.attempts === 1)).toBe(true);
      const [takenA, takenB] = [a.blocksTaken, b.blocksTaken];
      expect([...takenA, ...takenB].sort((x, y) => x - y)).toEqual(numbers);
      expect(takenA.length).toBeGreaterThan(0);
      expect(takenB.length).toBeGreaterThan(0);
      expect(`${a.output}${b.output}`).not.toContain("already_proven");
    });

    it("SIGTERM: the worker tells the node, exits 0, and its job is back in the queue at once", async () => {
      await insertBlocksWithJobs(database.prisma, jobs, [1], 8);
      const a = startWorker("worker-a", 120_000);
      await waitFor(async () => ((await jobOf(1)).proverName === "worker-a" ? true : undefined), 30_000, "worker-a to take the job");
      const exit = await a.stop();
      expect(exit, a.output).toEqual({ code: 0, signal: null });
      expect(await jobOf(1)).toMatchObject({ status: "queued", proverName: null, leaseUntil: null });
      expect(await jobs.proversNeeded()).toMatchObject({ queued: 1, activeProvers: 0 });
    });

    it("refuses a worker with a wrong secret, and calls with a missing, forged or expired token", async () => {
      await insertBlocksWithJobs(database.prisma, jobs, [1], 8);
      const bad = WorkerProcess.start({ node: url, secret: "not-the-secret-at-all", keySet: keys.manifestPath, name: "intruder" });
      workers.push(bad);
      expect((await bad.exited).code).toBe(2);
      expect(bad.output).toContain("PROVER_UNAUTHORIZED");

      const call = async (authorization: string | undefined) => {
        const response = await fetch(`${url}/trpc/prover.getJob`, {
          method: "POST",
          headers: { "content-type": "application/json", ...(authorization === undefined ? {} : { authorization }) },
          body: JSON.stringify({ chunkSizes: [8] }),
        });
        const body = (await response.json()) as { error?: { data?: { zkLiteCode?: string } } };
        return { status: response.status, code: body.error?.data?.zkLiteCode };
      };
      expect(await call(undefined)).toEqual({ status: 401, code: "PROVER_UNAUTHORIZED" });
      expect(await call("Bearer nonsense")).toEqual({ status: 401, code: "PROVER_UNAUTHORIZED" });
      const forged = new ProverTokens("another-secret-0123456789", 60_000).issue("intruder").token;
      expect(await call(`Bearer ${forged}`)).toEqual({ status: 401, code: "PROVER_UNAUTHORIZED" });
      const expired = new ProverTokens(SECRET, 1_000, () => Date.now() - 60_000).issue("late").token;
      expect(await call(`Bearer ${expired}`)).toEqual({ status: 401, code: "PROVER_TOKEN_EXPIRED" });
      const valid = new ProverTokens(SECRET, 60_000).issue("tester").token;
      const [payload, signature] = valid.split(".");
      const otherName = Buffer.from(JSON.stringify({ sub: "worker-a", exp: Date.now() + 60_000 })).toString("base64url");
      expect(await call(`Bearer ${otherName}.${signature}`)).toEqual({ status: 401, code: "PROVER_UNAUTHORIZED" });
      expect(payload).toBeDefined();
      // nobody took the job
      expect(await jobOf(1)).toMatchObject({ status: "queued", attempts: 0 });
      expect((await call(`Bearer ${valid}`)).status).toBe(200);
    });
});
