import type { AccountHistoryInput, EventsInput, FeeTypeInput } from "./inputs.js";
import type {
  AccountInfo,
  BlockInfo,
  BlockTransaction,
  FeeQuote,
  NetworkConfig,
  NetworkStatus,
  NftView,
  NodeEvent,
  Page,
  PriorityOpStatus,
  TokenView,
  TxReceipt,
} from "./types.js";

/**
 * What the router needs from a node. The node implements it over its mempool, state keeper and storage;
 * every method throws `ZkLiteError` (stable `code`) for bad input, which reaches the client as a typed
 * tRPC error.
 */
export interface NodeServices {
  account(address: string): Promise<AccountInfo>;
  accountHistory(query: AccountHistoryInput): Promise<Page<BlockTransaction>>;

  submitTx(tx: unknown, signature: unknown): Promise<string>;
  submitBatch(txs: readonly { tx: unknown; signature?: unknown }[], signature: unknown): Promise<{ transactionHashes: string[]; batchHash: string }>;
  txReceipt(hash: string): Promise<TxReceipt | null>;
  txData(hash: string): Promise<BlockTransaction | null>;

  block(number: number): Promise<BlockInfo | null>;
  blocks(query: { limit: number; before?: number | undefined }): Promise<Page<BlockInfo>>;
  blockTransactions(number: number): Promise<BlockTransaction[]>;

  tokens(): Promise<TokenView[]>;
  token(tokenLike: number | string): Promise<TokenView | null>;
  txFee(txType: FeeTypeInput, address: string, token: number | string): Promise<FeeQuote>;
  batchFee(transactions: readonly { txType: FeeTypeInput; address: string }[], token: number | string): Promise<{ totalFee: string }>;

  status(): Promise<NetworkStatus>;
  config(): Promise<NetworkConfig>;
  nft(tokenId: number): Promise<NftView | null>;
  nftOwner(tokenId: number): Promise<number | null>;
  priorityOp(serialId: bigint): Promise<PriorityOpStatus | null>;

  /** Events after `lastEventId` (all of them if absent) matching the filter, then live ones until `signal` aborts. */
  events(filter: EventsInput, signal: AbortSignal | undefined): AsyncIterable<NodeEvent>;
}
