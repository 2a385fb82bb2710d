/**
 * Follows the operation whose transaction is out: every hash it was ever signed under is checked (any of them may
 * be the one mined); a reverted receipt ends it; a receipt deep enough confirms it; a transaction not mined within
 * `stuckAfterMs` of its broadcast is replaced (same nonce, fees ≥ 12.5 % higher on both fields); a nonce used by
 * another transaction (the key used elsewhere) gets the operation re-signed under a fresh nonce.
 */
import { Transaction } from "ethers";
import type { Logger } from "pino";
import type { L1OperationRepository, StoredL1Operation, StoredL1Transaction } from "../storage/l1-operation-repository.js";
import type { EthSenderConfig } from "./config.js";
import { EthSenderError } from "./errors.js";
import { replacementFees } from "./fees.js";
import type { L1Client } from "./l1-client.js";
import type { EthSenderMetrics } from "./metrics.js";
import type { OperatorWallet } from "./operator-wallet.js";

export type FollowOutcome =
  | { readonly outcome: "confirmed"; readonly hash: string; readonly l1Block: number }
  | { readonly outcome: "reverted"; readonly error: EthSenderError }
  | { readonly outcome: "waiting" };

export interface InflightDependencies {
  readonly config: EthSenderConfig;
  readonly l1: L1Client;
  readonly repository: L1OperationRepository;
  readonly operator: OperatorWallet;
  readonly metrics: EthSenderMetrics;
  readonly logger: Logger;
}

export class InflightFollower {
  /** After a start the transaction out is broadcast once more: a crash may have come before its broadcast. */
  private rebroadcastDone = false;

  constructor(private readonly deps: InflightDependencies) {}

  /** A transaction was just broadcast by this process. */
  noteBroadcast(): void {
    this.rebroadcastDone = true;
  }

  async follow(operation: StoredL1Operation): Promise<FollowOutcome> {
    const { config, l1, repository, operator } = this.deps;
    const live = operation.transactions.filter((tx) => tx.status === "signed" || tx.status === "sent");
    for (const tx of [...live].reverse()) {
      const receipt = await l1.receipt(tx.hash);
      if (receipt === undefined) continue;
      if (receipt.status === 0) {
        const reason = await l1.revertReason({ from: operator.address, data: Transaction.from(tx.rawTx).data }, receipt.blockNumber);
        const error = new EthSenderError(
          "ETH_SENDER_TX_REVERTED",
          `${operation.kind} of blocks ${operation.fromBlock}–${operation.toBlock} reverted in L1 block ${receipt.blockNumber} (${tx.hash}): ${reason}`,
        );
        await repository.fail(operation.id, `${error.code}: ${error.message}`, tx.hash, receipt.blockNumber);
        return { outcome: "reverted", error };
      }
      if ((await l1.headBlockNumber()) - receipt.blockNumber + 1 < config.confirmations) return { outcome: "waiting" };
      await repository.confirm(operation, tx.hash, receipt.blockNumber);
      return { outcome: "confirmed", hash: tx.hash, l1Block: receipt.blockNumber };
    }
    const latest = live.at(-1);
    if (latest === undefined) throw new EthSenderError("ETH_SENDER_BAD_INPUT", `operation ${operation.id} is out with no live transaction`);
    if (latest.status === "signed" || !this.rebroadcastDone) {
      this.rebroadcastDone = true;
      await operator.broadcast(latest, operation.kind);
      return { outcome: "waiting" };
    }
    const minedNonce = await l1.nonce(operator.address, "latest");
    if (minedNonce > latest.nonce) {
      // a nonce is used only once one of its transactions is mined: look at ours again before concluding another took it
      for (const tx of live) if ((await l1.receipt(tx.hash)) !== undefined) return { outcome: "waiting" };
      this.deps.logger.warn({ kind: operation.kind, nonce: latest.nonce, minedNonce }, "the operator's nonce was used by another transaction: re-signing with a new nonce");
      await this.resign(operation, latest, await l1.nonce(operator.address, "pending"));
    } else if (latest.sentAt !== null && Date.now() - latest.sentAt.getTime() >= config.stuckAfterMs) {
      await this.resign(operation, latest, latest.nonce);
    }
    return { outcome: "waiting" };
  }

  /** A replacement of `stuck` (same nonce, bumped fees), or the operation again under a new nonce. Waits out a gas spike. */
  private async resign(operation: StoredL1Operation, stuck: StoredL1Transaction, nonce: number): Promise<void> {
    const { operator, repository, metrics, logger } = this.deps;
    const current = await operator.currentFees();
    if (current === undefined) return;
    const decoded = Transaction.from(stuck.rawTx);
    const sameNonce = nonce === stuck.nonce;
    const fees = sameNonce ? replacementFees(stuck, current) : current;
    const tx = await operator.sign(decoded.data, nonce, decoded.gasLimit, fees);
    const stored = await repository.addTransaction(operation.id, tx, sameNonce ? undefined : stuck.nonce);
    if (sameNonce) metrics.replacements.inc({ kind: operation.kind });
    logger.warn(
      {
        kind: operation.kind,
        fromBlock: operation.fromBlock,
        nonce,
        stuck: stuck.hash,
        hash: tx.hash,
        maxFeePerGas: `${stuck.maxFeePerGas} → ${fees.maxFeePerGas}`,
        maxPriorityFeePerGas: `${stuck.maxPriorityFeePerGas} → ${fees.maxPriorityFeePerGas}`,
      },
      sameNonce ? "stuck L1 transaction replaced with bumped fees" : "L1 operation re-signed with a new nonce",
    );
    await operator.broadcast(stored, operation.kind);
  }
}
