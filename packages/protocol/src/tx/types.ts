/**
 * Transactions and priority operations in their parsed form: amounts are bigint, addresses and hex are
 * lowercase. `…Json` types are the JSON wire shapes (amounts as decimal strings), `…Input` types the
 * looser zksync.js-style objects the serializers accept (amounts as bigint or decimal string).
 */
import type { Address, PubKeyHash } from "../address.js";
import type { AmountLike } from "../amount.js";

/** zkSync (L2) signature: packed public key (32 bytes) and signature (64 bytes), hex without `0x`. */
export interface TxSignature {
  pubKey: string;
  signature: string;
}

/** Ethereum signature attached to a submission (2FA); `signature` is 65 bytes, `0x` hex. */
export interface TxEthSignature {
  type: "EthereumSignature" | "EIP1271Signature";
  signature: string;
}

export interface TimeRange {
  validFrom: number;
  validUntil: number;
}

export interface Transfer extends TimeRange {
  type: "Transfer";
  accountId: number;
  from: Address;
  to: Address;
  token: number;
  amount: bigint;
  fee: bigint;
  nonce: number;
  signature?: TxSignature;
}

export interface Withdraw extends TimeRange {
  type: "Withdraw";
  accountId: number;
  from: Address;
  /** L1 recipient. */
  to: Address;
  token: number;
  amount: bigint;
  fee: bigint;
  nonce: number;
  signature?: TxSignature;
  /** Requests fast processing (priced as FastWithdraw). */
  fast?: boolean;
}

export interface ChangePubKeyOnchainAuth {
  type: "Onchain";
}
export interface ChangePubKeyECDSAAuth {
  type: "ECDSA";
  ethSignature: string;
  batchHash?: string;
}
export interface ChangePubKeyEIP712Auth {
  type: "EIP712";
  ethSignature: string;
  batchHash?: string;
}
export interface ChangePubKeyCREATE2Auth {
  type: "CREATE2";
  creatorAddress: Address;
  saltArg: string;
  codeHash: string;
}
export type ChangePubKeyEthAuthData =
  | ChangePubKeyOnchainAuth
  | ChangePubKeyECDSAAuth
  | ChangePubKeyEIP712Auth
  | ChangePubKeyCREATE2Auth;

export interface ChangePubKey extends TimeRange {
  type: "ChangePubKey";
  accountId: number;
  account: Address;
  newPkHash: PubKeyHash;
  feeToken: number;
  fee: bigint;
  nonce: number;
  signature?: TxSignature;
  ethAuthData?: ChangePubKeyEthAuthData;
  /** Legacy authorization (`ECDSALegacyMessage`), used only when `ethAuthData` is absent. */
  ethSignature?: string | null;
  /** Needed by the server to check EIP712 authorizations. */
  chainId?: number;
}

export interface ForcedExit extends TimeRange {
  type: "ForcedExit";
  initiatorAccountId: number;
  target: Address;
  token: number;
  fee: bigint;
  nonce: number;
  signature?: TxSignature;
}

export interface MintNFT {
  type: "MintNFT";
  creatorId: number;
  creatorAddress: Address;
  /** 32 bytes, `0x` hex. */
  contentHash: string;
  recipient: Address;
  fee: bigint;
  feeToken: number;
  nonce: number;
  signature?: TxSignature;
}

export interface WithdrawNFT extends TimeRange {
  type: "WithdrawNFT";
  accountId: number;
  from: Address;
  to: Address;
  token: number;
  feeToken: number;
  fee: bigint;
  nonce: number;
  signature?: TxSignature;
  fast?: boolean;
}

export interface Order extends TimeRange {
  accountId: number;
  recipient: Address;
  nonce: number;
  tokenSell: number;
  tokenBuy: number;
  /** [sell, buy] price components in the tokens' smallest units, each < 2^120. */
  ratio: [bigint, bigint];
  /** 0 = limit order (any fill); otherwise the exact fill amount. */
  amount: bigint;
  signature?: TxSignature;
}

export interface Swap {
  type: "Swap";
  submitterId: number;
  submitterAddress: Address;
  nonce: number;
  orders: [Order, Order];
  amounts: [bigint, bigint];
  fee: bigint;
  feeToken: number;
  signature?: TxSignature;
}

/** Every L2 transaction zkLite accepts (Close is disabled in zkSync and not supported). */
export type Tx = Transfer | Withdraw | ChangePubKey | ForcedExit | MintNFT | WithdrawNFT | Swap;
export type TxType = Tx["type"];

/** L1 priority operations (Rust `ZkSyncPriorityOp`; FullExit fields in camelCase). */
export interface Deposit {
  type: "Deposit";
  /** L1 sender. */
  from: Address;
  token: number;
  amount: bigint;
  /** L2 recipient. */
  to: Address;
}

export interface FullExit {
  type: "FullExit";
  accountId: number;
  ethAddress: Address;
  token: number;
}

export type PriorityOp = Deposit | FullExit;

/** The JSON form of a parsed type: every bigint becomes a decimal string. */
export type ToJson<T> = T extends bigint
  ? string
  : T extends readonly unknown[]
    ? { [K in keyof T]: ToJson<T[K]> }
    : T extends object
      ? { [K in keyof T]: ToJson<T[K]> }
      : T;

/** The serializer input form: every bigint may also be a decimal string. */
export type Loose<T> = T extends bigint
  ? AmountLike
  : T extends readonly unknown[]
    ? { [K in keyof T]: Loose<T[K]> }
    : T extends object
      ? { [K in keyof T]: Loose<T[K]> }
      : T;

export type TransferJson = ToJson<Transfer>;
export type WithdrawJson = ToJson<Withdraw>;
export type ChangePubKeyJson = ToJson<ChangePubKey>;
export type ForcedExitJson = ToJson<ForcedExit>;
export type MintNFTJson = ToJson<MintNFT>;
export type WithdrawNFTJson = ToJson<WithdrawNFT>;
export type OrderJson = ToJson<Order>;
export type SwapJson = ToJson<Swap>;
export type TxJson = ToJson<Tx>;
export type DepositJson = ToJson<Deposit>;
export type FullExitJson = ToJson<FullExit>;
export type PriorityOpJson = ToJson<PriorityOp>;

type Unsigned<T> = Omit<T, "type" | "signature">;
export type TransferInput = Loose<Unsigned<Transfer>>;
export type WithdrawInput = Loose<Unsigned<Withdraw>>;
export type ChangePubKeyInput = Loose<Unsigned<ChangePubKey>>;
export type ForcedExitInput = Loose<Unsigned<ForcedExit>>;
export type MintNFTInput = Loose<Unsigned<MintNFT>>;
export type WithdrawNFTInput = Loose<Unsigned<WithdrawNFT>>;
export type OrderInput = Loose<Omit<Order, "signature">>;
export type SwapInput = Loose<Unsigned<Swap>>;
/** Any transaction in serializer input form, discriminated by `type`. */
export type TxInput = Loose<Tx>;
