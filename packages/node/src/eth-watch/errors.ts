/** Typed errors of eth-watch: each carries a stable code (DESIGN.md §5). */
import { ZkLiteError } from "@zklite/protocol";

export type EthWatchErrorCode =
  /** A priority op's serial id is above the next expected one: ops are missing (the window is retried). */
  | "ETH_WATCH_SERIAL_ID_GAP"
  /** The store expects more priority ops than the L1 contract has emitted (wrong store, or a reorg of confirmed blocks). */
  | "ETH_WATCH_STORE_AHEAD_OF_L1"
  /** A store was asked to append ops whose serial ids do not continue its list. */
  | "ETH_WATCH_NON_CONTIGUOUS_APPEND"
  /** An event could not be decoded (unknown op type, malformed pubdata). */
  | "ETH_WATCH_INVALID_EVENT"
  /** The chain changed while a window was read (a block hash moved); the window is retried. */
  | "ETH_WATCH_CHAIN_CHANGED"
  /** A JSON-RPC request to the L1 node failed (connection refused, timeout, bad answer). */
  | "ETH_WATCH_L1_UNAVAILABLE";

export class EthWatchError extends ZkLiteError<EthWatchErrorCode> {}

/** Serial ids jumped: `received` was seen where `expected` was due. Nothing of the window is applied. */
export class SerialIdGapError extends EthWatchError {
  constructor(
    readonly expected: bigint,
    readonly received: bigint,
    where: string,
  ) {
    super("ETH_WATCH_SERIAL_ID_GAP", `priority op serial id ${received} where ${expected} was expected (${where})`);
  }
}

export function isEthWatchError(value: unknown): value is EthWatchError {
  return value instanceof EthWatchError;
}
