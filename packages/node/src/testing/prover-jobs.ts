/**
 * Test helpers for the prover job queue: sealed-looking `Block` rows with random commitments and their jobs
 * (circuit input `{ commitment: masked commitment }`, the dev echo circuit's), and echo proofs made in the test.
 */
import { randomBytes } from "node:crypto";
import { fromHex, maskCommitment, toHex } from "@zklite/protocol";
import { calculateWitness, defaultEngine, type ProveResult } from "@zklite/prover";
import type { ProverJobRepository } from "../prover-jobs/prover-job-repository.js";
import type { PrismaClient } from "../storage/generated/client.js";

/** The echo circuit's input for a block: its one public input is the masked commitment. */
export function echoInput(commitment: string): { commitment: string } {
  return { commitment: maskCommitment(fromHex(commitment)).toString() };
}

/** Inserts `Block` rows `numbers` (size `chunks`, random commitments) and enqueues their jobs; returns the commitments. */
export async function insertBlocksWithJobs(prisma: PrismaClient, jobs: ProverJobRepository, numbers: readonly number[], chunks: number): Promise<Map<number, string>> {
  const commitments = new Map<number, string>();
  for (const number of numbers) {
    const commitment = toHex(randomBytes(32));
    commitments.set(number, commitment);
    await prisma.$transaction(async (tx) => {
      await tx.block.create({
        data: {
          number,
          feeAccountId: 0,
          timestamp: BigInt(Math.floor(Date.now() / 1000)),
          oldStateRoot: toHex(randomBytes(32)),
          newStateRoot: toHex(randomBytes(32)),
          commitment,
          blockChunks: chunks,
          chunksUsed: 1,
          publicData: new Uint8Array(chunks * 10),
          onchainOperations: [],
          fees: {},
          operationCount: 0,
        },
      });
      await jobs.enqueue(tx, { blockNumber: number, blockChunks: chunks, circuitInput: echoInput(commitment) });
    });
  }
  return commitments;
}

/** A real echo-circuit proof that its public input is `commitment`'s masked value. */
export async function proveEcho(wasmPath: string, zkeyPath: string, commitment: string): Promise<ProveResult> {
  const witness = await calculateWitness(wasmPath, echoInput(commitment));
  return defaultEngine(() => undefined).prove(zkeyPath, witness);
}
