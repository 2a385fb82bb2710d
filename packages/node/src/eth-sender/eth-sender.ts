/**
 * The eth-sender: turns stored blocks into commit, prove and execute transactions on the rollup, one transaction
 * out at a time, in strict order (README.md has the data flow and the guarantees).
 */
import type { Logger } from "pino";
import type { Registry } from "prom-client";
import type { L1OperationRepository, StoredL1Operation } from "../storage/l1-operation-repository.js";
import type { ServiceLeaseRepository } from "../storage/service-lease-repository.js";
import { Backoff } from "../eth-watch/backoff.js";
import { chooseAggregate, type Aggregate } from "./aggregation.js";
import type { GenesisStoredBlockJson } from "./block-encoding.js";
import { countOnchain } from "./block-stats.js";
import { CalldataBuilder } from "./calldata.js";
import { DEVNET_CHAIN_IDS, HARDHAT_DEFAULT_OPERATOR_KEY, type EthSenderConfig } from "./config.js";
import { EthSenderError, isEthSenderError, type EthSenderErrorCode } from "./errors.js";
import { baseGas, blockGas } from "./gas-estimate.js";
import { InflightFollower } from "./inflight.js";
import { L1Client } from "./l1-client.js";
import { createEthSenderMetrics, type EthSenderMetrics } from "./metrics.js";
import { PIPELINES, type OperationKind, type PipelineKind } from "./operation-kind.js";
import { OperatorWallet } from "./operator-wallet.js";

export interface EthSenderHooks {
  /** After an operation is confirmed and its blocks' status stored (the node wakes its event feed). */
  readonly onConfirmed?: (kind: OperationKind, fromBlock: number, toBlock: number) => void;
  /** A pipeline stopped on an error that needs the operator. */
  readonly onStopped?: (kind: OperationKind, error: EthSenderError) => void;
}

export interface EthSenderDependencies {
  readonly config: EthSenderConfig;
  readonly repository: L1OperationRepository;
  /** Held while this instance acts; without it (tests driving `pollOnce`) it always acts. */
  readonly lease?: ServiceLeaseRepository;
  readonly genesis: GenesisStoredBlockJson;
  readonly logger: Logger;
  readonly registry: Registry;
  readonly hooks?: EthSenderHooks;
}

/** Codes after which a pipeline stops until the operator acts (and the node restarts). */
const STOPPING: readonly EthSenderErrorCode[] = ["ETH_SENDER_TX_WOULD_REVERT", "ETH_SENDER_TX_REVERTED", "ETH_SENDER_STATE_ROOT_MISMATCH", "ETH_SENDER_BAD_INPUT", "ETH_SENDER_BLOCKS_REVERTED"];

export class EthSender {
  readonly metrics: EthSenderMetrics;
  private readonly l1: L1Client;
  private readonly operator: OperatorWallet;
  private readonly inflight: InflightFollower;
  private readonly calldata: CalldataBuilder;
  private readonly logger: Logger;
  private readonly backoff: Backoff;
  private readonly stopped = new Map<OperationKind, EthSenderError>();
  private running = false;
  private standingBy = false;
  private loop: Promise<void> | undefined;
  private wakeUp: (() => void) | undefined;

  constructor(private readonly deps: EthSenderDependencies) {
    const { config, repository } = deps;
    this.l1 = new L1Client(config.rpcUrl, config.chainId, config.rollupAddress, config.requestTimeoutMs);
    this.calldata = new CalldataBuilder(repository, deps.genesis);
    this.logger = deps.logger.child({ component: "eth-sender" });
    this.metrics = createEthSenderMetrics(deps.registry);
    this.operator = new OperatorWallet(config, this.l1, repository, this.metrics, this.logger);
    this.inflight = new InflightFollower({ config, l1: this.l1, repository, operator: this.operator, metrics: this.metrics, logger: this.logger });
    this.backoff = new Backoff(config.backoffInitialMs, config.backoffMaxMs);
    if (config.operatorPrivateKey.toLowerCase() === HARDHAT_DEFAULT_OPERATOR_KEY && !DEVNET_CHAIN_IDS.includes(config.chainId)) {
      throw new EthSenderError("ETH_SENDER_INSECURE_KEY", `ZKLITE_OPERATOR_PRIVATE_KEY is Hardhat's public key, on chain ${config.chainId}; set the operator's own key`);
    }
  }

  /** The operator's (validator's) L1 address. */
  get address(): string {
    return this.operator.address;
  }

  /** Pipelines stopped on an error, with the error (cleared by a restart). */
  get stoppedPipelines(): ReadonlyMap<OperationKind, EthSenderError> {
    return this.stopped;
  }

  start(): void {
    if (this.running) return;
    const { blockChunkSizes, verifierChunkSizes } = this.deps.config;
    const unprovable = verifierChunkSizes === undefined ? [] : blockChunkSizes.filter((size) => !verifierChunkSizes.includes(size));
    if (unprovable.length > 0) {
      this.logger.warn({ unprovable, verifierChunkSizes }, "ZKLITE_BLOCK_CHUNK_SIZES has sizes the L1 has no verifier for: such blocks commit but cannot be proven");
    }
    this.logger.info({ operator: this.address, rollup: this.deps.config.rollupAddress }, "eth-sender started");
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wakeUp?.();
    await this.loop;
    await this.deps.lease?.release().catch((error: unknown) => this.logger.warn({ err: error }, "could not release the eth-sender lease"));
    this.l1.destroy();
  }

  /** A proof was stored (the prover API calls this); the next poll comes now instead of after the interval. */
  notifyProof(): void {
    this.wakeUp?.();
  }

  /**
   * Operator's request: revert blocks [fromBlock, last committed] on L1 (committed, not executed). Stored and sent
   * once nothing else is out; commits stop from now on (README.md, "Reverting blocks").
   */
  async requestRevert(fromBlock: number): Promise<{ fromBlock: number; toBlock: number }> {
    const [executed, committed] = await Promise.all([this.l1.rollupView("totalBlocksExecuted"), this.l1.rollupView("totalBlocksCommitted")]);
    if (fromBlock <= executed || fromBlock > committed) {
      throw new EthSenderError("ETH_SENDER_INVALID_REQUEST", `cannot revert from block ${fromBlock}: L1 has blocks ${executed + 1}–${committed} committed and not executed`);
    }
    await this.deps.repository.requestRevert(fromBlock, committed);
    this.wakeUp?.();
    return { fromBlock, toBlock: committed };
  }

  /** One step of the loop: follow the transaction out, or send the next operation. Throws the typed error of a failed step. */
  async pollOnce(): Promise<void> {
    const { repository } = this.deps;
    if (!(await this.holdLease())) return;
    const revert = await repository.confirmedRevert();
    if (revert !== undefined && !this.stopped.has("commit")) {
      this.stopPipeline("commit", new EthSenderError("ETH_SENDER_BLOCKS_REVERTED", `blocks ${revert.fromBlock}–${revert.toBlock} were reverted on L1; the node must rewind its state before committing again`), false);
    } else if (revert === undefined && this.stopped.get("commit")?.code === "ETH_SENDER_BLOCKS_REVERTED" && !(await repository.revertUnderway())) {
      // the node rewound its storage (the revert is "applied"): the re-sealed blocks commit from here
      this.stopped.delete("commit");
      this.metrics.pipelineStopped.set({ kind: "commit" }, 0);
      this.logger.info("eth-sender: the node rewound after the revert; the commit pipeline resumes");
    }
    const inflight = await repository.inflight();
    this.metrics.inflight.set(inflight === undefined ? 0 : 1);
    if (inflight !== undefined) {
      await this.follow(inflight);
      return;
    }
    const queuedRevert = await repository.queuedRevert();
    if (queuedRevert !== undefined) {
      await this.sendRevert(queuedRevert);
      return;
    }
    // execute first, then prove, then commit (zkSync's order): an older block's pipeline never waits behind newer ones
    for (const kind of [...PIPELINES].reverse()) {
      if (this.stopped.has(kind)) continue;
      const aggregate = await this.nextAggregate(kind);
      if (aggregate !== undefined) {
        await this.sendNew(kind, aggregate);
        return;
      }
    }
  }

  /** The operator's revert request, once it still matches the L1 (committed, not executed, up to the last committed). */
  private async sendRevert(request: StoredL1Operation): Promise<void> {
    const { fromBlock, toBlock } = request;
    const [executed, committed] = await Promise.all([this.l1.rollupView("totalBlocksExecuted"), this.l1.rollupView("totalBlocksCommitted")]);
    if (fromBlock <= executed || toBlock !== committed || fromBlock > toBlock) {
      const error = new EthSenderError("ETH_SENDER_INVALID_REQUEST", `cannot revert blocks ${fromBlock}–${toBlock}: L1 has blocks ${executed + 1}–${committed} committed and not executed`);
      await this.deps.repository.fail(request.id, `${error.code}: ${error.message}`);
      this.metrics.errors.inc({ code: error.code });
      this.logger.error({ code: error.code, err: error }, error.message);
      return;
    }
    this.stopPipeline("commit", new EthSenderError("ETH_SENDER_BLOCKS_REVERTED", `blocks ${fromBlock}–${toBlock} are being reverted on L1`), false);
    await this.sendNew("revert", { fromBlock, toBlock, reason: "full", estimatedGas: 0n });
  }

  /** Whether this instance may act: another one holding the lease keeps it on standby. */
  private async holdLease(): Promise<boolean> {
    const { lease } = this.deps;
    if (lease === undefined) return true;
    const held = await lease.acquire();
    if (held === this.standingBy) {
      this.standingBy = !held;
      this.metrics.standby.set(held ? 0 : 1);
      if (held) this.logger.info({ holder: lease.holder }, "eth-sender lease taken: this instance sends");
      else this.logger.warn({ holder: await lease.currentHolder() }, "another eth-sender holds the lease: standing by");
    }
    return held;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let delay = this.deps.config.pollIntervalMs;
      try {
        await this.pollOnce();
        this.backoff.reset();
      } catch (error) {
        const code = isEthSenderError(error) ? error.code : "ETH_SENDER_UNEXPECTED";
        this.metrics.errors.inc({ code });
        delay = this.backoff.next();
        this.logger.warn({ code, err: error, retryInMs: delay }, "eth-sender step failed");
      }
      if (!this.running) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        this.wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wakeUp = undefined;
    }
  }

  private async nextAggregate(kind: PipelineKind): Promise<Aggregate | undefined> {
    const { config, repository } = this.deps;
    const next = (await repository.lastHandledBlock(kind)) + 1;
    const waiting = await repository.waiting(kind, next, config.maxBlocksPerTx + 1);
    return chooseAggregate(
      waiting.map(({ block, readyAt }) => ({ number: block.number, readyAt, gas: blockGas(kind, countOnchain(block)) })),
      { maxBlocks: config.maxBlocksPerTx, maxTxGas: config.maxTxGas, deadlineMs: config.deadlineMs, baseGas: baseGas(kind) },
      Date.now(),
    );
  }

  private async sendNew(kind: OperationKind, aggregate: Aggregate): Promise<void> {
    const { fromBlock, toBlock } = aggregate;
    let data: string;
    let gasLimit: bigint;
    try {
      data = await this.calldata.build(kind, fromBlock, toBlock);
      const fees = await this.operator.currentFees();
      if (fees === undefined) return;
      gasLimit = ((await this.l1.estimateGas(this.operator.address, data)) * 12n) / 10n + 20_000n;
      const nonce = await this.l1.nonce(this.operator.address, "pending");
      const tx = await this.operator.sign(data, nonce, gasLimit, fees);
      // stored before it is broadcast: a crash from here on finds it at the next start
      const stored = await this.deps.repository.createOperation(kind, fromBlock, toBlock, tx);
      this.logger.info({ kind, fromBlock, toBlock, reason: aggregate.reason, nonce, hash: tx.hash, gasLimit: gasLimit.toString(), maxFeePerGas: fees.maxFeePerGas.toString() }, "L1 transaction signed");
      this.metrics.txsSent.inc({ kind });
      this.inflight.noteBroadcast();
      await this.operator.broadcast(stored, kind);
    } catch (error) {
      if (isEthSenderError(error) && STOPPING.includes(error.code)) {
        this.stopPipeline(kind, error, true);
        if (kind === "revert") {
          const queued = await this.deps.repository.queuedRevert();
          if (queued !== undefined) await this.deps.repository.fail(queued.id, `${error.code}: ${error.message}`);
        }
        return;
      }
      throw error;
    }
  }

  private async follow(operation: StoredL1Operation): Promise<void> {
    const result = await this.inflight.follow(operation);
    if (result.outcome === "reverted") this.stopPipeline(operation.kind, result.error, true);
    if (result.outcome !== "confirmed") return;
    this.metrics.inflight.set(0);
    if (operation.kind !== "revert") this.metrics.lastBlock.set({ stage: operation.kind }, operation.toBlock);
    this.logger.info(
      { kind: operation.kind, fromBlock: operation.fromBlock, toBlock: operation.toBlock, hash: result.hash, l1Block: result.l1Block, signed: operation.transactions.length },
      "L1 operation confirmed",
    );
    this.deps.hooks?.onConfirmed?.(operation.kind, operation.fromBlock, operation.toBlock);
  }

  private stopPipeline(kind: OperationKind, error: EthSenderError, count: boolean): void {
    if (count) this.metrics.errors.inc({ code: error.code });
    if (this.stopped.get(kind)?.code === error.code) return;
    this.stopped.set(kind, error);
    this.metrics.pipelineStopped.set({ kind }, 1);
    this.logger.error({ kind, code: error.code, err: error }, `eth-sender: the ${kind} pipeline stopped: ${error.message}`);
    this.deps.hooks?.onStopped?.(kind, error);
  }
}
