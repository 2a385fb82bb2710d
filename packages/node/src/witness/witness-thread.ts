import { existsSync } from "node:fs";
import { Worker } from "node:worker_threads";
import { ZkLiteError } from "@zklite/protocol";
import type { BlockCircuitParameters } from "@zklite/circuits/witness";
import type { StateSnapshot } from "@zklite/state";
import type { StoredBlock } from "./stored-block.js";
import type { WitnessThreadReply, WitnessThreadRequest } from "./witness-thread-messages.js";

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** The worker runs compiled JavaScript: from the sources (tests) it is the built file in dist/. */
function workerUrl(): URL {
  const beside = new URL("./witness-thread-worker.js", import.meta.url);
  if (existsSync(beside)) return beside;
  const built = new URL("../../dist/witness/witness-thread-worker.js", import.meta.url);
  if (!existsSync(built)) throw new ZkLiteError("WITNESS_THREAD_MISSING", `${built.pathname} is missing: build @zklite/node first`);
  return built;
}

/** The main thread's handle on the witness thread: one request at a time, in order. */
export class WitnessThread {
  private readonly worker: Worker;
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (json: string) => void; reject: (error: Error) => void }>();
  private failure: Error | undefined;

  constructor() {
    this.worker = new Worker(workerUrl());
    this.worker.on("message", (reply: WitnessThreadReply) => {
      const waiter = this.waiting.get(reply.id);
      if (waiter === undefined) return;
      this.waiting.delete(reply.id);
      if (reply.ok) waiter.resolve(reply.inputJson);
      else waiter.reject(new ZkLiteError(reply.code, reply.message));
    });
    const fail = (error: Error): void => {
      this.failure = error;
      for (const waiter of this.waiting.values()) waiter.reject(error);
      this.waiting.clear();
    };
    this.worker.on("error", (error) => fail(new ZkLiteError("WITNESS_THREAD_CRASHED", `the witness thread failed: ${error.message}`, { cause: error })));
    this.worker.on("exit", (code) => fail(new ZkLiteError("WITNESS_THREAD_CRASHED", `the witness thread exited (${code})`)));
  }

  /** Loads the replica at block `blockNumber` (its state root must be `expectedRoot`). */
  async init(snapshot: StateSnapshot, blockNumber: number, expectedRoot: string): Promise<void> {
    await this.request({ kind: "init", snapshot, blockNumber, expectedRoot });
  }

  /** The circuit input (JSON) of the block after the replica's; the replica moves past it. */
  witness(block: StoredBlock, parameters: BlockCircuitParameters, expectedPublicInput: bigint): Promise<string> {
    return this.request({ kind: "witness", block, parameters, expectedPublicInput });
  }

  /** Moves the replica past the block after its own without witnessing it. */
  async advance(block: StoredBlock): Promise<void> {
    await this.request({ kind: "advance", block });
  }

  async close(): Promise<void> {
    this.worker.removeAllListeners("exit");
    await this.worker.terminate();
  }

  private request(request: DistributiveOmit<WitnessThreadRequest, "id">): Promise<string> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise<string>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ ...request, id } as WitnessThreadRequest);
    });
  }
}
