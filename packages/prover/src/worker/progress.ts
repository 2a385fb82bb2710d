/** What the worker is doing, for people watching it. */
export type WorkerStage = "idle" | "witness" | "proving" | "publishing";

export interface Progress {
  /** A job or stage change (block number, size, stage). */
  stage(stage: WorkerStage, job?: { blockNumber: number; blockChunks: number; attempt: number }): void;
  /** A line worth keeping (proof accepted, lost lease, errors). */
  log(message: string): void;
  close(): void;
}

const SPINNER = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

/** On a terminal: one status line, redrawn 4× a second, with kept lines printed above it. */
export function ttyProgress(name: string, stream: NodeJS.WriteStream, proved: () => number): Progress {
  let stage: WorkerStage = "idle";
  let job: { blockNumber: number; blockChunks: number; attempt: number } | undefined;
  let since = Date.now();
  let frame = 0;
  const draw = () => {
    const seconds = ((Date.now() - since) / 1000).toFixed(1);
    const what = stage === "idle" ? "waiting for a job" : `block ${job?.blockNumber} (${job?.blockChunks} chunks, attempt ${job?.attempt}): ${stage} ${seconds}s`;
    stream.write(`\r\x1b[2K${SPINNER[frame++ % SPINNER.length]} ${name} · ${proved()} proved · ${what}`);
  };
  const timer = setInterval(draw, 250);
  timer.unref();
  return {
    stage(next, nextJob) {
      if (next !== stage || nextJob !== undefined) since = Date.now();
      stage = next;
      if (nextJob !== undefined) job = nextJob;
      draw();
    },
    log(message) {
      stream.write(`\r\x1b[2K${new Date().toISOString()} ${message}\n`);
      draw();
    },
    close() {
      clearInterval(timer);
      stream.write("\r\x1b[2K");
    },
  };
}

/** Elsewhere (logs, pipes): one timestamped line per stage change. */
export function plainProgress(name: string, write: (line: string) => void): Progress {
  return {
    stage(stage, job) {
      if (stage === "idle") return;
      write(`${new Date().toISOString()} ${name} block ${job?.blockNumber ?? "?"}: ${stage}`);
    },
    log(message) {
      write(`${new Date().toISOString()} ${name} ${message}`);
    },
    close() {},
  };
}
