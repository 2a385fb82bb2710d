import type { OperationType } from "@zklite/protocol";
import { COMMIT_COST, EXECUTE_COST } from "../fees/gas-costs.js";

/**
 * L1 gas a block needs to commit and execute, per operation (zkSync's GasCounter, PROTOCOL.md §8.4 and §11; the
 * same table the fee model prices with): commit cost + execute cost, on top of the block's base costs. The state
 * keeper seals before a block would exceed its budget, so every block fits one L1 transaction.
 */
export const BLOCK_BASE_GAS = Number(COMMIT_COST.base + EXECUTE_COST.base);

const OPERATION_GAS: Readonly<Record<OperationType, bigint>> = {
  Noop: 0n,
  Deposit: COMMIT_COST.deposit + EXECUTE_COST.deposit,
  TransferToNew: COMMIT_COST.transferToNew + EXECUTE_COST.transferToNew,
  Withdraw: COMMIT_COST.withdraw + EXECUTE_COST.withdraw + EXECUTE_COST.pendingWithdraw,
  Transfer: COMMIT_COST.transfer + EXECUTE_COST.transfer,
  FullExit: COMMIT_COST.fullExit + EXECUTE_COST.fullExit,
  // the dearest authorization: the gas a block needs is bounded, not priced, here
  ChangePubKey: COMMIT_COST.changePubKeyOffchain + EXECUTE_COST.changePubKey,
  ForcedExit: COMMIT_COST.forcedExit + EXECUTE_COST.forcedExit + EXECUTE_COST.pendingWithdraw,
  MintNFT: COMMIT_COST.mintNft + EXECUTE_COST.mintNft,
  WithdrawNFT: COMMIT_COST.withdrawNft + EXECUTE_COST.withdrawNft + EXECUTE_COST.pendingWithdrawNft,
  Swap: COMMIT_COST.swap + EXECUTE_COST.swap,
};

export function operationGas(type: OperationType): number {
  return Number(OPERATION_GAS[type]);
}
