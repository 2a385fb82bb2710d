/**
 * What the Wallet, its batch builder and its handles need from a node client: a subset of `Provider`, so tests (and
 * other transports) can stand in for it.
 */
import type { Provider } from "./provider.js";

export type SyncProvider = Pick<
  Provider,
  | "getState"
  | "getTokens"
  | "getConfig"
  | "submitTx"
  | "submitTxsBatch"
  | "getTxReceipt"
  | "getTransactionFee"
  | "getTransactionsBatchFee"
  | "getPriorityOpStatus"
  | "notifyTransaction"
  | "notifyPriorityOp"
  | "getNFT"
>;
