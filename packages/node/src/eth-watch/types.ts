/**
 * What eth-watch reads from L1 and hands to its store: priority operations (Deposit, FullExit) with their L1
 * position, listed tokens and NFT factories registered by creators (PROTOCOL.md §6.3–§6.4).
 */
import type { PriorityOp } from "@zklite/protocol";

/** A processed L1 block: eth-watch resumes after it and checks on every poll that its hash is still canonical. */
export interface L1Cursor {
  readonly blockNumber: number;
  /** 0x-prefixed 32-byte block hash. */
  readonly blockHash: string;
}

/** One `NewPriorityRequest` event of the rollup, decoded. */
export interface PriorityOpEvent {
  /** The rollup's priority-queue serial id: 0, 1, 2, … with no gaps. */
  readonly serialId: bigint;
  /** Decoded from the event's pubdata; `Deposit.from` is the L1 sender of the event. */
  readonly op: PriorityOp;
  readonly l1TxHash: string;
  readonly l1BlockNumber: number;
  readonly l1BlockHash: string;
  /** Position of the log in its L1 block. */
  readonly logIndex: number;
  /** L1 block after which the request expires (the contract's `expirationBlock`; exodus is possible after it). */
  readonly expirationBlock: number;
}

/** A priority op at least `confirmations` blocks deep: the store appends it, in serial-id order, exactly once. */
export type ConfirmedPriorityOp = PriorityOpEvent;

/** A priority op above the confirmation depth ("depositing" in the API); may still be reorged away. */
export type UnconfirmedPriorityOp = PriorityOpEvent;

/** Governance `NewToken(token, tokenId)`: an ERC-20 listed under `tokenId` (ETH is 0 and never listed). */
export interface ListedToken {
  readonly tokenId: number;
  /** Lowercase 0x address of the ERC-20 contract. */
  readonly address: string;
  readonly l1BlockNumber: number;
  readonly l1TxHash: string;
  readonly logIndex: number;
}

/** Governance `NFTFactoryRegisteredCreator`: NFTs of this creator are minted on L1 by `factoryAddress`. */
export interface RegisteredFactory {
  readonly creatorAccountId: number;
  /** Lowercase 0x address. */
  readonly creatorAddress: string;
  /** Lowercase 0x address. */
  readonly factoryAddress: string;
  readonly l1BlockNumber: number;
  readonly l1TxHash: string;
  readonly logIndex: number;
}

/**
 * The rollup's `FactAuth(sender, nonce, fact)` (an on-chain ChangePubKey authorization set) or
 * `FactAuthResetRequested(sender, nonce, availableAt)` (its owner started replacing it).
 */
export type AuthFactEvent = ({ readonly kind: "fact"; readonly pubKeyHash: string } | { readonly kind: "reset" }) & {
  /** Lowercase 0x address of the account owner. */
  readonly owner: string;
  readonly nonce: number;
  readonly l1BlockNumber: number;
  readonly l1TxHash: string;
  readonly logIndex: number;
};

/** What one confirmed window of L1 blocks adds, saved atomically together with the new cursor. */
export interface ConfirmedBatch {
  /** Contiguous serial ids starting at the store's `nextSerialId()` (possibly empty). */
  readonly priorityOps: readonly ConfirmedPriorityOp[];
  readonly tokens: readonly ListedToken[];
  readonly nftFactories: readonly RegisteredFactory[];
  /** In L1 order. */
  readonly authFacts: readonly AuthFactEvent[];
  /** The last block of the window. */
  readonly cursor: L1Cursor;
}
