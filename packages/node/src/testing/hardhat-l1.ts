/**
 * Test helper: a real Hardhat JSON-RPC node in a child process on 127.0.0.1 (a free port), with the zkLite
 * contracts deployed by `deployZkLite`. It can be killed (SIGKILL) and started again on the same port; a restarted
 * Hardhat node starts a new chain, so tests that need the chain kept across an outage cut a `TcpProxy` instead.
 *
 * The block verifiers are placeholders (a contract with code, as the verifier adapter requires): enough for
 * everything but proving blocks, which these tests never do.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

import { deployZkLite, TestERC20__factory, type Deployment } from "@zklite/contracts";
import { JsonRpcProvider, Network, type JsonRpcSigner } from "ethers";

import { freePort } from "./free-port.js";

const HOST = "127.0.0.1";

/**
 * The signer type of the contracts' bindings. `@zklite/contracts` is CommonJS, so its types name ethers' CommonJS
 * classes, while this package loads ethers as ESM: the same objects at run time (ethers duck-types its runners),
 * different declarations for TypeScript. `HardhatL1.contractSigner` returns a signer typed for the bindings.
 */
export type ContractSigner = Parameters<typeof deployZkLite>[0];
/** Hardhat's default chain id. */
export const HARDHAT_CHAIN_ID = 31337;

export interface StartHardhatL1Options {
  /** Default: a free port. */
  readonly port?: number;
  /** Deploy the contracts (default true). */
  readonly deploy?: boolean;
  /** Test ERC-20s to deploy and list (default: DAI). */
  readonly devTokens?: readonly string[];
  /** Give up waiting for the node after this long (default 60 s). */
  readonly startTimeoutMs?: number;
}

const requireFromHere = createRequire(import.meta.url);

/** The contracts package directory (where `hardhat node` must run to find its config). */
export function contractsDir(): string {
  return path.dirname(requireFromHere.resolve("@zklite/contracts/package.json"));
}

function hardhatCli(cwd: string): string {
  const pkgFile = requireFromHere.resolve("hardhat/package.json", { paths: [cwd] });
  const pkg = JSON.parse(readFileSync(pkgFile, "utf8")) as { bin: { hardhat: string } };
  return path.join(path.dirname(pkgFile), pkg.bin.hardhat);
}

const running = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

export class HardhatL1 {
  #child: ChildProcess | undefined;
  #stderr = "";
  #provider: JsonRpcProvider | undefined;
  #deployment: Deployment | undefined;

  private constructor(
    readonly port: number,
    readonly options: StartHardhatL1Options,
  ) {}

  static async start(options: StartHardhatL1Options = {}): Promise<HardhatL1> {
    const l1 = new HardhatL1(options.port ?? (await freePort()), options);
    await l1.#launch();
    return l1;
  }

  get url(): string {
    return `http://${HOST}:${this.port}`;
  }

  get chainId(): number {
    return HARDHAT_CHAIN_ID;
  }

  /** A provider straight to the node (not through any proxy). */
  get provider(): JsonRpcProvider {
    if (!this.#provider) throw new Error("the Hardhat node is not running");
    return this.#provider;
  }

  get deployment(): Deployment {
    if (!this.#deployment) throw new Error("contracts not deployed");
    return this.#deployment;
  }

  get isRunning(): boolean {
    return this.#child !== undefined;
  }

  signer(index = 0): Promise<JsonRpcSigner> {
    return this.provider.getSigner(index);
  }

  /** `signer(index)` typed for `@zklite/contracts`' factories and `connect` (see `ContractSigner`). */
  async contractSigner(index = 0): Promise<ContractSigner> {
    return (await this.signer(index)) as unknown as ContractSigner;
  }

  async send<T = unknown>(method: string, params: unknown[] = []): Promise<T> {
    return (await this.provider.send(method, params)) as T;
  }

  /** Mines `blocks` empty blocks. */
  async mine(blocks = 1): Promise<void> {
    await this.send("hardhat_mine", [`0x${blocks.toString(16)}`]);
  }

  async blockNumber(): Promise<number> {
    return Number(BigInt(await this.send<string>("eth_blockNumber")));
  }

  /** `evm_snapshot`; returns the id for `revert`. */
  snapshot(): Promise<string> {
    return this.send<string>("evm_snapshot");
  }

  /** `evm_revert` to a snapshot (the chain goes back; later blocks are gone). */
  async revert(snapshotId: string): Promise<void> {
    const ok = await this.send<boolean>("evm_revert", [snapshotId]);
    if (!ok) throw new Error(`evm_revert ${snapshotId} failed`);
  }

  /** SIGKILLs the node (the chain is lost). */
  async kill(): Promise<void> {
    const child = this.#child;
    if (!child) return;
    this.#child = undefined;
    this.#provider?.destroy();
    this.#provider = undefined;
    const exited = new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) resolve();
      else child.once("exit", () => resolve());
    });
    child.kill("SIGKILL");
    await exited;
    running.delete(child);
  }

  /** Starts a fresh node on the same port (a new chain), deploying again unless `deploy: false`. */
  async restart(): Promise<void> {
    await this.kill();
    await this.#launch();
  }

  stop(): Promise<void> {
    return this.kill();
  }

  async #launch(): Promise<void> {
    const cwd = contractsDir();
    this.#stderr = "";
    const child = spawn(process.execPath, [hardhatCli(cwd), "node", "--hostname", HOST, "--port", String(this.port)], {
      cwd,
      env: { ...process.env, HARDHAT_DISABLE_TELEMETRY_PROMPT: "true" },
      stdio: ["ignore", "ignore", "pipe"],
    });
    running.add(child);
    this.#child = child;
    child.stderr?.setEncoding("utf8");
    child.stderr?.on("data", (chunk: string) => {
      this.#stderr = (this.#stderr + chunk).slice(-4000);
    });
    child.once("exit", () => running.delete(child));

    const timeoutMs = this.options.startTimeoutMs ?? 60_000;
    const deadline = Date.now() + timeoutMs;
    this.#provider = new JsonRpcProvider(this.url, undefined, { staticNetwork: Network.from(HARDHAT_CHAIN_ID), pollingInterval: 100 });
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) {
        await this.kill();
        throw new Error(`hardhat node exited (${child.exitCode ?? child.signalCode}): ${this.#stderr}`);
      }
      try {
        await this.#provider.send("eth_chainId", []);
        break;
      } catch {
        if (Date.now() > deadline) {
          await this.kill();
          throw new Error(`hardhat node did not answer on ${this.url} within ${timeoutMs} ms: ${this.#stderr}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 150));
      }
    }
    this.#deployment = this.options.deploy === false ? undefined : await this.#deploy();
  }

  async #deploy(): Promise<Deployment> {
    const signer = await this.contractSigner(0);
    const accounts = (await this.provider.listAccounts()).slice(0, 5).map((a) => a.address);
    // any contract with code satisfies the verifier adapter; nothing here proves blocks
    const placeholder = await new TestERC20__factory(signer).deploy("verifier placeholder", "NONE");
    await placeholder.waitForDeployment();
    const verifier = await placeholder.getAddress();
    return deployZkLite(signer, {
      genesisStateRoot: `0x${"00".repeat(32)}`,
      blockVerifiers: [{ chunks: 10, verifier }],
      exitVerifier: verifier,
      nftFactory: { name: "zkLite NFT", symbol: "ZKLNFT" },
      devTokens: (this.options.devTokens ?? ["DAI"]).map((symbol) => ({
        name: `${symbol} (test)`,
        symbol,
        mintAmount: 10n ** 24n,
        mintTo: accounts,
      })),
    });
  }
}
