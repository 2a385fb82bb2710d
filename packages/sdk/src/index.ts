/**
 * `@zklite/sdk`: the client SDK. Code written for zksync.js 0.13 ports by changing the import:
 * `Signer`, `EthMessageSigner` and `utils` keep zksync.js's names, arguments and result shapes.
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
