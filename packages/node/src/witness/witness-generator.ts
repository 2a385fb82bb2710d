import { fromHex, maskCommitment, ZkLiteError } from "@zklite/protocol";
import type { BlockCircuitParameters } from "@zklite/circuits/witness";
import type { Logger } from "pino";
import type { Prisma, PrismaClient } from "../storage/generated/client.js";
import { rewindSnapshot, type StateSnapshot } from "@zklite/state";
import { loadStoredBlock, type StoredBlock } from "./stored-block.js";
import { WitnessThread } from "./witness-thread.js";

/**
 * How blocks of a size are proven: by the block circuit with these parameters, or (INSECURE devnets and tests)
 * by the echo circuit, whose one input is the masked commitment and which proves nothing about the state.
 */
export type BlockCircuit = { readonly kind: "block"; readonly parameters: BlockCircuitParameters } | { readonly kind: "echo" };

/** Where a block's circuit input goes: stored with its prover job, in the caller's transaction. */
export interface ProverJobSink {
  enqueue(tx: Prisma.TransactionClient, job: { readonly blockNumber: number; readonly blockChunks: number; readonly circuitInputJson: string }): Promise<void>;
}

/** The committed state after the last sealed block. */
export interface CommittedState {
  readonly snapshot: StateSnapshot;
  readonly lastSealedBlock: number;
  readonly stateRoot: string;
}

export interface WitnessGeneratorOptions {
  readonly prisma: PrismaClient;
  readonly jobs: ProverJobSink;
  /** The circuit of each block size the deployment proves. */
  readonly circuits: ReadonlyMap<number, BlockCircuit>;
  /** The committed state (the node's restore has it; a separate service loads it from storage). */
  readonly loadCommittedState: () => Promise<CommittedState>;
  readonly logger: Logger;
  readonly pollIntervalMs: number;
  readonly onWitnessed?: (blockNumber: number, seconds: number) => void;
  readonly onFatal?: (error: unknown) => void;
}

/**
 * Turns each sealed block, in order, into its prover job: the block circuit's input, built on the witness
 * thread's own replica of the state (DESIGN.md §3), stored with the job in one transaction. The last block
 * with a job is where it resumes after a restart: the replica is rebuilt from the committed state with the
 * later blocks' changes undone.
 */
export class WitnessGenerator {
  private thread: WitnessThread | undefined;
  private lastWitnessed = 0;
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;

  constructor(private readonly options: WitnessGeneratorOptions) {}

  /** The last block that has its prover job. */
  get lastWitnessedBlock(): number {
    return this.lastWitnessed;
  }

  async start(): Promise<void> {
    const { prisma, logger, circuits } = this.options;
    // blocks restored from L1 were proven there and have no job (nor the signed transactions a witness needs)
    const [lastJob, lastProven] = await Promise.all([
      prisma.proverJob.aggregate({ _max: { blockNumber: true } }),
      prisma.block.aggregate({ _max: { number: true }, where: { provenAt: { not: null } } }),
    ]);
    this.lastWitnessed = Math.max(lastJob._max.blockNumber ?? 0, lastProven._max.number ?? 0);
    if ([...circuits.values()].some((circuit) => circuit.kind === "block")) {
      const started = Date.now();
      const { snapshot, lastSealedBlock, stateRoot } = await this.options.loadCommittedState();
      if (this.lastWitnessed > lastSealedBlock) {
        throw new ZkLiteError("STATE_CORRUPT", `block ${this.lastWitnessed} has a prover job but the last sealed block is ${lastSealedBlock}`);
      }
      const later: StoredBlock[] = [];
      for (let number = lastSealedBlock; number > this.lastWitnessed; number--) later.push(await this.requireBlock(number));
      let rewound: StateSnapshot;
      try {
        rewound = rewindSnapshot(snapshot, later);
      } catch (error) {
        throw new ZkLiteError("STATE_CORRUPT", `the stored diffs of blocks ${this.lastWitnessed + 1}..${lastSealedBlock} do not lead to the committed state`, { cause: error });
      }
      const thread = new WitnessThread();
      try {
        await thread.init(rewound, this.lastWitnessed, later.at(-1)?.oldStateRoot ?? stateRoot);
      } catch (error) {
        await thread.close();
        throw error;
      }
      this.thread = thread;
      logger.info({ block: this.lastWitnessed, rewound: later.length, seconds: (Date.now() - started) / 1000 }, "witness replica ready");
    }
    this.running = true;
    this.loop = this.run();
  }

  /** A block was sealed: look for work now instead of at the next poll. */
  notify(): void {
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    await this.thread?.close();
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        const block = await loadStoredBlock(this.options.prisma, this.lastWitnessed + 1);
        if (block === undefined) await this.sleep();
        else await this.witness(block);
      } catch (error) {
        this.running = false;
        if (error instanceof ZkLiteError && error.code === "BLOCK_REVERTED") {
          // the replica is ahead of the rewound chain: the node restarts this service once the rewind is applied
          this.options.logger.warn({ block: this.lastWitnessed + 1 }, "witness generator paused: blocks were reverted");
          return;
        }
        this.options.logger.error({ err: error, block: this.lastWitnessed + 1 }, "witness generator stopped");
        this.options.onFatal?.(error);
      }
    }
  }

  private async witness(block: StoredBlock): Promise<void> {
    const started = Date.now();
    const circuit = this.options.circuits.get(block.blockChunks);
    if (circuit === undefined) throw new ZkLiteError("NO_BLOCK_CIRCUIT", `no circuit proves blocks of ${block.blockChunks} chunks (block ${block.blockNumber})`);
    const publicInput = maskCommitment(fromHex(block.commitment, 32));
    let circuitInputJson = JSON.stringify({ commitment: publicInput.toString() });
    if (circuit.kind === "block") circuitInputJson = await this.requireThread().witness(block, circuit.parameters, publicInput);
    else await this.thread?.advance(block);
    await this.options.prisma.$transaction(async (tx) => {
      // held until the job is stored: a rewind deletes the block row before the jobs, so it cannot miss this one
      const [current] = await tx.$queryRaw<{ commitment: string }[]>`SELECT "commitment" FROM "Block" WHERE "number" = ${block.blockNumber} FOR SHARE`;
      if (current?.commitment !== block.commitment) throw new ZkLiteError("BLOCK_REVERTED", `block ${block.blockNumber} was reverted while it was witnessed`);
      await this.options.jobs.enqueue(tx, { blockNumber: block.blockNumber, blockChunks: block.blockChunks, circuitInputJson });
    });
    this.lastWitnessed = block.blockNumber;
    const seconds = (Date.now() - started) / 1000;
    this.options.onWitnessed?.(block.blockNumber, seconds);
    this.options.logger.debug({ block: block.blockNumber, chunks: block.blockChunks, seconds }, "block witnessed");
  }

  private requireThread(): WitnessThread {
    if (this.thread === undefined) throw new ZkLiteError("NOT_INITIALIZED", "the witness generator is not started");
    return this.thread;
  }

  private async requireBlock(number: number): Promise<StoredBlock> {
    const block = await loadStoredBlock(this.options.prisma, number);
    if (block === undefined) throw new ZkLiteError("STATE_CORRUPT", `sealed block ${number} is missing`);
    return block;
  }

  private sleep(): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, this.options.pollIntervalMs);
      this.wake = done;
    });
  }
}
