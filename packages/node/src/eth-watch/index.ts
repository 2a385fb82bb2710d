/** eth-watch: L1 events → priority ops, tokens and NFT factories for the node (README.md). */
export { EthWatch, type EthWatchHooks, type EthWatchOptions, type PollResult, type ReorgInfo } from "./eth-watch.js";
export { ethWatchConfigSchema, parseEthWatchConfig, type EthWatchConfig, type EthWatchConfigInput } from "./config.js";
export { EthWatchError, SerialIdGapError, isEthWatchError, type EthWatchErrorCode } from "./errors.js";
export type { EthWatchStore } from "./store.js";
export { InMemoryEthWatchStore, type InMemoryEthWatchStoreInit } from "./in-memory-store.js";
export { decodePriorityOp } from "./priority-op-decoder.js";
export {
  NEW_PRIORITY_REQUEST_TOPIC,
  NEW_TOKEN_TOPIC,
  NFT_FACTORY_REGISTERED_TOPIC,
  decodeLogs,
  governanceEventsInterface,
  rollupEventsInterface,
  type DecodedLogs,
} from "./l1-events.js";
export type {
  ConfirmedBatch,
  ConfirmedPriorityOp,
  L1Cursor,
  ListedToken,
  PriorityOpEvent,
  RegisteredFactory,
  UnconfirmedPriorityOp,
} from "./types.js";
