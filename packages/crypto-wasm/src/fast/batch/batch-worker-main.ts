/**
 * The body of a batch-verification worker. It runs as an eval'd worker script (`String(batchWorkerMain)`)
 * so that it works the same from the TypeScript sources and from dist/, which is why it must stay
 * self-contained: no imports, no references to anything outside the function.
 */
import type { EngineSource } from "../engine/load-engine.js";

export interface BatchWorkerData {
  readonly source: EngineSource;
  readonly layout: { readonly message: number; readonly signature: number; readonly size: number };
}

/** One chunk: messages concatenated, their lengths, and 96 bytes per signature. */
export interface BatchTask {
  readonly id: number;
  readonly messages: Uint8Array<ArrayBuffer>;
  readonly lengths: Int32Array<ArrayBuffer>;
  readonly signatures: Uint8Array<ArrayBuffer>;
}

export interface BatchResult {
  readonly id: number;
  /** Engine verdict codes (1 valid, 0 invalid, negative malformed), one per item. */
  readonly verdicts: Int8Array;
}

export function batchWorkerMain(): void {
  type GetBuiltinModule = (id: string) => unknown;
  interface Port {
    on(event: "message", listener: (task: BatchTask) => void): void;
    postMessage(value: BatchResult, transfer: ArrayBuffer[]): void;
  }
  const nodeProcess = (globalThis as unknown as { process: { getBuiltinModule: GetBuiltinModule } }).process;
  const builtin: GetBuiltinModule = (id) => nodeProcess.getBuiltinModule(id);
  const threads = builtin("node:worker_threads") as { parentPort: Port; workerData: BatchWorkerData };
  const { source, layout } = threads.workerData;

  let scratch: Uint8Array;
  let verify: (message: number, length: number, signature: number) => number;
  if (source.kind === "native") {
    const { createRequire } = builtin("node:module") as { createRequire(from: string): (id: string) => unknown };
    const addon = createRequire(source.path)(source.path) as {
      bindScratch(buffer: ArrayBuffer): number;
      verifyMusig(message: number, length: number, signature: number): number;
    };
    const buffer = new ArrayBuffer(layout.size);
    addon.bindScratch(buffer);
    scratch = new Uint8Array(buffer);
    verify = (message, length, signature) => addon.verifyMusig(message, length, signature);
  } else {
    const exports = new WebAssembly.Instance(source.module, {}).exports as unknown as {
      memory: WebAssembly.Memory;
      init(): void;
      scratch_pointer(): number;
      verify_musig(message: number, length: number, signature: number): number;
    };
    exports.init();
    scratch = new Uint8Array(exports.memory.buffer, exports.scratch_pointer(), layout.size);
    verify = (message, length, signature) => exports.verify_musig(message, length, signature);
  }

  threads.parentPort.on("message", (task) => {
    const verdicts = new Int8Array(task.lengths.length);
    let offset = 0;
    for (let i = 0; i < task.lengths.length; i++) {
      const length = task.lengths[i] ?? 0;
      scratch.set(task.messages.subarray(offset, offset + length), layout.message);
      scratch.set(task.signatures.subarray(96 * i, 96 * i + 96), layout.signature);
      verdicts[i] = verify(layout.message, length, layout.signature);
      offset += length;
    }
    threads.parentPort.postMessage({ id: task.id, verdicts }, [verdicts.buffer]);
  });
}
