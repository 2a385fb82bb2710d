/**
 * Rough L1 gas of each operation, to size aggregates under ZKLITE_ETH_SENDER_MAX_TX_GAS (the transaction's own gas
 * limit comes from `eth_estimateGas`). Figures in the spirit of zkSync's GasCounter, for this rollup's Groth16
 * verifier (≈ 221k gas a proof, ENVIRONMENT.md) and calldata at 16 gas a byte.
 */
import type { OperationKind } from "./operation-kind.js";

export interface BlockGasInput {
  readonly publicDataBytes: number;
  readonly onchainOperations: number;
  /** Withdraw / ForcedExit / FullExit / WithdrawNFT: replayed by executeBlocks. */
  readonly pendingOperations: number;
}

const BASE_GAS: Readonly<Record<OperationKind, bigint>> = { commit: 60_000n, prove: 40_000n, execute: 50_000n, revert: 40_000n };

export function baseGas(kind: OperationKind): bigint {
  return BASE_GAS[kind];
}

export function blockGas(kind: OperationKind, block: BlockGasInput): bigint {
  switch (kind) {
    case "commit":
      // storage of the block hash, the commitment's SHA-256 rounds, calldata, on-chain op checks
      return 45_000n + BigInt(block.publicDataBytes) * 40n + BigInt(block.onchainOperations) * 15_000n;
    case "prove":
      return 260_000n;
    case "execute":
      return 15_000n + BigInt(block.pendingOperations) * 45_000n;
    case "revert":
      return 10_000n;
  }
}
