/**
 * Test helper: the node as a real process (`dist/bin/zklite-node.js`), started with an environment, reachable
 * over HTTP, killed with SIGKILL or stopped with SIGTERM, and started again on the same data directory.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Deployment } from "@zklite/contracts";
import { freePort } from "./free-port.js";

const BIN = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "dist", "bin", "zklite-node.js");

const running = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

export interface NodeProcessOptions {
  readonly l1Url: string;
  readonly deployment: Deployment;
  /** PostgreSQL URL; default: PGlite in a fresh temporary directory. */
  readonly databaseUrl?: string;
  readonly env?: Readonly<Record<string, string>>;
}

export class NodeProcess {
  #child: ChildProcess | undefined;
  #log = "";
  readonly dataDir: string;
  readonly deploymentFile: string;

  private constructor(
    readonly port: number,
    private readonly options: NodeProcessOptions,
  ) {
    const dir = mkdtempSync(join(tmpdir(), "zklite-node-"));
    this.dataDir = join(dir, "data");
    this.deploymentFile = join(dir, "deployment.json");
    writeFileSync(this.deploymentFile, JSON.stringify(options.deployment, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value)));
  }

  static async start(options: NodeProcessOptions): Promise<NodeProcess> {
    const node = new NodeProcess(await freePort(), options);
    await node.restart();
    return node;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Everything the process printed (JSON log lines), for failure messages. */
  get log(): string {
    return this.#log;
  }

  get databaseUrl(): string | undefined {
    return this.options.databaseUrl;
  }

  get pid(): number | undefined {
    return this.#child?.pid;
  }

  /** Starts the process (again) and waits until its API answers (or, without the core service, until it started). */
  async restart(timeoutMs = 120_000): Promise<void> {
    if (this.#child !== undefined) throw new Error("the node is running");
    const env: Record<string, string> = {
      ...(process.env as Record<string, string>),
      ZKLITE_DATA_DIR: this.dataDir,
      ZKLITE_API_PORT: String(this.port),
      ZKLITE_L1_RPC_URL: this.options.l1Url,
      ZKLITE_DEPLOYMENT_FILE: this.deploymentFile,
      ZKLITE_LOG_LEVEL: "info",
      ...this.options.env,
    };
    if (this.options.databaseUrl !== undefined) env.DATABASE_URL = this.options.databaseUrl;
    else delete env.DATABASE_URL;
    // ZKLITE_TEST_NODE_ARGS: extra Node.js flags for the node process only (e.g. --cpu-prof)
    const nodeArgs = (process.env.ZKLITE_TEST_NODE_ARGS ?? "").split(" ").filter((arg) => arg !== "");
    const child = spawn(process.execPath, [...nodeArgs, BIN], { env, stdio: ["ignore", "pipe", "pipe"] });
    running.add(child);
    this.#child = child;
    const append = (chunk: Buffer) => {
      this.#log += chunk.toString();
      if (this.#log.length > 2_000_000) this.#log = this.#log.slice(-1_000_000);
    };
    child.stdout?.on("data", append);
    child.stderr?.on("data", append);
    const exited = new Promise<never>((_, reject) =>
      child.once("exit", (code, signal) => {
        running.delete(child);
        if (this.#child === child) this.#child = undefined;
        reject(new Error(`the node exited (${code ?? signal}) while starting:\n${this.#log.slice(-4000)}`));
      }),
    );
    exited.catch(() => undefined);
    const deadline = Date.now() + timeoutMs;
    // a process without the core service has no API: it is up once it logs that it started
    const hasApi = (this.options.env?.ZKLITE_SERVICES ?? "core").split(",").includes("core");
    for (;;) {
      const up = hasApi ? await fetch(`${this.url}/health`).then((response) => response.ok, () => false) : this.#log.includes('"msg":"zkLite node started"');
      if (up) return;
      if (Date.now() > deadline) throw new Error(`the node did not answer within ${timeoutMs} ms:\n${this.#log.slice(-4000)}`);
      await Promise.race([new Promise((resolve) => setTimeout(resolve, 200)), exited]);
    }
  }

  /** SIGKILL: no shutdown code runs. */
  async kill(): Promise<void> {
    await this.#signal("SIGKILL");
  }

  /** SIGTERM: a clean stop. */
  async stop(): Promise<void> {
    await this.#signal("SIGTERM");
  }

  async #signal(signal: NodeJS.Signals): Promise<void> {
    const child = this.#child;
    if (child === undefined) return;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill(signal);
    await exited;
    this.#child = undefined;
  }
}
