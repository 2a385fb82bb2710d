/**
 * The operator's side of a transaction: EIP-1559 fees under the base-fee cap, signing with the operator key, and
 * broadcasting a stored transaction (then marking it sent).
 */
import { Transaction, Wallet } from "ethers";
import type { Logger } from "pino";
import type { L1OperationRepository, NewL1Transaction, StoredL1Transaction } from "../storage/l1-operation-repository.js";
import type { EthSenderConfig } from "./config.js";
import { EthSenderError } from "./errors.js";
import { initialFees, type Fees } from "./fees.js";
import type { L1Client } from "./l1-client.js";
import type { EthSenderMetrics } from "./metrics.js";
import type { OperationKind } from "./operation-kind.js";

export class OperatorWallet {
  readonly address: string;
  private readonly wallet: Wallet;
  private gasWaitLogged = false;

  constructor(
    private readonly config: EthSenderConfig,
    private readonly l1: L1Client,
    private readonly repository: L1OperationRepository,
    private readonly metrics: EthSenderMetrics,
    private readonly logger: Logger,
  ) {
    this.wallet = new Wallet(config.operatorPrivateKey);
    this.address = this.wallet.address;
  }

  /** Fees for a transaction now, or undefined while the next block's base fee is above the cap (a gas spike: wait). */
  async currentFees(): Promise<Fees | undefined> {
    const baseFee = await this.l1.nextBaseFee();
    this.metrics.baseFeeGwei.set(Number(baseFee) / 1e9);
    if (baseFee > this.config.maxBaseFeeWei) {
      this.metrics.waitingForGas.set(1);
      if (!this.gasWaitLogged) this.logger.warn({ baseFeeWei: baseFee.toString(), capWei: this.config.maxBaseFeeWei.toString() }, "L1 base fee above the cap: waiting");
      this.gasWaitLogged = true;
      return undefined;
    }
    this.metrics.waitingForGas.set(0);
    this.gasWaitLogged = false;
    return initialFees(baseFee, this.config.priorityFeeWei);
  }

  async sign(data: string, nonce: number, gasLimit: bigint, fees: Fees): Promise<NewL1Transaction> {
    const rawTx = await this.wallet.signTransaction({
      type: 2,
      chainId: this.config.chainId,
      to: this.config.rollupAddress,
      data,
      nonce,
      gasLimit,
      value: 0n,
      maxFeePerGas: fees.maxFeePerGas,
      maxPriorityFeePerGas: fees.maxPriorityFeePerGas,
    });
    return { nonce, hash: Transaction.from(rawTx).hash as string, rawTx, gasLimit, ...fees };
  }

  /** Broadcasts a stored transaction; "already known" and "nonce too low" (it may be mined) count as sent. */
  async broadcast(tx: StoredL1Transaction, kind: OperationKind): Promise<void> {
    const { result, message } = await this.l1.broadcast(tx.rawTx);
    if (result === "rejected") throw new EthSenderError("ETH_SENDER_L1_UNAVAILABLE", `the L1 refused transaction ${tx.hash}: ${message ?? ""}`);
    if (result !== "sent") this.logger.info({ kind, hash: tx.hash, result, message }, "broadcast answered");
    await this.repository.markSent(tx.id, await this.l1.headBlockNumber());
  }
}
