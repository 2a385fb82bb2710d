/**
 * zksync.js's `ETHOperation`: the handle of an L1 transaction that queues a priority operation (a deposit or a full
 * exit request). `awaitEthereumTxCommit()` waits for the L1 receipt and reads the request's serial id from the rollup's
 * `NewPriorityRequest` event; `awaitReceipt()` waits until the node has executed the operation in a block,
 * `awaitVerifyReceipt()` until that block is executed on L1 (`Provider.notifyPriorityOp`).
 */
import type { PriorityOpStatus } from "@zklite/api";
import type { ZkLiteError } from "@zklite/protocol";
import { Interface, type TransactionReceipt, type TransactionResponse } from "ethers";
import { ZKLITE_ABI } from "./contracts/zklite-abi.js";
import type { SyncProvider } from "./sync-provider.js";
import { DEFAULT_AWAIT_TIMEOUT_MS } from "./transaction.js";
import { walletError } from "./wallet-errors.js";

export type ETHOperationState = "Sent" | "Mined" | "Committed" | "Verified" | "Failed";

const ROLLUP = new Interface(ZKLITE_ABI);

/** The serial id of the first `NewPriorityRequest` emitted by `rollupAddress` in the receipt, if any. */
export function priorityRequestSerialId(receipt: TransactionReceipt, rollupAddress?: string): bigint | undefined {
  for (const log of receipt.logs) {
    if (rollupAddress !== undefined && log.address.toLowerCase() !== rollupAddress.toLowerCase()) continue;
    let parsed;
    try {
      parsed = ROLLUP.parseLog({ topics: [...log.topics], data: log.data });
    } catch {
      continue;
    }
    if (parsed?.name === "NewPriorityRequest") return parsed.args.getValue("serialId") as bigint;
  }
  return undefined;
}

export class ETHOperation {
  state: ETHOperationState = "Sent";
  error: ZkLiteError | undefined;
  /** The priority request's serial id, known once the L1 transaction is mined. */
  priorityOpId: bigint | undefined;
  #l1Receipt: TransactionReceipt | undefined;

  constructor(
    readonly ethTx: TransactionResponse,
    readonly zkSyncProvider: SyncProvider,
    private readonly rollupAddress?: string,
  ) {}

  /** The L1 receipt; throws L1_TRANSACTION_FAILED if the transaction reverted or queued nothing. */
  async awaitEthereumTxCommit(confirmations = 1): Promise<TransactionReceipt> {
    this.#throwIfFailed();
    if (this.#l1Receipt !== undefined) return this.#l1Receipt;
    let receipt: TransactionReceipt | null;
    try {
      receipt = await this.ethTx.wait(confirmations);
    } catch (error) {
      throw this.#fail(`L1 transaction ${this.ethTx.hash} failed: ${error instanceof Error ? error.message : String(error)}`, error);
    }
    if (receipt === null || receipt.status !== 1) throw this.#fail(`L1 transaction ${this.ethTx.hash} reverted`, receipt);
    const serialId = priorityRequestSerialId(receipt, this.rollupAddress);
    if (serialId === undefined) throw this.#fail(`L1 transaction ${this.ethTx.hash} emitted no NewPriorityRequest`, receipt);
    this.priorityOpId = serialId;
    this.#l1Receipt = receipt;
    this.state = "Mined";
    return receipt;
  }

  /** The operation's status once the node has executed it in a block. */
  async awaitReceipt(timeoutMs = DEFAULT_AWAIT_TIMEOUT_MS): Promise<PriorityOpStatus> {
    await this.awaitEthereumTxCommit();
    const status = await this.zkSyncProvider.notifyPriorityOp(this.priorityOpId as bigint, "COMMIT", timeoutMs);
    if (this.state === "Mined") this.state = "Committed";
    return status;
  }

  /** The operation's status once its block is executed on L1. */
  async awaitVerifyReceipt(timeoutMs = DEFAULT_AWAIT_TIMEOUT_MS): Promise<PriorityOpStatus> {
    const started = Date.now();
    await this.awaitReceipt(timeoutMs);
    const left = Math.max(1, timeoutMs - (Date.now() - started));
    const status = await this.zkSyncProvider.notifyPriorityOp(this.priorityOpId as bigint, "VERIFY", left);
    this.state = "Verified";
    return status;
  }

  #fail(message: string, cause: unknown): ZkLiteError {
    this.state = "Failed";
    this.error = walletError("L1_TRANSACTION_FAILED", message, cause);
    return this.error;
  }

  #throwIfFailed(): void {
    if (this.state === "Failed" && this.error !== undefined) throw this.error;
  }
}
