/**
 * L1 contract access for the Wallet: ABI-only contracts on the wallet's ethers v6 signer, and the mapping of ethers'
 * errors to `ZkLiteError("L1_TRANSACTION_FAILED")` with the contract's custom error name when ethers decoded one.
 */
import { Contract, type ContractRunner } from "ethers";
import type { ZkLiteError } from "@zklite/protocol";
import { ERC20_ABI } from "./contracts/erc20-abi.js";
import { ZKLITE_ABI } from "./contracts/zklite-abi.js";
import { walletError } from "./wallet-errors.js";

export function rollupContract(address: string, runner: ContractRunner): Contract {
  return new Contract(address, ZKLITE_ABI, runner);
}

export function erc20Contract(address: string, runner: ContractRunner): Contract {
  return new Contract(address, ERC20_ABI, runner);
}

/** Runs an L1 call or transaction; ethers errors become L1_TRANSACTION_FAILED (ZkLiteErrors pass through). */
export async function l1Call<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toL1Error(what, error);
  }
}

function toL1Error(what: string, error: unknown): ZkLiteError {
  if (error instanceof Error && error.name === "ZkLiteError") return error as ZkLiteError;
  const revert = (error as { revert?: { name?: string; args?: unknown[] } } | null)?.revert;
  const reason = revert?.name !== undefined ? `${revert.name}(${(revert.args ?? []).map(String).join(", ")})` : error instanceof Error ? error.message : String(error);
  return walletError("L1_TRANSACTION_FAILED", `${what} failed on L1: ${reason}`, error);
}
