import type { OperationType } from "@zklite/protocol";

/**
 * L1 gas a block needs to commit and execute, per operation (zkSync's GasCounter, PROTOCOL.md §8.4 and §11):
 * commit cost + execute cost, on top of the block's base costs. The state keeper seals before a block
 * would exceed its budget, so every block fits one L1 transaction.
 */
export const BLOCK_BASE_GAS = 51_000 + 10_000;

const OPERATION_GAS: Readonly<Record<OperationType, number>> = {
  Noop: 0,
  Deposit: 7_700 + 100,
  TransferToNew: 940,
  Withdraw: 3_900 + 30_000 + 60_000,
  Transfer: 300,
  FullExit: 10_000 + 30_000,
  ChangePubKey: 12_700,
  ForcedExit: 3_900 + 30_000 + 60_000,
  MintNFT: 920,
  WithdrawNFT: 5_150 + 80_000 + 240_000,
  Swap: 710,
};

export function operationGas(type: OperationType): number {
  return OPERATION_GAS[type];
}
