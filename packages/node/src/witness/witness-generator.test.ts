/**
 * The witness generator on a real node's storage: a Hardhat L1 and a node process on PostgreSQL seal blocks of
 * 12 chunks (deposits, key changes, transfers to existing and new accounts, a withdrawal); a generator in this
 * process turns them into circuit inputs that the compiled 12-chunk production block circuit (24/32) accepts,
 * with the block's commitment as its public output. A generator started after some jobs already exist rewinds
 * its replica and produces the same inputs; a corrupted stored diff stops it with STATE_CORRUPT.
 */
import { calculateWitness, compileBlockCircuit, productionBlockCircuit, type CompiledCircuit } from "@zklite/circuits";
import { fromHex, maskCommitment } from "@zklite/protocol";
import { parseEther } from "ethers";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChainRepository } from "../storage/chain-repository.js";
import { openDatabase, type Database } from "../storage/database.js";
import { fundUsers, startDevnet, waitUntilSettled, type TestDevnet } from "../testing/devnet.js";
import { TestUser } from "../testing/test-user.js";
import { WitnessGenerator, type BlockCircuit, type ProverJobSink } from "./witness-generator.js";

const CHUNKS = 12;
const PARAMETERS = productionBlockCircuit(CHUNKS);
const DEPTHS = { accountTreeDepth: PARAMETERS.accountDepth, balanceTreeDepth: PARAMETERS.balanceDepth };
/** Compiling the 12-chunk production circuit on a cold per-machine cache takes several minutes on 2 cores. */
const COLD_COMPILE_MS = 30 * 60_000;

let devnet: TestDevnet;
let database: Database;
let circuit: CompiledCircuit;
let lastBlock: number;

/** Records each job's input, and writes the job row the generator resumes from. */
function recordingSink(): ProverJobSink & { inputs: Map<number, string> } {
  const inputs = new Map<number, string>();
  return {
    inputs,
    enqueue: async (tx, job) => {
      inputs.set(job.blockNumber, job.circuitInputJson);
      await tx.proverJob.create({ data: { blockNumber: job.blockNumber, blockChunks: job.blockChunks } });
    },
  };
}

function generator(sink: ProverJobSink, onFatal?: (error: unknown) => void): WitnessGenerator {
  const chain = new ChainRepository(database.prisma);
  return new WitnessGenerator({
    prisma: database.prisma,
    jobs: sink,
    circuits: new Map<number, BlockCircuit>([[CHUNKS, { kind: "block", parameters: PARAMETERS }]]),
    loadCommittedState: () => chain.load(DEPTHS),
    logger: pino({ level: "silent" }),
    pollIntervalMs: 50,
    ...(onFatal === undefined ? {} : { onFatal }),
  });
}

async function witnessAll(sink: ProverJobSink & { inputs: Map<number, string> }): Promise<void> {
  const run = generator(sink);
  await run.start();
  const deadline = Date.now() + 120_000;
  while (run.lastWitnessedBlock < lastBlock && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  await run.stop();
  expect(run.lastWitnessedBlock).toBe(lastBlock);
}

beforeAll(async () => {
  circuit = await compileBlockCircuit(PARAMETERS);
  devnet = await startDevnet({ backend: "postgres", env: { ZKLITE_BLOCK_CHUNK_SIZES: String(CHUNKS) } });
  database = await openDatabase({ databaseUrl: devnet.node.databaseUrl, dataDir: "unused" });
  const [alice, bob] = [await TestUser.create(), await TestUser.create()];
  const [aliceId, bobId] = await fundUsers(devnet, [alice, bob], parseEther("1"));
  const carol = await TestUser.create();
  const fee = (to: string) => devnet.provider.getTransactionFee("Transfer", to, "ETH").then((quote) => BigInt(quote.totalFee));
  const withdrawFee = BigInt((await devnet.provider.getTransactionFee("Withdraw", alice.address, "ETH")).totalFee);
  const submissions = [
    await alice.transfer(aliceId as number, bob.address, parseEther("0.1"), await fee(bob.address), 1),
    await bob.transfer(bobId as number, carol.address, parseEther("0.2"), await fee(carol.address), 1),
    await alice.transfer(aliceId as number, carol.address, 12_345n, await fee(carol.address), 2),
    await alice.withdraw(aliceId as number, parseEther("0.05"), withdrawFee, 3),
  ];
  for (const { tx, ethSignature } of submissions) {
    const receipt = await devnet.provider.notifyTransaction(await devnet.provider.submitTx(tx, ethSignature), "COMMIT", 60_000);
    expect(receipt.status, String(receipt.failReason)).toBe("committed");
  }
  lastBlock = await waitUntilSettled(devnet.provider);
}, COLD_COMPILE_MS);

afterAll(async () => {
  await database?.close();
  await devnet?.close();
});

describe("witness generator", () => {
  let inputs: Map<number, string>;

  it("turns every sealed block into an input the 12-chunk production circuit accepts, committing to the block", async () => {
    expect(lastBlock).toBeGreaterThanOrEqual(3);
    const sink = recordingSink();
    await witnessAll(sink);
    inputs = sink.inputs;
    expect([...inputs.keys()]).toEqual(Array.from({ length: lastBlock }, (_, i) => i + 1));
    for (const [blockNumber, json] of inputs) {
      const block = await database.prisma.block.findUniqueOrThrow({ where: { number: blockNumber } });
      const witness = await calculateWitness(circuit.wasmPath, JSON.parse(json, (_key, value: unknown) => (typeof value === "string" ? BigInt(value) : value)));
      expect(witness[1], `block ${blockNumber}`).toBe(maskCommitment(fromHex(block.commitment, 32)));
    }
  }, 600_000);

  it("after a restart with later blocks unwitnessed, rewinds its replica and produces the same inputs", async () => {
    await database.prisma.proverJob.deleteMany({ where: { blockNumber: { gt: 1 } } });
    const sink = recordingSink();
    await witnessAll(sink);
    expect([...sink.inputs.keys()]).toEqual(Array.from({ length: lastBlock - 1 }, (_, i) => i + 2));
    for (const [blockNumber, json] of sink.inputs) expect(json, `block ${blockNumber}`).toBe(inputs.get(blockNumber));
  }, 300_000);

  it("stops with STATE_CORRUPT when a stored block's diff does not lead to its root", async () => {
    await database.prisma.proverJob.deleteMany({ where: { blockNumber: { gt: 1 } } });
    const update = await database.prisma.accountUpdate.findFirstOrThrow({ where: { blockNumber: 2 }, orderBy: { id: "asc" } });
    const diff = update.diff as { balances: { tokenId: number; before: string; after: string }[] };
    const tampered = { ...diff, balances: diff.balances.map((balance) => ({ ...balance, after: (BigInt(balance.after) + 1n).toString() })) };
    await database.prisma.accountUpdate.update({ where: { id: update.id }, data: { diff: tampered } });
    try {
      const failures: unknown[] = [];
      const run = generator(recordingSink(), (error) => failures.push(error));
      await expect(
        (async () => {
          await run.start();
          const deadline = Date.now() + 60_000;
          while (failures.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
          await run.stop();
          if (failures.length > 0) throw failures[0];
        })(),
      ).rejects.toMatchObject({ code: "STATE_CORRUPT" });
    } finally {
      await database.prisma.accountUpdate.update({ where: { id: update.id }, data: { diff } });
    }
  }, 120_000);
});
