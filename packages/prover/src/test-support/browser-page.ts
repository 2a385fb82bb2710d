/**
 * The test page's script (bundled by browser-harness.ts): exposes `globalThis.zkliteExitProverPage` for
 * Playwright's `page.evaluate`. Browser code only.
 */
import { ExitProver, ExitProverError, proveInWorker, type ExitProveOptions, type ExitProverProgress } from "../browser/index.js";

export interface PageProveOptions {
  readonly wasmUrl: string;
  readonly zkeyUrl: string;
  readonly wasmSha256?: string;
  readonly zkeySha256?: string;
  readonly input: Record<string, unknown>;
  /** Abort (AbortSignal) at the first progress event of this stage. */
  readonly abortAt?: ExitProverProgress["stage"];
  /** Use one ExitProver kept by the page (the worker survives between proofs) instead of a worker per proof. */
  readonly shared?: boolean;
  readonly singleThread?: boolean;
  /** Fetch both files in the page and pass their bytes (wasmBytes / zkeyBytes) instead of the URLs. */
  readonly asBytes?: boolean;
  /** Start the worker from this URL (one-shot proofs only). */
  readonly workerUrl?: string;
}

export type PageProveResult =
  | { ok: true; proof: unknown; publicSignals: string[]; timings: unknown; events: ExitProverProgress[]; ms: number }
  | { ok: false; code: string | undefined; name: string; isExitProverError: boolean; message: string; events: ExitProverProgress[]; ms: number; msAfterAbort: number | undefined };

let shared: ExitProver | undefined;

async function prove(options: PageProveOptions): Promise<PageProveResult> {
  const events: ExitProverProgress[] = [];
  const controller = new AbortController();
  let abortedAt: number | undefined;
  const fetchBytes = async (url: string): Promise<Uint8Array> => new Uint8Array(await (await fetch(url)).arrayBuffer());
  const files = options.asBytes === true ? { wasmBytes: await fetchBytes(options.wasmUrl), zkeyBytes: await fetchBytes(options.zkeyUrl) } : { wasmUrl: options.wasmUrl, zkeyUrl: options.zkeyUrl };
  const request: ExitProveOptions & { workerUrl?: string } = {
    ...files,
    ...(options.workerUrl === undefined ? {} : { workerUrl: options.workerUrl }),
    input: options.input as ExitProveOptions["input"],
    signal: controller.signal,
    ...(options.wasmSha256 === undefined ? {} : { wasmSha256: options.wasmSha256 }),
    ...(options.zkeySha256 === undefined ? {} : { zkeySha256: options.zkeySha256 }),
    ...(options.singleThread === undefined ? {} : { singleThread: options.singleThread }),
    onProgress: (event) => {
      events.push(event);
      if (options.abortAt === event.stage && abortedAt === undefined) {
        abortedAt = performance.now();
        controller.abort();
      }
    },
  };
  const started = performance.now();
  try {
    const result = options.shared === true ? await (shared ??= new ExitProver()).prove(request) : await proveInWorker(request);
    return { ok: true, proof: result.proof, publicSignals: result.publicSignals, timings: result.timings, events, ms: performance.now() - started };
  } catch (error) {
    const now = performance.now();
    return {
      ok: false,
      code: (error as { code?: string }).code,
      name: (error as Error).name,
      isExitProverError: error instanceof ExitProverError,
      message: (error as Error).message,
      events,
      ms: now - started,
      msAfterAbort: abortedAt === undefined ? undefined : now - abortedAt,
    };
  }
}

(globalThis as unknown as { zkliteExitProverPage: unknown }).zkliteExitProverPage = { prove };
