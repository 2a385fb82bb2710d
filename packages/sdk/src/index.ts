/**
 * `@zklite/sdk`: the client SDK. Code written for zksync.js 0.13 ports by changing the import:
 * `Wallet`, `BatchBuilder`, `Transaction`, `ETHOperation`, `Provider`, `Signer`, `EthMessageSigner` and `utils` keep
 * zksync.js's names, arguments and result shapes (amounts as bigint).
 * The pure protocol (types, schemas, serialization, pubdata, commitment) is `@zklite/sdk/protocol` (the `@zklite/protocol` package).
 */
export { Signer } from "./signer.js";
export type {
  ChangePubKeyArgs,
  ForcedExitArgs,
  MintNFTArgs,
  OrderArgs,
  SwapArgs,
  TransferArgs,
  WithdrawArgs,
  WithdrawNFTArgs,
} from "./signer.js";
export { EthMessageSigner } from "./eth-message-signer.js";
export { Wallet, MAX_ERC20_APPROVE_AMOUNT, ERC20_APPROVE_THRESHOLD, type EthTxOptions } from "./wallet.js";
export type { ChangePubKeyAuthType, Nonce, NFT, OrderData } from "./wallet-types.js";
export { BatchBuilder, type BatchBuilderInternalTx, type BatchBuildResult } from "./batch-builder.js";
export { Transaction, submitSignedTransaction, submitSignedTransactionsBatch, DEFAULT_AWAIT_TIMEOUT_MS, type TransactionState } from "./transaction.js";
export { ETHOperation, priorityRequestSerialId, type ETHOperationState } from "./eth-operation.js";
export type { SignedTransaction } from "./signed-transaction.js";
export type { SyncProvider } from "./sync-provider.js";
export { TokenSet, type TokenLike } from "./token-set.js";
export { tokenRatio, weiRatio, type TokenRatio, type WeiRatio } from "./ratio.js";
export { Create2WalletSigner, unableToSign } from "./create2-wallet-signer.js";
export type { BigNumberish } from "./wallet-input.js";
export type { WalletErrorCode } from "./wallet-errors.js";
export { ZKLITE_ABI, GOVERNANCE_ABI, ERC20_ABI } from "./contracts/index.js";
export { Provider, getDefaultProvider, type NotifyAction, type ProviderOptions } from "./provider.js";
export type { EthSignerType } from "./eth-signature-type.js";
export * as utils from "./utils.js";
export { init as initCrypto } from "@zklite/crypto-wasm";
export { ZkLiteError, isZkLiteError } from "@zklite/protocol";
export type {
  Address,
  PubKeyHash,
  TxSignature,
  TxEthSignature,
  TimeRange,
  Transfer,
  Withdraw,
  ChangePubKeyOnchainAuth,
  ChangePubKeyECDSAAuth,
  ChangePubKeyEIP712Auth,
  ChangePubKeyCREATE2Auth,
  ChangePubKeyEthAuthData,
  ChangePubKey,
  ForcedExit,
  MintNFT,
  WithdrawNFT,
  Order,
  Swap,
  Tx,
  TxType,
  Deposit,
  FullExit,
  PriorityOp,
  ToJson,
  Loose,
  TransferJson,
  WithdrawJson,
  ChangePubKeyJson,
  ForcedExitJson,
  MintNFTJson,
  WithdrawNFTJson,
  OrderJson,
  SwapJson,
  TxJson,
  DepositJson,
  FullExitJson,
  PriorityOpJson,
  TransferInput,
  WithdrawInput,
  ChangePubKeyInput,
  ForcedExitInput,
  MintNFTInput,
  WithdrawNFTInput,
  OrderInput,
  SwapInput,
  TxInput,
} from "@zklite/protocol";
