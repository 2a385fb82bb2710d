/**
 * zksync.js's `Transaction`: the handle of a submitted L2 transaction. `awaitReceipt()` resolves once it is in a
 * block ("committed"), `awaitVerifyReceipt()` once that block is executed on L1; both follow the node's events
 * (`Provider.notifyTransaction`) and throw `TRANSACTION_FAILED` (with the node's `failCode`) if it was rejected.
 */
import type { TxReceipt } from "@zklite/api";
import type { ZkLiteError } from "@zklite/protocol";
import type { SignedTransaction } from "./signed-transaction.js";
import type { SyncProvider } from "./sync-provider.js";
import { walletError } from "./wallet-errors.js";

export type TransactionState = "Sent" | "Committed" | "Verified" | "Failed";

/** Default bound of the waits (ms); every await method takes its own. */
export const DEFAULT_AWAIT_TIMEOUT_MS = 300_000;

export class Transaction {
  state: TransactionState = "Sent";
  error: ZkLiteError | undefined;
  #committed: TxReceipt | undefined;
  #verified: TxReceipt | undefined;

  constructor(
    readonly txData: SignedTransaction,
    readonly txHash: string,
    readonly provider: SyncProvider,
  ) {}

  /** The receipt once the transaction is in a block; throws TRANSACTION_FAILED if it was rejected. */
  async awaitReceipt(timeoutMs = DEFAULT_AWAIT_TIMEOUT_MS): Promise<TxReceipt> {
    this.#throwIfFailed();
    if (this.#committed !== undefined) return this.#committed;
    const receipt = this.#check(await this.provider.notifyTransaction(this.txHash, "COMMIT", timeoutMs));
    this.#committed = receipt;
    if (this.state === "Sent") this.state = "Committed";
    return receipt;
  }

  /** The receipt once the transaction's block is executed on L1 (status "executed"). */
  async awaitVerifyReceipt(timeoutMs = DEFAULT_AWAIT_TIMEOUT_MS): Promise<TxReceipt> {
    const started = Date.now();
    await this.awaitReceipt(timeoutMs);
    if (this.#verified !== undefined) return this.#verified;
    const left = Math.max(1, timeoutMs - (Date.now() - started));
    const receipt = this.#check(await this.provider.notifyTransaction(this.txHash, "VERIFY", left));
    this.#verified = receipt;
    this.state = "Verified";
    return receipt;
  }

  #check(receipt: TxReceipt): TxReceipt {
    if (receipt.status !== "rejected") return receipt;
    this.state = "Failed";
    this.error = walletError("TRANSACTION_FAILED", `zkLite transaction ${this.txHash} failed: ${receipt.failCode ?? "?"}: ${receipt.failReason ?? ""}`, receipt);
    throw this.error;
  }

  #throwIfFailed(): void {
    if (this.state === "Failed" && this.error !== undefined) throw this.error;
  }
}

/** Submits one signed transaction; resolves with its handle once the node stored it. */
export async function submitSignedTransaction(signed: SignedTransaction, provider: SyncProvider): Promise<Transaction> {
  const hash = await provider.submitTx(signed.tx, (signed.ethereumSignature ?? null) as never);
  return new Transaction(signed, hash, provider);
}

/** Submits signed transactions as one batch (all or nothing) with the batch's Ethereum signature(s). */
export async function submitSignedTransactionsBatch(
  provider: SyncProvider,
  signedTxs: readonly SignedTransaction[],
  ethSignatures?: Parameters<SyncProvider["submitTxsBatch"]>[1],
): Promise<Transaction[]> {
  const hashes = await provider.submitTxsBatch(
    signedTxs.map((signed) => ({ tx: signed.tx, ...(isSingle(signed.ethereumSignature) ? { signature: signed.ethereumSignature } : {}) })),
    ethSignatures,
  );
  return hashes.map((hash, i) => new Transaction(signedTxs[i] as SignedTransaction, hash, provider));
}

function isSingle(signature: SignedTransaction["ethereumSignature"]): signature is Exclude<SignedTransaction["ethereumSignature"], readonly unknown[] | null | undefined> {
  return signature !== null && signature !== undefined && !Array.isArray(signature);
}
