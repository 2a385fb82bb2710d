/**
 * The node as a process (Hardhat L1, PostgreSQL) with its prover API configured from the environment
 * (ZKLITE_KEY_SET, ZKLITE_PROVER_SECRET, ZKLITE_PROVER_LEASE_MS), and real `zklite-prover-worker` processes:
 * jobs inserted in the node's database (the witness generator is not there yet) are proven, one worker is
 * killed with SIGKILL while it holds a job, and every proof lands, verified, in `Proof`.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ProverJobRepository } from "./prover-jobs/prover-job-repository.js";
import { openDatabase, type Database } from "./storage/database.js";
import { devKeySet, type DevKeySet } from "./testing/dev-key-set.js";
import { startDevnet, type TestDevnet } from "./testing/devnet.js";
import { WorkerProcess } from "./testing/prover-worker-process.js";
import { insertBlocksWithJobs } from "./testing/prover-jobs.js";
import { waitFor } from "./testing/wait-for.js";

const SECRET = "node-prover-test-secret-0123";

describe("node process with prover workers", () => {
  let keys: DevKeySet;
  let devnet: TestDevnet;
  let database: Database;
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    keys = devKeySet([8, 32]);
    devnet = await startDevnet({ backend: "postgres", env: { ZKLITE_KEY_SET: keys.manifestPath, ZKLITE_PROVER_SECRET: SECRET, ZKLITE_PROVER_LEASE_MS: "2000" } });
    database = await openDatabase({ databaseUrl: devnet.node.databaseUrl, dataDir: "unused" });
  }, 600_000);

  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.kill()));
    await database?.close();
    await devnet?.close();
  });

  it("proves queued blocks of two sizes with several workers, one of them killed mid-job", async () => {
    const jobs = new ProverJobRepository(database.prisma, { leaseMs: 2000 });
    await insertBlocksWithJobs(database.prisma, jobs, [1001, 1002, 1003], 8);
    await insertBlocksWithJobs(database.prisma, jobs, [1004], 32);
    const start = (name: string, holdMs?: number) => {
      const worker = WorkerProcess.start({ node: devnet.node.url, secret: SECRET, keySet: keys.manifestPath, name, ...(holdMs === undefined ? {} : { holdMs }) });
      workers.push(worker);
      return worker;
    };
    const doomed = start("doomed", 600_000);
    const held = await waitFor(async () => (await database.prisma.proverJob.findFirst({ where: { proverName: "doomed", status: "in_progress" } })) ?? undefined, 30_000, `a job for the doomed worker:\n${doomed.output}`);
    await doomed.kill();
    const a = start("a");
    const b = start("b");
    await waitFor(async () => ((await database.prisma.proof.count()) === 4 ? true : undefined), 60_000, `4 proofs (a:\n${a.output}\nb:\n${b.output}\nnode:\n${devnet.node.log.slice(-3000)})`);
    const proofs = await database.prisma.proof.findMany({ orderBy: { blockNumber: "asc" } });
    expect(proofs.map((proof) => proof.blockNumber)).toEqual([1001, 1002, 1003, 1004]);
    expect(proofs.every((proof) => proof.proverName === "a" || proof.proverName === "b")).toBe(true);
    expect(await database.prisma.proverJob.findUniqueOrThrow({ where: { id: held.id } })).toMatchObject({ status: "done", attempts: 2 });
    expect((await jobs.consecutiveProofs(1001, 10)).map((proof) => proof.blockNumber)).toEqual([1001, 1002, 1003, 1004]);
    // the node's API still answers its public procedures beside the prover ones
    expect((await fetch(`${devnet.node.url}/trpc/network.status`)).status).toBe(200);
  });
});
