/**
 * Test helper: `zklite-prover-worker` (packages/prover/dist/bin) as a real child process, its output kept,
 * killed with SIGKILL or stopped with SIGTERM.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const BIN = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "prover", "dist", "bin", "zklite-prover-worker.js");

const running = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

export interface WorkerProcessOptions {
  readonly node: string;
  readonly secret: string;
  readonly keySet: string;
  readonly name: string;
  readonly holdMs?: number;
  readonly pollMs?: number;
}

export class WorkerProcess {
  #output = "";
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  private constructor(
    readonly name: string,
    private readonly child: ChildProcess,
  ) {
    running.add(child);
    const append = (chunk: Buffer) => {
      this.#output += chunk.toString();
    };
    child.stdout?.on("data", append);
    child.stderr?.on("data", append);
    this.exited = new Promise((resolve) =>
      child.once("exit", (code, signal) => {
        running.delete(child);
        resolve({ code, signal });
      }),
    );
  }

  static start(options: WorkerProcessOptions): WorkerProcess {
    const args = [BIN, "--node", options.node, "--secret", options.secret, "--key-set", options.keySet, "--name", options.name, "--poll-ms", String(options.pollMs ?? 100)];
    if (options.holdMs !== undefined) args.push("--hold-ms", String(options.holdMs));
    const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env } });
    return new WorkerProcess(options.name, child);
  }

  /** Everything it printed (stdout and stderr). */
  get output(): string {
    return this.#output;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Blocks it took a job for, in order, from its log lines. */
  get blocksTaken(): number[] {
    return [...this.#output.matchAll(/took job \d+: block (\d+)/g)].map((match) => Number(match[1]));
  }

  async kill(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill("SIGKILL");
    await this.exited;
  }

  /** SIGTERM, then the exit (SIGKILL after `timeoutMs`). */
  async stop(timeoutMs = 15_000): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill("SIGTERM");
    const timer = setTimeout(() => this.child.kill("SIGKILL"), timeoutMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }
}
