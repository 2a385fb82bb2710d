/**
 * The eth-sender: turns stored blocks into commit, prove and execute transactions on the rollup, one transaction
 * out at a time, in strict order (README.md has the data flow and the guarantees).
 */
import { Transaction, Wallet } from "ethers";
import type { Logger } from "pino";
import type { Registry } from "prom-client";
import type { L1OperationRepository, StoredL1Operation, StoredL1Transaction } from "../storage/l1-operation-repository.js";
import { Backoff } from "../eth-watch/backoff.js";
import { chooseAggregate, type Aggregate } from "./aggregation.js";
import type { GenesisStoredBlockJson } from "./block-encoding.js";
import { CalldataBuilder } from "./calldata.js";
import { DEVNET_CHAIN_IDS, HARDHAT_DEFAULT_OPERATOR_KEY, type EthSenderConfig } from "./config.js";
import { EthSenderError, isEthSenderError, type EthSenderErrorCode } from "./errors.js";
import { initialFees, replacementFees, type Fees } from "./fees.js";
import { baseGas, blockGas } from "./gas-estimate.js";
import { L1Client } from "./l1-client.js";
import { createEthSenderMetrics, type EthSenderMetrics } from "./metrics.js";
import { PIPELINES, type OperationKind, type PipelineKind } from "./operation-kind.js";
import { countOnchain } from "./block-stats.js";

export interface EthSenderHooks {
  /** After an operation is confirmed and its blocks' status stored (the node wakes its event feed). */
  readonly onConfirmed?: (kind: OperationKind, fromBlock: number, toBlock: number) => void;
  /** A pipeline stopped on an error that needs the operator. */
  readonly onStopped?: (kind: OperationKind, error: EthSenderError) => void;
}

export interface EthSenderDependencies {
  readonly config: EthSenderConfig;
  readonly repository: L1OperationRepository;
  readonly genesis: GenesisStoredBlockJson;
  readonly logger: Logger;
  readonly registry: Registry;
  readonly hooks?: EthSenderHooks;
}

/** Codes after which a pipeline stops until the operator acts (and the node restarts). */
const STOPPING: readonly EthSenderErrorCode[] = ["ETH_SENDER_TX_WOULD_REVERT", "ETH_SENDER_TX_REVERTED", "ETH_SENDER_STATE_ROOT_MISMATCH", "ETH_SENDER_BAD_INPUT", "ETH_SENDER_BLOCKS_REVERTED"];

export class EthSender {
  readonly metrics: EthSenderMetrics;
  readonly address: string;
  private readonly l1: L1Client;
  private readonly wallet: Wallet;
  private readonly calldata: CalldataBuilder;
  private readonly logger: Logger;
  private readonly backoff: Backoff;
  private readonly stopped = new Map<OperationKind, EthSenderError>();
  /** After a start, the transaction out is broadcast again once (a crash may have come before its broadcast). */
  private rebroadcastDone = false;
  private gasWaitLogged = false;
  private running = false;
  private loop: Promise<void> | undefined;
  private wakeUp: (() => void) | undefined;

  constructor(private readonly deps: EthSenderDependencies) {
    const { config } = deps;
    this.wallet = new Wallet(config.operatorPrivateKey);
    this.address = this.wallet.address;
    this.l1 = new L1Client(config.rpcUrl, config.chainId, config.rollupAddress, config.requestTimeoutMs);
    this.calldata = new CalldataBuilder(deps.repository, deps.genesis);
    this.logger = deps.logger.child({ component: "eth-sender" });
    this.metrics = createEthSenderMetrics(deps.registry);
    this.backoff = new Backoff(config.backoffInitialMs, config.backoffMaxMs);
    if (config.operatorPrivateKey.toLowerCase() === HARDHAT_DEFAULT_OPERATOR_KEY && !DEVNET_CHAIN_IDS.includes(config.chainId)) {
      throw new EthSenderError("ETH_SENDER_INSECURE_KEY", `ZKLITE_OPERATOR_PRIVATE_KEY is Hardhat's public key, on chain ${config.chainId}; set the operator's own key`);
    }
  }

  /** Pipelines stopped on an error, with the error (cleared by a restart). */
  get stoppedPipelines(): ReadonlyMap<OperationKind, EthSenderError> {
    return this.stopped;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wakeUp?.();
    await this.loop;
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
    const revert = await repository.confirmedRevert();
    if (revert !== undefined && !this.stopped.has("commit")) {
      this.stopPipeline("commit", new EthSenderError("ETH_SENDER_BLOCKS_REVERTED", `blocks ${revert.fromBlock}–${revert.toBlock} were reverted on L1; the node must rewind its state before committing again`), false);
    }
    const inflight = await repository.inflight();
    this.metrics.inflight.set(inflight === undefined ? 0 : 1);
    if (inflight !== undefined) {
      await this.follow(inflight);
      return;
    }
    const queuedRevert = await repository.queuedRevert();
    if (queuedRevert !== undefined) {
      const { fromBlock, toBlock } = queuedRevert;
      const [executed, committed] = await Promise.all([this.l1.rollupView("totalBlocksExecuted"), this.l1.rollupView("totalBlocksCommitted")]);
      if (fromBlock <= executed || toBlock !== committed || fromBlock > toBlock) {
        const error = new EthSenderError("ETH_SENDER_INVALID_REQUEST", `cannot revert blocks ${fromBlock}–${toBlock}: L1 has blocks ${executed + 1}–${committed} committed and not executed`);
        await repository.fail(queuedRevert.id, `${error.code}: ${error.message}`);
        this.metrics.errors.inc({ code: error.code });
        this.logger.error({ code: error.code, err: error }, error.message);
        return;
      }
      this.stopPipeline("commit", new EthSenderError("ETH_SENDER_BLOCKS_REVERTED", `blocks ${fromBlock}–${toBlock} are being reverted on L1`), false);
      await this.sendNew("revert", { fromBlock, toBlock, reason: "full", estimatedGas: 0n });
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

  /** Current fees, or undefined while the base fee is above the cap (a gas spike: wait). */
  private async currentFees(): Promise<Fees | undefined> {
    const { config } = this.deps;
    const baseFee = await this.l1.nextBaseFee();
    this.metrics.baseFeeGwei.set(Number(baseFee) / 1e9);
    if (baseFee > config.maxBaseFeeWei) {
      this.metrics.waitingForGas.set(1);
      if (!this.gasWaitLogged) this.logger.warn({ baseFeeWei: baseFee.toString(), capWei: config.maxBaseFeeWei.toString() }, "L1 base fee above the cap: waiting");
      this.gasWaitLogged = true;
      return undefined;
    }
    this.metrics.waitingForGas.set(0);
    this.gasWaitLogged = false;
    return initialFees(baseFee, config.priorityFeeWei);
  }

  private async sendNew(kind: OperationKind, aggregate: Aggregate): Promise<void> {
    const { fromBlock, toBlock } = aggregate;
    let data: string;
    let gasLimit: bigint;
    try {
      data = await this.calldata.build(kind, fromBlock, toBlock);
      const fees = await this.currentFees();
      if (fees === undefined) return;
      gasLimit = ((await this.l1.estimateGas(this.address, data)) * 12n) / 10n + 20_000n;
      const nonce = await this.l1.nonce(this.address, "pending");
      const tx = await this.sign(data, nonce, gasLimit, fees);
      // stored before it is broadcast: a crash from here on finds it at the next start
      const stored = await this.deps.repository.createOperation(kind, fromBlock, toBlock, tx);
      this.logger.info({ kind, fromBlock, toBlock, reason: aggregate.reason, nonce, hash: tx.hash, gasLimit: gasLimit.toString(), maxFeePerGas: fees.maxFeePerGas.toString() }, "L1 transaction signed");
      this.metrics.txsSent.inc({ kind });
      this.rebroadcastDone = true;
      await this.broadcast(stored, kind);
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

  private async sign(data: string, nonce: number, gasLimit: bigint, fees: Fees) {
    const rawTx = await this.wallet.signTransaction({
      type: 2,
      chainId: this.deps.config.chainId,
      to: this.deps.config.rollupAddress,
      data,
      nonce,
      gasLimit,
      value: 0n,
      maxFeePerGas: fees.maxFeePerGas,
      maxPriorityFeePerGas: fees.maxPriorityFeePerGas,
    });
    return { nonce, hash: Transaction.from(rawTx).hash as string, rawTx, gasLimit, ...fees };
  }

  private async broadcast(tx: StoredL1Transaction, kind: OperationKind): Promise<void> {
    const { result, message } = await this.l1.broadcast(tx.rawTx);
    if (result === "rejected") throw new EthSenderError("ETH_SENDER_L1_UNAVAILABLE", `the L1 refused transaction ${tx.hash}: ${message ?? ""}`);
    if (result !== "sent") this.logger.info({ kind, hash: tx.hash, result, message }, "broadcast answered");
    await this.deps.repository.markSent(tx.id, await this.l1.headBlockNumber());
  }

  /** The operation out: confirmed, reverted, waiting, or stuck (replaced). */
  private async follow(operation: StoredL1Operation): Promise<void> {
    const { config, repository } = this.deps;
    const live = operation.transactions.filter((tx) => tx.status === "signed" || tx.status === "sent");
    for (const tx of [...live].reverse()) {
      const receipt = await this.l1.receipt(tx.hash);
      if (receipt === undefined) continue;
      if (receipt.status === 0) {
        const decoded = Transaction.from(tx.rawTx);
        const reason = await this.l1.revertReason({ from: this.address, data: decoded.data }, receipt.blockNumber);
        const error = new EthSenderError("ETH_SENDER_TX_REVERTED", `${operation.kind} of blocks ${operation.fromBlock}–${operation.toBlock} reverted in L1 block ${receipt.blockNumber} (${tx.hash}): ${reason}`);
        await repository.fail(operation.id, `${error.code}: ${error.message}`, tx.hash, receipt.blockNumber);
        this.stopPipeline(operation.kind, error, true);
        return;
      }
      const head = await this.l1.headBlockNumber();
      if (head - receipt.blockNumber + 1 < config.confirmations) return;
      await repository.confirm(operation, tx.hash, receipt.blockNumber);
      this.metrics.inflight.set(0);
      if (operation.kind !== "revert") this.metrics.lastBlock.set({ stage: operation.kind }, operation.toBlock);
      this.logger.info({ kind: operation.kind, fromBlock: operation.fromBlock, toBlock: operation.toBlock, hash: tx.hash, l1Block: receipt.blockNumber, attempts: operation.transactions.length }, "L1 operation confirmed");
      this.deps.hooks?.onConfirmed?.(operation.kind, operation.fromBlock, operation.toBlock);
      return;
    }
    const latest = live.at(-1);
    if (latest === undefined) throw new EthSenderError("ETH_SENDER_BAD_INPUT", `operation ${operation.id} is out with no live transaction`);
    if (latest.status === "signed" || !this.rebroadcastDone) {
      this.rebroadcastDone = true;
      await this.broadcast(latest, operation.kind);
      return;
    }
    const minedNonce = await this.l1.nonce(this.address, "latest");
    if (minedNonce > latest.nonce) {
      // a nonce is used only when one of its transactions is mined: re-check ours before concluding another took it
      for (const tx of live) if ((await this.l1.receipt(tx.hash)) !== undefined) return;
      this.logger.warn({ kind: operation.kind, nonce: latest.nonce, minedNonce }, "the operator's nonce was used by another transaction: re-signing with a new nonce");
      await this.resign(operation, latest, await this.l1.nonce(this.address, "pending"));
      return;
    }
    if (latest.sentAt !== null && Date.now() - latest.sentAt.getTime() >= config.stuckAfterMs) {
      await this.resign(operation, latest, latest.nonce);
    }
  }

  /** A replacement of `stuck` (same nonce, fees bumped ≥ 12.5 %) or the operation again under a new nonce. */
  private async resign(operation: StoredL1Operation, stuck: StoredL1Transaction, nonce: number): Promise<void> {
    const current = await this.currentFees();
    if (current === undefined) return;
    const decoded = Transaction.from(stuck.rawTx);
    const sameNonce = nonce === stuck.nonce;
    const fees = sameNonce ? replacementFees(stuck, current) : current;
    const tx = await this.sign(decoded.data, nonce, decoded.gasLimit, fees);
    const stored = await this.deps.repository.addTransaction(operation.id, tx, sameNonce ? undefined : stuck.nonce);
    if (sameNonce) this.metrics.replacements.inc({ kind: operation.kind });
    this.logger.warn(
      { kind: operation.kind, fromBlock: operation.fromBlock, nonce, stuck: stuck.hash, hash: tx.hash, maxFeePerGas: `${stuck.maxFeePerGas} → ${fees.maxFeePerGas}`, maxPriorityFeePerGas: `${stuck.maxPriorityFeePerGas} → ${fees.maxPriorityFeePerGas}` },
      sameNonce ? "stuck L1 transaction replaced with bumped fees" : "L1 operation re-signed with a new nonce",
    );
    await this.broadcast(stored, operation.kind);
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
