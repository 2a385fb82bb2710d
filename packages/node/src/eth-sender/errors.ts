/** Typed errors of the eth-sender: each carries a stable code (DESIGN.md §5). */
import { ZkLiteError } from "@zklite/protocol";

export type EthSenderErrorCode =
  /** A JSON-RPC request to the L1 node failed (refused, timeout, bad answer); retried after a backoff. */
  | "ETH_SENDER_L1_UNAVAILABLE"
  /** `eth_estimateGas` says the transaction would revert: nothing is sent, the pipeline stops. */
  | "ETH_SENDER_TX_WOULD_REVERT"
  /** A sent transaction was mined and reverted: the pipeline stops. */
  | "ETH_SENDER_TX_REVERTED"
  /** The block's old state root is not the state hash of the block before it (e.g. a placeholder genesis root on L1). */
  | "ETH_SENDER_STATE_ROOT_MISMATCH"
  /** A block, proof or stored value the operation needs is missing or malformed. */
  | "ETH_SENDER_BAD_INPUT"
  /** Blocks were reverted on L1: commits stop until the node has rewound its state. */
  | "ETH_SENDER_BLOCKS_REVERTED"
  /** An operator request that cannot be honoured (e.g. reverting executed blocks). */
  | "ETH_SENDER_INVALID_REQUEST"
  /** The operator key is the public Hardhat key on a chain that is not the devnet. */
  | "ETH_SENDER_INSECURE_KEY";

export class EthSenderError extends ZkLiteError<EthSenderErrorCode> {}

export function isEthSenderError(value: unknown): value is EthSenderError {
  return value instanceof EthSenderError;
}
