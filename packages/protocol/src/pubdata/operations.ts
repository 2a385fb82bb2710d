/**
 * Rollup operations as they appear in block pubdata (§4.2): one per executed transaction or priority
 * operation, plus Noop padding. Close is disabled in zkSync and not represented.
 */
import type { Address, PubKeyHash } from "../address.js";
import { OP_CHUNKS, OP_CODE } from "../constants.js";
import { describeValue, protocolError } from "../errors.js";

export interface NoopOp {
  type: "Noop";
}

export interface DepositOp {
  type: "Deposit";
  accountId: number;
  token: number;
  amount: bigint;
  to: Address;
}

/** A Transfer to an address without an account; the account is created with id `toId`. */
export interface TransferToNewOp {
  type: "TransferToNew";
  fromId: number;
  token: number;
  /** Packable. */
  amount: bigint;
  to: Address;
  toId: number;
  /** Packable as a fee. */
  fee: bigint;
}

export interface WithdrawOp {
  type: "Withdraw";
  accountId: number;
  token: number;
  amount: bigint;
  fee: bigint;
  to: Address;
}

export interface TransferOp {
  type: "Transfer";
  fromId: number;
  token: number;
  toId: number;
  amount: bigint;
  fee: bigint;
}

/** `amount` is what was withdrawn (0 if the owner did not match); NFT fields are zero for fungible tokens. */
export interface FullExitOp {
  type: "FullExit";
  accountId: number;
  owner: Address;
  token: number;
  amount: bigint;
  nftCreatorId: number;
  nftCreatorAddress: Address;
  nftSerialId: number;
  nftContentHash: string;
}

export interface ChangePubKeyOp {
  type: "ChangePubKey";
  accountId: number;
  newPkHash: PubKeyHash;
  account: Address;
  nonce: number;
  feeToken: number;
  fee: bigint;
}

export interface ForcedExitOp {
  type: "ForcedExit";
  initiatorId: number;
  targetId: number;
  token: number;
  /** The whole balance withdrawn. */
  amount: bigint;
  fee: bigint;
  target: Address;
}

export interface MintNFTOp {
  type: "MintNFT";
  creatorId: number;
  recipientId: number;
  contentHash: string;
  feeToken: number;
  fee: bigint;
}

export interface WithdrawNFTOp {
  type: "WithdrawNFT";
  accountId: number;
  creatorId: number;
  creatorAddress: Address;
  serialId: number;
  contentHash: string;
  to: Address;
  token: number;
  feeToken: number;
  fee: bigint;
}

/** A: maker of the first order, B: of the second. `tokenA` is what A sells; `recipientA` receives what B sells. */
export interface SwapOp {
  type: "Swap";
  accountA: number;
  recipientA: number;
  accountB: number;
  recipientB: number;
  submitterId: number;
  tokenA: number;
  tokenB: number;
  feeToken: number;
  amountA: bigint;
  amountB: bigint;
  fee: bigint;
  /** bit 0: A's nonce incremented, bit 1: B's. */
  nonceMask: number;
}

export type Operation =
  | NoopOp
  | DepositOp
  | TransferToNewOp
  | WithdrawOp
  | TransferOp
  | FullExitOp
  | ChangePubKeyOp
  | ForcedExitOp
  | MintNFTOp
  | WithdrawNFTOp
  | SwapOp;

export type OperationType = Operation["type"];

const OPERATION_TYPES: readonly OperationType[] = [
  "Noop",
  "Deposit",
  "TransferToNew",
  "Withdraw",
  "Transfer",
  "FullExit",
  "ChangePubKey",
  "ForcedExit",
  "MintNFT",
  "WithdrawNFT",
  "Swap",
];

const ONCHAIN: ReadonlySet<string> = new Set<OperationType>(["Deposit", "Withdraw", "FullExit", "ChangePubKey", "ForcedExit", "WithdrawNFT"]);
const PRIORITY: ReadonlySet<string> = new Set<OperationType>(["Deposit", "FullExit"]);
const PROCESSABLE: ReadonlySet<string> = new Set<OperationType>(["Withdraw", "ForcedExit", "FullExit", "WithdrawNFT"]);
const BY_OP_CODE = new Map<number, OperationType>(OPERATION_TYPES.map((type) => [OP_CODE[type], type]));

export function isOperationType(value: unknown): value is OperationType {
  return typeof value === "string" && (OPERATION_TYPES as readonly string[]).includes(value);
}

/** Chunks the operation occupies; throws `INVALID_OPERATION` for an unknown type. */
export function operationChunks(type: OperationType): number {
  if (!isOperationType(type)) throw protocolError("INVALID_OPERATION", `unknown operation type ${describeValue(type)}`);
  return OP_CHUNKS[type];
}

/** The operation type of a pubdata op code, or undefined (unknown codes and the disabled Close). */
export function operationTypeOfOpCode(opCode: number): OperationType | undefined {
  return BY_OP_CODE.get(opCode);
}

/** Needs L1 processing in `commitBlocks` (has an entry in `onchainOperations`). */
export function isOnchainOperation(type: OperationType): boolean {
  return ONCHAIN.has(type);
}

/** Comes from the L1 priority queue. */
export function isPriorityOperation(type: OperationType): boolean {
  return PRIORITY.has(type);
}

/** Creates L1 pending balances when the block is executed (folded into `pendingOnchainOperationsHash`). */
export function isProcessableOperation(type: OperationType): boolean {
  return PROCESSABLE.has(type);
}
