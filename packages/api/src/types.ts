/**
 * What the node's procedures return, in wire form: amounts and 64-bit ids are decimal strings, hashes and
 * roots 0x-hex, addresses lowercase. The names follow zkSync Lite's API where it has one (PROTOCOL.md §8).
 */

/** A JSON value (transactions and events travel in zkSync's JSON shapes). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface NftView {
  readonly id: number;
  readonly contentHash: string;
  readonly creatorId: number;
  readonly creatorAddress: string;
  readonly serialId: number;
  readonly address: string;
}

/** One state of an account: balances by token id (fungible ids < 65536), NFTs held and NFTs minted. */
export interface AccountState {
  readonly nonce: number;
  readonly pubKeyHash: string;
  readonly balances: Readonly<Record<string, string>>;
  readonly nfts: Readonly<Record<string, NftView>>;
  readonly mintedNfts: Readonly<Record<string, NftView>>;
}

/** A deposit seen on L1 that is not confirmed, or confirmed but not yet executed. */
export interface DepositingBalance {
  readonly serialId: string;
  readonly tokenId: number;
  readonly amount: string;
  readonly l1TxHash: string;
  readonly l1BlockNumber: number;
  readonly confirmed: boolean;
}

export interface AccountInfo {
  readonly address: string;
  /** null while the address has no account (a deposit or transfer creates it). */
  readonly id: number | null;
  /** After every operation the node has executed (sealed and pending blocks). */
  readonly committed: AccountState;
  /** As of the last block executed on L1. */
  readonly verified: AccountState;
  readonly depositing: readonly DepositingBalance[];
}

export type TxStatus = "queued" | "committed" | "proven" | "executed" | "rejected";

/** Where a block stands: in the state keeper, stored, or committed / proven / executed on L1. */
export type BlockStatus = "pending" | "sealed" | "committed" | "proven" | "executed";

export interface L1Status {
  readonly commitTxHash: string | null;
  readonly committedAt: string | null;
  readonly proveTxHash: string | null;
  readonly provenAt: string | null;
  readonly executeTxHash: string | null;
  readonly executedAt: string | null;
}

export interface TxReceipt {
  readonly hash: string;
  /**
   * queued: in the mempool; committed: executed in a block (pending or sealed); proven / executed: that
   * block's status on L1; rejected: it failed, with `failCode` and `failReason`.
   */
  readonly status: TxStatus;
  readonly blockNumber: number | null;
  readonly blockIndex: number | null;
  readonly failCode: string | null;
  readonly failReason: string | null;
  readonly batchHash: string | null;
  readonly blockStatus: BlockStatus | null;
}

export interface BlockInfo extends L1Status {
  readonly number: number;
  readonly status: BlockStatus;
  readonly timestamp: number;
  readonly feeAccountId: number;
  readonly oldStateRoot: string | null;
  readonly newStateRoot: string | null;
  readonly commitment: string | null;
  readonly blockChunks: number | null;
  readonly chunksUsed: number | null;
  readonly operationCount: number;
  readonly createdAt: string;
}

/** An operation of a block, in execution order: a transaction (hash) or a priority operation (serial id). */
export interface BlockTransaction {
  readonly hash: string | null;
  readonly serialId: string | null;
  readonly blockNumber: number;
  readonly blockIndex: number | null;
  readonly txType: string;
  readonly opType: string | null;
  /** The transaction or priority operation in zkSync's JSON shape. */
  readonly tx: JsonValue;
  readonly success: boolean;
  readonly failCode: string | null;
  readonly failReason: string | null;
  readonly batchHash: string | null;
  readonly createdAt: string;
}

export interface TokenView {
  readonly id: number;
  readonly address: string;
  readonly symbol: string;
  readonly decimals: number;
  readonly allowedForFees: boolean;
}

/** zkSync's fee answer (`get_tx_fee`); amounts in the fee token's smallest unit. */
export interface FeeQuote {
  readonly feeType: string;
  readonly gasTxAmount: string;
  readonly gasPriceWei: string;
  readonly gasFee: string;
  readonly zkpFee: string;
  readonly totalFee: string;
}

export interface NetworkStatus {
  readonly lastSealedBlock: number;
  readonly lastCommittedBlock: number;
  readonly lastProvenBlock: number;
  readonly lastExecutedBlock: number;
  readonly pendingBlock: number | null;
  readonly mempoolSize: number;
  readonly totalTransactions: number;
  readonly accounts: number;
  readonly nextPriorityOpSerial: string;
  /** The rollup is in exodus mode on L1: no block is produced any more; users leave with exit proofs. */
  readonly exodusMode: boolean;
}

export interface NetworkConfig {
  readonly chainId: number;
  readonly contracts: { readonly zkLite: string; readonly governance: string };
  readonly depositConfirmations: number;
  readonly blockChunkSizes: readonly number[];
  readonly accountTreeDepth: number;
  readonly balanceTreeDepth: number;
}

export type PriorityOpState = "depositing" | "queued" | "committed" | "proven" | "executed";

export interface PriorityOpStatus {
  readonly serialId: string;
  readonly status: PriorityOpState;
  readonly opType: string;
  readonly op: JsonValue;
  readonly l1TxHash: string;
  readonly l1BlockNumber: number;
  readonly blockNumber: number | null;
}

export type NodeEventKind = "block" | "block_status" | "tx" | "account" | "priority_op";

/** One entry of the node's event log; `id` is the position to resume from after a reconnect. */
export interface NodeEvent {
  readonly id: string;
  readonly kind: NodeEventKind;
  readonly key: string;
  readonly payload: JsonValue;
  readonly createdAt: string;
}

export interface Page<T> {
  readonly items: readonly T[];
  /** Pass as `before` to get the next (older) page; null at the end. */
  readonly next: string | null;
}
