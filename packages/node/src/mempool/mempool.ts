import { getBatchHash, getTxHash, MIN_NFT_TOKEN_ID, OP_CHUNKS, parseTx, parseTxEthSignature, ZkLiteError, type Tx, type TxEthSignature } from "@zklite/protocol";
import { rescueHashOrders } from "@zklite/crypto-wasm";
import type { TokenRegistry } from "../tokens/token-registry.js";
import type { AdmissionState } from "./admission-state.js";
import { AccountQueues } from "./account-queues.js";
import { mempoolError } from "./errors.js";
import { EthSignatureChecker } from "./eth-signatures.js";
import type { FeePolicy } from "./fee-policy.js";
import { IngestQueue } from "./ingest-queue.js";
import { entrySenders, type MempoolEntry, type QueuedTx } from "./mempool-entry.js";
import type { MempoolStore } from "./mempool-store.js";
import { SignatureVerifier, type SignedItems } from "./signature-verifier.js";
import { feeOf, tokensOf, txSender } from "./tx-sender.js";

export interface MempoolLimits {
  readonly maxBatchSize: number;
  readonly maxBatchSigners: number;
  readonly maxBlockChunks: number;
  readonly maxPendingPerAccount: number;
  readonly futureNonceTtlMs: number;
  readonly flushDelayMs: number;
}

export interface MempoolDependencies {
  readonly store: MempoolStore;
  readonly state: AdmissionState;
  readonly tokens: TokenRegistry;
  readonly fees: FeePolicy;
  readonly limits: MempoolLimits;
  /** zkSync signer PubKeyHash of each admitted tx and order object, for the executor (state-keeper/prechecked-signatures.ts). */
  readonly rememberSigner: (message: object, pubKeyHash: string) => void;
  readonly onPersisted?: (transactions: number, ms: number) => void;
}

export interface BatchSubmission {
  readonly tx: unknown;
  readonly signature?: unknown;
}

/**
 * The mempool: admission (PROTOCOL.md §8.3 — schema, tokens, fees, zk and Ethereum signatures, nonces,
 * batch limits, ForcedExit eligibility), durable persistence before the hash is returned (group commit),
 * and per-account nonce-ordered queues for the state keeper. Every refusal is a `ZkLiteError` with a
 * stable code; a refused submission changes nothing.
 */
export class Mempool {
  private readonly queues = new AccountQueues();
  private readonly ingest: IngestQueue;
  private readonly signatures = new SignatureVerifier();
  private readonly ethSignatures: EthSignatureChecker;
  /** (sender, nonce) pairs of submissions between their checks and their persistence. */
  private readonly reserved = new Set<string>();
  private readonly reservedHashes = new Set<string>();
  private nextSeq = 0;
  private closedReason: string | undefined;

  constructor(private readonly deps: MempoolDependencies) {
    this.ingest = new IngestQueue(deps.store, deps.limits.flushDelayMs, deps.onPersisted);
    this.ethSignatures = new EthSignatureChecker(deps.tokens);
  }

  /** Reloads what was persisted (after a restart); signatures are checked again as entries run. */
  async load(): Promise<void> {
    for (const entry of await this.deps.store.loadAll()) {
      this.queues.add(entry);
      this.nextSeq = Math.max(this.nextSeq, entry.seq + 1);
    }
  }

  get size(): number {
    return this.queues.transactionCount;
  }

  /** Refuses every later submission with EXODUS_MODE (what is queued stays stored). */
  closeForExodus(reason: string): void {
    this.closedReason = reason;
  }

  private requireOpen(): void {
    if (this.closedReason !== undefined) throw mempoolError("EXODUS_MODE", this.closedReason);
  }

  has(hash: string): boolean {
    return this.queues.hasHash(hash);
  }

  /** Admits one transaction; resolves with its hash once it is persisted. */
  async submitTx(rawTx: unknown, rawEthSignature?: unknown): Promise<string> {
    this.requireOpen();
    const tx = parseTransaction(rawTx);
    const ethSignatures = parseEthSignatures(rawEthSignature);
    const queued = this.checkStatic(tx);
    const [signed] = await this.signatures.verify([tx]);
    this.checkSigners(tx, signed as SignedItems, false);
    const sender = this.requireSender(tx);
    this.ethSignatures.checkTx(tx, sender, ethSignatures);
    await this.deps.fees.requireSufficientFee([tx], (candidate) => this.isNewRecipient(candidate));
    const entry = this.newEntry([{ ...queued, ethSignatures }], undefined);
    await this.persist(entry);
    return queued.hash;
  }

  /** Admits a batch (all or nothing, in one block); resolves with its transactions' hashes. */
  async submitBatch(rawTxs: readonly BatchSubmission[], rawEthSignatures?: unknown): Promise<{ transactionHashes: string[]; batchHash: string }> {
    this.requireOpen();
    const { maxBatchSize, maxBatchSigners, maxBlockChunks } = this.deps.limits;
    if (!Array.isArray(rawTxs) || rawTxs.length === 0) throw mempoolError("BATCH_EMPTY", "a batch needs at least one transaction");
    if (rawTxs.length > maxBatchSize) throw mempoolError("BATCH_TOO_LARGE", `a batch holds at most ${maxBatchSize} transactions, got ${rawTxs.length}`);
    const txs = rawTxs.map((item, index) => {
      try {
        return parseTransaction(typeof item === "object" && item !== null && "tx" in item ? item.tx : item);
      } catch (error) {
        throw prefix(error, `batch transaction ${index}`);
      }
    });
    const ethSignatures = parseEthSignatures(rawEthSignatures);
    const queued = txs.map((tx, index) => {
      try {
        return this.checkStatic(tx, txs.slice(0, index));
      } catch (error) {
        throw prefix(error, `batch transaction ${index}`);
      }
    });
    const senders = new Set(queued.map((item) => item.sender));
    if (senders.size > maxBatchSigners) throw mempoolError("BATCH_TOO_MANY_SIGNERS", `a batch may have at most ${maxBatchSigners} senders, got ${senders.size}`);
    const chunks = txs.reduce((sum, tx) => sum + chunksOf(tx, this.isNewRecipient(tx)), 0);
    if (chunks > maxBlockChunks) throw mempoolError("BATCH_TOO_BIG_FOR_BLOCK", `the batch needs ${chunks} chunks; the largest block has ${maxBlockChunks}`);
    const hashes = new Set<string>();
    for (const item of queued) {
      if (hashes.has(item.hash)) throw mempoolError("DUPLICATE_TRANSACTION", `transaction ${item.hash} appears twice in the batch`);
      hashes.add(item.hash);
    }
    const verdicts = await this.signatures.verify(txs);
    txs.forEach((tx, index) => {
      try {
        this.checkSigners(tx, verdicts[index] as SignedItems, true, txs.slice(0, index));
      } catch (error) {
        throw prefix(error, `batch transaction ${index}`);
      }
    });
    this.ethSignatures.checkBatch(queued.map(({ tx, sender }) => ({ tx, sender })), ethSignatures);
    await this.deps.fees.requireSufficientFee(txs, (candidate) => this.isNewRecipient(candidate));
    const batchHash = getBatchHash(queued.map((item) => item.hash));
    const entry = this.newEntry(queued.map((item) => ({ ...item, ethSignatures: [] })), { hash: batchHash, ethSignatures });
    await this.persist(entry);
    return { transactionHashes: queued.map((item) => item.hash), batchHash };
  }

  /** Entries the state keeper may run now (see AccountQueues.ready). */
  ready(limit: number): MempoolEntry[] {
    return this.queues.ready((sender) => this.nonceOf(sender), limit);
  }

  /** Entries to drop with a failed receipt: their nonce was used, or their gap outlived the TTL. */
  stale(now: number): MempoolEntry[] {
    return this.queues.stale((sender) => this.nonceOf(sender), now, this.deps.limits.futureNonceTtlMs);
  }

  /** Forgets entries the state keeper executed or dropped (their rows go in the same mini-block write). */
  remove(entries: readonly MempoolEntry[]): void {
    for (const entry of entries) this.queues.remove(entry);
  }

  private nonceOf(sender: string): number {
    return this.deps.state.accountByAddress(sender)?.nonce ?? 0;
  }

  /** Schema-level, token, account and nonce checks that need no signature. */
  private checkStatic(tx: Tx, earlierInBatch: readonly Tx[] = []): Omit<QueuedTx, "ethSignatures"> {
    const { state, tokens } = this.deps;
    for (const token of tokensOf(tx)) {
      if (token >= MIN_NFT_TOKEN_ID ? state.nft(token) === undefined : tokens.get(token) === undefined) {
        throw mempoolError("UNKNOWN_TOKEN", `token ${token} is not known`);
      }
    }
    const fee = feeOf(tx);
    if (fee.amount !== 0n && tokens.get(fee.token)?.allowedForFees !== true) {
      throw mempoolError("FEE_TOKEN_NOT_ALLOWED", `fees cannot be paid in token ${fee.token}`);
    }
    const sender = this.requireSender(tx);
    const account = state.accountByAddress(sender);
    if (account === undefined) throw mempoolError("ACCOUNT_NOT_FOUND", `${sender} has no account`);
    if (tx.nonce < account.nonce) throw mempoolError("NONCE_TOO_LOW", `nonce ${tx.nonce} is below the account's nonce ${account.nonce}`);
    const key = `${sender}:${tx.nonce}`;
    const inBatch = earlierInBatch.some((other) => other.nonce === tx.nonce && this.requireSender(other) === sender);
    if (inBatch || this.queues.hasNonce(sender, tx.nonce) || this.reserved.has(key)) {
      throw mempoolError("NONCE_ALREADY_QUEUED", `${sender} already has a transaction with nonce ${tx.nonce} waiting`);
    }
    if (this.queues.pendingCount(sender) >= this.deps.limits.maxPendingPerAccount) {
      throw mempoolError("TOO_MANY_PENDING", `${sender} already has ${this.deps.limits.maxPendingPerAccount} transactions waiting`);
    }
    if (tx.type === "ForcedExit") this.checkForcedExit(tx);
    const hash = getTxHash(tx, rescueHashOrders);
    if (this.queues.hasHash(hash) || this.reservedHashes.has(hash)) throw mempoolError("DUPLICATE_TRANSACTION", `transaction ${hash} is already in the mempool`);
    return { hash, tx, sender, nonce: tx.nonce };
  }

  private checkForcedExit(tx: Extract<Tx, { type: "ForcedExit" }>): void {
    const target = this.deps.state.accountByAddress(tx.target);
    if (target === undefined) throw mempoolError("FORCED_EXIT_NOT_ALLOWED", `the target ${tx.target} has no account`);
    if (target.id === this.deps.state.nftStorageAccountId) throw mempoolError("FORCED_EXIT_NOT_ALLOWED", "the NFT storage account cannot be forced to exit");
    if (!/^sync:0{40}$/.test(target.pubKeyHash)) throw mempoolError("FORCED_EXIT_NOT_ALLOWED", `the target ${tx.target} has a signing key set; only accounts without one can be forced to exit`);
  }

  /**
   * The zk signature must verify; its signer must be the account's current key, or, for a ChangePubKey,
   * the new key. Inside a batch, an earlier ChangePubKey of the same account may set the key first.
   */
  private checkSigners(tx: Tx, signed: SignedItems, inBatch: boolean, earlierInBatch: readonly Tx[] = []): void {
    if (signed.tx === undefined) throw mempoolError("INVALID_SIGNATURE", `the zkSync signature of the ${tx.type} does not verify`);
    const sender = this.requireSender(tx);
    this.deps.rememberSigner(tx, signed.tx);
    if (tx.type === "ChangePubKey") {
      if (signed.tx !== tx.newPkHash.toLowerCase()) throw mempoolError("WRONG_SIGNER", "a ChangePubKey must be signed by the new key");
    } else {
      const keyChangedEarlier = earlierInBatch.find((other) => other.type === "ChangePubKey" && other.account.toLowerCase() === sender);
      const expected = keyChangedEarlier?.type === "ChangePubKey" ? keyChangedEarlier.newPkHash.toLowerCase() : this.deps.state.accountByAddress(sender)?.pubKeyHash;
      const pendingKeyChange = !inBatch && this.queues.hasKeyChange(sender);
      if (signed.tx !== expected && !pendingKeyChange) {
        if (expected === undefined || /^sync:0{40}$/.test(expected)) throw mempoolError("ACCOUNT_LOCKED", `${sender} has no signing key yet: set one with a ChangePubKey first`);
        throw mempoolError("WRONG_SIGNER", `the ${tx.type} is signed by ${signed.tx}, not by the account's key ${expected}`);
      }
    }
    if (tx.type === "Swap") {
      tx.orders.forEach((order, index) => {
        const signer = signed.orders[index];
        if (signer === undefined) throw mempoolError("INVALID_SIGNATURE", `the zkSync signature of order ${index} does not verify`);
        this.deps.rememberSigner(order, signer);
        const maker = this.deps.state.account(order.accountId);
        if (maker === undefined) throw mempoolError("ACCOUNT_NOT_FOUND", `the maker of order ${index} (account ${order.accountId}) does not exist`);
        if (maker.pubKeyHash !== signer) throw mempoolError("WRONG_SIGNER", `order ${index} is not signed by its maker's key`);
      });
    }
  }

  private requireSender(tx: Tx): string {
    const sender = txSender(tx);
    if ("address" in sender) return sender.address;
    const account = this.deps.state.account(sender.accountId);
    if (account === undefined) throw mempoolError("ACCOUNT_NOT_FOUND", `account ${sender.accountId} does not exist`);
    return account.address;
  }

  private isNewRecipient(tx: Tx): boolean {
    return tx.type === "Transfer" && this.deps.state.accountByAddress(tx.to) === undefined;
  }

  private newEntry(txs: QueuedTx[], batch: MempoolEntry["batch"]): MempoolEntry {
    return { seq: this.nextSeq++, txs, batch, senders: entrySenders(txs), receivedAt: Date.now() };
  }

  private async persist(entry: MempoolEntry): Promise<void> {
    const keys = entry.txs.map((queued) => `${queued.sender}:${queued.nonce}`);
    // The checks ran before the asynchronous signature step: re-check what a concurrent submission may have taken.
    for (const [index, queued] of entry.txs.entries()) {
      if (this.reserved.has(keys[index] as string) || this.queues.hasNonce(queued.sender, queued.nonce)) {
        throw mempoolError("NONCE_ALREADY_QUEUED", `${queued.sender} already has a transaction with nonce ${queued.nonce} waiting`);
      }
      if (this.reservedHashes.has(queued.hash) || this.queues.hasHash(queued.hash)) throw mempoolError("DUPLICATE_TRANSACTION", `transaction ${queued.hash} is already in the mempool`);
    }
    for (const key of keys) this.reserved.add(key);
    for (const queued of entry.txs) this.reservedHashes.add(queued.hash);
    try {
      let alreadyExecuted: boolean;
      try {
        alreadyExecuted = await this.ingest.persist(entry);
      } catch (error) {
        throw mempoolError("MEMPOOL_UNAVAILABLE", "the transaction could not be stored; it was not accepted", error);
      }
      if (alreadyExecuted) throw mempoolError("ALREADY_EXECUTED", "this transaction was already executed (or failed) in a block");
      this.queues.add(entry);
    } finally {
      for (const key of keys) this.reserved.delete(key);
      for (const queued of entry.txs) this.reservedHashes.delete(queued.hash);
    }
  }
}

function parseTransaction(raw: unknown): Tx {
  try {
    return parseTx(raw);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw mempoolError("INVALID_TRANSACTION", `not a valid transaction: ${message}`, error);
  }
}

/** `null`/absent, one signature, or a list (a Swap's order signatures follow the submitter's). */
function parseEthSignatures(raw: unknown): TxEthSignature[] {
  if (raw === undefined || raw === null) return [];
  const list = Array.isArray(raw) ? raw : [raw];
  return list.map((item, index) => {
    try {
      return parseTxEthSignature(item);
    } catch (error) {
      throw mempoolError("INVALID_ETH_SIGNATURE", `Ethereum signature ${index} is malformed`, error);
    }
  });
}

function chunksOf(tx: Tx, recipientIsNew: boolean): number {
  if (tx.type === "Transfer") return recipientIsNew ? OP_CHUNKS.TransferToNew : OP_CHUNKS.Transfer;
  return OP_CHUNKS[tx.type];
}

function prefix(error: unknown, where: string): unknown {
  if (error instanceof ZkLiteError) return new ZkLiteError(error.code, `${where}: ${error.message}`, { cause: error });
  return error;
}
