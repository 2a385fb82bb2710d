/**
 * The error codes the Wallet, its handles and its batch builder throw (always inside a `ZkLiteError`), beside the
 * protocol's codes (bad amounts, addresses, …) and the node's (`NONCE_MISMATCH`, … passed through by the Provider).
 */
import { ZkLiteError } from "@zklite/protocol";

export type WalletErrorCode =
  /** An argument has the wrong type or shape (with the field named in the message). */
  | "INVALID_ARGUMENT"
  /** The token is neither a listed symbol, id nor address. */
  | "UNKNOWN_TOKEN"
  /** The L2 operation needs the account's zkSync key, and the wallet has none (`fromEthSignerNoKeys`). */
  | "NO_SYNC_SIGNER"
  /** The Ethereum signer cannot sign (a CREATE2 wallet) and the operation needs its signature. */
  | "ETH_SIGNER_CANNOT_SIGN"
  /** The Ethereum signer has no provider, or one for another chain than the node's L1. */
  | "NETWORK_MISMATCH"
  /** The address has no L2 account yet (deposit or receive a transfer first). */
  | "ACCOUNT_NOT_FOUND"
  /** setSigningKey / onchainAuthSigningKey for the key the account already has. */
  | "SIGNING_KEY_ALREADY_SET"
  /** An authorization type the operation does not support (CREATE2 outside a CREATE2 wallet, …). */
  | "UNSUPPORTED_AUTH_TYPE"
  /** ETH needs no ERC-20 approval. */
  | "ETH_NEEDS_NO_APPROVAL"
  /** A fungible token where an NFT is required, or the other way round. */
  | "NOT_AN_NFT"
  | "NOT_FUNGIBLE"
  /** build() of an empty batch, or fees both per transaction and for the whole batch. */
  | "EMPTY_BATCH"
  | "BATCH_FEES_NOT_ZERO"
  /** Swap amounts not given while an order leaves its amount open. */
  | "SWAP_AMOUNTS_REQUIRED"
  /** The L2 transaction was executed and failed (the receipt carries the node's `failCode`). */
  | "TRANSACTION_FAILED"
  /** The L1 transaction reverted, or emitted no priority request. */
  | "L1_TRANSACTION_FAILED";

export function walletError(code: WalletErrorCode, message: string, cause?: unknown): ZkLiteError<WalletErrorCode> {
  return new ZkLiteError(code, message, cause === undefined ? undefined : { cause });
}
