/**
 * The client of a zkLite node, with zksync.js 0.13's `Provider` names where it has them: typed end to end
 * by the node's router type (`@zklite/api`, imported as a type only), over HTTP (batched queries) and
 * server-sent events (subscriptions, resumed after a reconnect). Works in Node and in browsers.
 */
import type {
  AccountInfo,
  AppRouter,
  BlockInfo,
  BlockTransaction,
  FeeQuote,
  FeeTypeInput,
  NetworkConfig,
  NetworkStatus,
  NftView,
  NodeEvent,
  PriorityOpStatus,
  TokenView,
  TxReceipt,
} from "@zklite/api";
import { createTRPCClient, httpBatchLink, httpLink, httpSubscriptionLink, splitLink, TRPCClientError, type TRPCClient } from "@trpc/client";
import { EventSource as EventSourcePolyfill } from "eventsource";
import { ZkLiteError, toJson, type Tx, type TxEthSignature } from "./protocol/index.js";

/** Which L1 stage `notifyTransaction` / `notifyPriorityOp` wait for (zksync.js names). */
export type NotifyAction = "COMMIT" | "VERIFY";

export interface ProviderOptions {
  /** An EventSource implementation; default: the global one (browsers) or the `eventsource` package (Node). */
  readonly EventSource?: typeof globalThis.EventSource;
  /** Extra headers on every request. */
  readonly headers?: Record<string, string>;
  /** Queries of one tick are batched into one HTTP request (default true). */
  readonly batch?: boolean;
}

type Signed = Tx | Record<string, unknown>;

/** `notify*` re-read the status this often even without events (a missed event costs at most this). */
const SAFETY_POLL_MS = 2_000;

export class Provider {
  private readonly client: TRPCClient<AppRouter>;

  private constructor(readonly url: string, options: ProviderOptions) {
    const base = `${url.replace(/\/+$/, "")}/trpc`;
    const EventSourceImpl = options.EventSource ?? (globalThis.EventSource as typeof globalThis.EventSource | undefined) ?? (EventSourcePolyfill as unknown as typeof globalThis.EventSource);
    const headers = options.headers ?? {};
    this.client = createTRPCClient<AppRouter>({
      links: [
        splitLink({
          condition: (op) => op.type === "subscription",
          true: httpSubscriptionLink({ url: base, EventSource: EventSourceImpl }),
          false: options.batch === false ? httpLink({ url: base, headers }) : httpBatchLink({ url: base, headers }),
        }),
      ],
    });
  }

  /** zksync.js's `Provider.newHttpProvider(url)`: a provider for the node at `url` (e.g. http://127.0.0.1:3030). */
  static newHttpProvider(url: string, options: ProviderOptions = {}): Provider {
    return new Provider(url, options);
  }

  /** The account's committed and verified states and its depositing balances. */
  getState(address: string): Promise<AccountInfo> {
    return call(() => this.client.account.info.query({ address }));
  }

  /** Tokens by symbol, as zksync.js returns them. */
  async getTokens(): Promise<Record<string, TokenView>> {
    const tokens = await call(() => this.client.token.list.query());
    return Object.fromEntries(tokens.map((token) => [token.symbol, token]));
  }

  /** Submits a signed transaction with its Ethereum signature(s); resolves with its hash once the node stored it. */
  submitTx(tx: Signed, signature?: TxEthSignature | readonly TxEthSignature[] | null): Promise<string> {
    return call(() => this.client.transaction.submit.mutate({ tx: wire(tx), signature: signature ?? null }));
  }

  /** Submits a batch (all or nothing); `ethSignatures` sign the batch message. Resolves with the hashes. */
  async submitTxsBatch(transactions: readonly { tx: Signed; signature?: TxEthSignature }[], ethSignatures?: TxEthSignature | readonly TxEthSignature[]): Promise<string[]> {
    const result = await call(() =>
      this.client.transaction.submitBatch.mutate({
        txs: transactions.map((item) => ({ tx: wire(item.tx), signature: item.signature ?? null })),
        signature: ethSignatures ?? null,
      }),
    );
    return result.transactionHashes;
  }

  /** The receipt: queued, committed (in a block), proven, executed, or rejected with its reason; null if unknown. */
  getTxReceipt(hash: string): Promise<TxReceipt | null> {
    return call(() => this.client.transaction.receipt.query({ hash }));
  }

  /** zksync.js's `getTransactionFee(txType, address, tokenLike)`; `address` is the recipient for transfers. */
  async getTransactionFee(txType: FeeTypeInput, address: string, tokenLike: number | string): Promise<FeeQuote & { totalFeeBigInt: bigint }> {
    const quote = await call(() => this.client.fee.tx.query({ txType, address, token: tokenLike }));
    return { ...quote, totalFeeBigInt: BigInt(quote.totalFee) };
  }

  /** zksync.js's `getTransactionsBatchFee(txTypes, addresses, tokenLike)`. */
  async getTransactionsBatchFee(txTypes: readonly FeeTypeInput[], addresses: readonly string[], tokenLike: number | string): Promise<bigint> {
    if (txTypes.length !== addresses.length) throw new ZkLiteError("INVALID_ARGUMENT", "txTypes and addresses must have the same length");
    const quote = await call(() => this.client.fee.batch.query({ transactions: txTypes.map((txType, i) => ({ txType, address: addresses[i] as string })), token: tokenLike }));
    return BigInt(quote.totalFee);
  }

  /** zksync.js's `getContractAddress()`. */
  async getContractAddress(): Promise<{ mainContract: string; govContract: string }> {
    const config = await this.getConfig();
    return { mainContract: config.contracts.zkLite, govContract: config.contracts.governance };
  }

  getConfig(): Promise<NetworkConfig> {
    return call(() => this.client.network.config.query());
  }

  getNetworkStatus(): Promise<NetworkStatus> {
    return call(() => this.client.network.status.query());
  }

  getNFT(tokenId: number): Promise<NftView | null> {
    return call(() => this.client.nft.get.query({ tokenId }));
  }

  getBlock(number: number): Promise<BlockInfo | null> {
    return call(() => this.client.block.get.query({ number }));
  }

  /** The block's operations in execution order, failed transactions included. */
  getBlockTransactions(number: number): Promise<BlockTransaction[]> {
    return call(() => this.client.block.transactions.query({ number }));
  }

  getPriorityOpStatus(serialId: bigint | number | string): Promise<PriorityOpStatus | null> {
    return call(() => this.client.priorityOp.status.query({ serialId: String(serialId) }));
  }

  /**
   * Resolves with the receipt once the transaction is in a block ("COMMIT") or its block is executed on L1
   * ("VERIFY"), or was rejected. Follows the node's events, so nothing is polled.
   */
  async notifyTransaction(hash: string, action: NotifyAction = "COMMIT", timeoutMs = 300_000): Promise<TxReceipt> {
    const done = (receipt: TxReceipt | null): receipt is TxReceipt =>
      receipt !== null && (receipt.status === "rejected" || receipt.status === "executed" || (action === "COMMIT" && receipt.status !== "queued"));
    return this.waitFor(["tx", "block_status"], undefined, () => this.getTxReceipt(hash), done, timeoutMs, `transaction ${hash}`);
  }

  /** Same for an L1 priority operation (a deposit or full exit), by serial id. */
  async notifyPriorityOp(serialId: bigint | number | string, action: NotifyAction = "COMMIT", timeoutMs = 300_000): Promise<PriorityOpStatus> {
    const done = (status: PriorityOpStatus | null): status is PriorityOpStatus =>
      status !== null && (status.status === "executed" || (action === "COMMIT" && status.status !== "depositing" && status.status !== "queued"));
    return this.waitFor(["priority_op", "block_status"], undefined, () => this.getPriorityOpStatus(serialId), done, timeoutMs, `priority operation ${serialId}`);
  }

  /** The node's event stream from `lastEventId` on (every event if absent), resumed after reconnects. */
  subscribe(
    filter: { kinds?: NodeEvent["kind"][]; key?: string; lastEventId?: string },
    onEvent: (event: NodeEvent) => void,
    onError?: (error: unknown) => void,
    onStarted?: () => void,
  ): { unsubscribe(): void } {
    return this.client.events.subscribe.subscribe(filter, {
      onData: (tracked) => onEvent(tracked.data),
      onError: (error) => onError?.(toZkLiteError(error)),
      onStarted: () => onStarted?.(),
    });
  }

  /** Resolves once `read` gives a value `done` accepts; NODE_UNREACHABLE reads are retried until `timeoutMs`. */
  private waitFor<T>(kinds: NodeEvent["kind"][], key: string | undefined, read: () => Promise<T | null>, done: (value: T | null) => value is T, timeoutMs: number, what: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      let unreachable: ZkLiteError | undefined;
      // events wake the check; a slow poll covers the moment before the subscription is live, and reconnects
      const poll = setInterval(() => check(), SAFETY_POLL_MS);
      const timer = setTimeout(() => {
        const lastError = unreachable === undefined ? "" : ` (the node was last unreachable: ${unreachable.message})`;
        finish(new ZkLiteError("TIMEOUT", `${what} did not reach the awaited state within ${timeoutMs} ms${lastError}`));
      }, timeoutMs);
      function finish(error: unknown, value?: T): void {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        clearInterval(poll);
        subscription.unsubscribe();
        if (error === undefined) resolve(value as T);
        else reject(error);
      }
      function check(): void {
        read().then(
          (value) => {
            unreachable = undefined;
            if (done(value)) finish(undefined, value);
          },
          (error: unknown) => {
            // a node restarting (or a network blip) is waited out until the timeout; other errors end the wait
            if (error instanceof ZkLiteError && error.code === "NODE_UNREACHABLE") unreachable = error;
            else finish(error);
          },
        );
      }
      // finish() runs only from timers and resolved reads, after this line
      const subscription = this.subscribe({ kinds, ...(key === undefined ? {} : { key }) }, check, () => undefined, check);
      check(); // it may be done already
    });
  }
}

/** zksync.js's `getDefaultProvider`-style entry: a provider for the node at `url`. */
export function getDefaultProvider(url: string, options: ProviderOptions = {}): Provider {
  return Provider.newHttpProvider(url, options);
}

function wire(tx: Signed): unknown {
  return typeof (tx as { type?: unknown }).type === "string" && hasBigInt(tx) ? toJson(tx as Tx) : tx;
}

function hasBigInt(value: unknown): boolean {
  if (typeof value === "bigint") return true;
  if (typeof value !== "object" || value === null) return false;
  return Object.values(value).some(hasBigInt);
}

async function call<T>(request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    throw toZkLiteError(error);
  }
}

/** A node error as `ZkLiteError`, with the node's stable code (`NONCE_TOO_LOW`, …) or `NODE_UNREACHABLE`. */
function toZkLiteError(error: unknown): ZkLiteError {
  if (error instanceof TRPCClientError) {
    const data = error.data as { zkLiteCode?: string | null; code?: string } | undefined;
    const code = data?.zkLiteCode ?? (data?.code === undefined ? "NODE_UNREACHABLE" : `NODE_${data.code}`);
    return new ZkLiteError(code, error.message, { cause: error });
  }
  if (error instanceof ZkLiteError) return error;
  return new ZkLiteError("NODE_UNREACHABLE", String(error), { cause: error });
}
