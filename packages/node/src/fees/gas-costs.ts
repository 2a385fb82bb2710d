/**
 * L1 gas per operation that fees must cover (PROTOCOL.md §8.4 and §11; zkSync's `gas_counter.rs` and
 * `fee_ticker/constants.rs`): the op's share of `commitBlocks` + of `executeBlocks` (+ the pending-balance write of
 * withdrawals) + `AMORTIZED_COST_PER_CHUNK` per chunk for the fixed costs of commit / prove / execute transactions.
 */
import { OP_CHUNKS } from "@zklite/protocol";

import type { OutputFeeType } from "./fee-type.js";

/** Gas per chunk covering the constant part of commit, prove and execute transactions. */
export const AMORTIZED_COST_PER_CHUNK = 200n;

/** Gas of processing one operation in `commitBlocks`. */
export const COMMIT_COST = {
  base: 51_000n,
  deposit: 7_700n,
  changePubKeyOffchain: 12_700n,
  /** Pre-contracts-v4 offchain ChangePubKey; kept for reference, not quoted. */
  oldChangePubKeyOffchain: 25_000n,
  changePubKeyOnchain: 6_400n,
  changePubKeyCreate2: 8_450n,
  transfer: 300n,
  transferToNew: 940n,
  fullExit: 10_000n,
  withdraw: 3_900n,
  withdrawNft: 5_150n,
  forcedExit: 3_900n,
  mintNft: 920n,
  swap: 710n,
} as const;

/** Gas of processing one operation in `executeBlocks` (zkSync: "verify"). */
export const EXECUTE_COST = {
  base: 10_000n,
  deposit: 100n,
  changePubKey: 0n,
  transfer: 0n,
  transferToNew: 0n,
  swap: 0n,
  fullExit: 30_000n,
  withdraw: 30_000n,
  /** Writing the L1 pending balance a withdrawal creates. */
  pendingWithdraw: 60_000n,
  forcedExit: 30_000n,
  mintNft: 0n,
  withdrawNft: 80_000n,
  pendingWithdrawNft: 240_000n,
} as const;

/** Fixed gas of the aggregated L1 transactions (zkSync `GasCounter::BASE_*_BLOCKS_TX_COST`), for fast withdrawals. */
export const BASE_BLOCKS_TX_COST = {
  commit: 450_000n,
  execute: 450_000n,
  prove: 1_500_000n,
} as const;

const amortized = (chunks: number): bigint => AMORTIZED_COST_PER_CHUNK * BigInt(chunks);

/** Gas of one op of each priced type (fast withdrawals: the normal withdrawal's, before their own surcharge). */
export const BASE_GAS_COST = {
  Transfer: COMMIT_COST.transfer + EXECUTE_COST.transfer + amortized(OP_CHUNKS.Transfer),
  TransferToNew: COMMIT_COST.transferToNew + EXECUTE_COST.transferToNew + amortized(OP_CHUNKS.TransferToNew),
  Withdraw: COMMIT_COST.withdraw + EXECUTE_COST.withdraw + EXECUTE_COST.pendingWithdraw + amortized(OP_CHUNKS.Withdraw),
  WithdrawNFT:
    COMMIT_COST.withdrawNft + EXECUTE_COST.withdrawNft + EXECUTE_COST.pendingWithdrawNft + amortized(OP_CHUNKS.WithdrawNFT),
  MintNFT: COMMIT_COST.mintNft + EXECUTE_COST.mintNft + amortized(OP_CHUNKS.MintNFT),
  Swap: COMMIT_COST.swap + EXECUTE_COST.swap + amortized(OP_CHUNKS.Swap),
  ChangePubKeyECDSA: COMMIT_COST.changePubKeyOffchain + EXECUTE_COST.changePubKey + amortized(OP_CHUNKS.ChangePubKey),
  /** ECDSA and EIP-712 authorizations cost about the same on L1 (zkSync prices them alike). */
  ChangePubKeyEIP712: COMMIT_COST.changePubKeyOffchain + EXECUTE_COST.changePubKey + amortized(OP_CHUNKS.ChangePubKey),
  ChangePubKeyOnchain: COMMIT_COST.changePubKeyOnchain + EXECUTE_COST.changePubKey + amortized(OP_CHUNKS.ChangePubKey),
  ChangePubKeyCREATE2: COMMIT_COST.changePubKeyCreate2 + EXECUTE_COST.changePubKey + amortized(OP_CHUNKS.ChangePubKey),
} as const;

/** Chunks of the operation a fee type produces. */
export function feeTypeChunks(feeType: OutputFeeType): number {
  if (typeof feeType !== "string") return OP_CHUNKS.ChangePubKey;
  switch (feeType) {
    case "Transfer":
      return OP_CHUNKS.Transfer;
    case "TransferToNew":
      return OP_CHUNKS.TransferToNew;
    case "Withdraw":
    case "FastWithdraw":
      return OP_CHUNKS.Withdraw;
    case "WithdrawNFT":
    case "FastWithdrawNFT":
      return OP_CHUNKS.WithdrawNFT;
    case "MintNFT":
      return OP_CHUNKS.MintNFT;
    case "Swap":
      return OP_CHUNKS.Swap;
  }
}

/** Gas of a non-fast fee type (fast withdrawals: see fast-withdrawal.ts). */
export function standardGasCost(feeType: Exclude<OutputFeeType, "FastWithdraw" | "FastWithdrawNFT">): bigint {
  if (typeof feeType !== "string") return BASE_GAS_COST[`ChangePubKey${feeType.ChangePubKey}`];
  return BASE_GAS_COST[feeType];
}
