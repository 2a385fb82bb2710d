/**
 * The rollup's exodus side on L1: whether exodus is on, exits (`performExodus`, simulated first so a refusal comes
 * back as a typed error before any gas is spent), the refund of unexecuted deposits, and the pending balances both
 * pay into.
 */
import { Contract, ZeroAddress, type ContractRunner } from "ethers";
import type { StoredBlockInfo } from "../eth-sender/block-encoding.js";
import { describeRevert } from "../eth-sender/rollup-abi.js";
import { ExodusError, type ExodusErrorCode } from "./errors.js";
import { exodusInterface } from "./exodus-abi.js";
import type { ProvenExit } from "./exit-proof.js";

export interface ExodusStatus {
  readonly exodusMode: boolean;
  readonly totalBlocksExecuted: number;
  readonly firstPriorityRequestId: bigint;
  readonly totalOpenPriorityRequests: bigint;
}

const REFUSALS: Readonly<Record<string, ExodusErrorCode>> = {
  NotInExodusMode: "EXODUS_NOT_ACTIVE",
  ExodusAlreadyPerformed: "EXODUS_ALREADY_CLAIMED",
  NotLastExecutedBlock: "EXODUS_STALE_STATE",
};

export class ExodusClient {
  private readonly rollup: Contract;

  constructor(rollupAddress: string, runner: ContractRunner) {
    this.rollup = new Contract(rollupAddress, exodusInterface, runner);
  }

  async status(): Promise<ExodusStatus> {
    const [exodusMode, executed, first, open] = await Promise.all(
      ["exodusMode", "totalBlocksExecuted", "firstPriorityRequestId", "totalOpenPriorityRequests"].map((name) => this.read(name, [])),
    );
    return { exodusMode: Boolean(exodusMode), totalBlocksExecuted: Number(executed), firstPriorityRequestId: BigInt(first as bigint), totalOpenPriorityRequests: BigInt(open as bigint) };
  }

  /** Anyone may switch exodus on once the oldest open priority request has expired; false if it stays off. */
  async activate(): Promise<boolean> {
    if (await this.simulate("activateExodusMode", [])) await this.send("activateExodusMode", []);
    return (await this.status()).exodusMode;
  }

  /** Exodus is on and `lastExecuted` is the rollup's last executed block: exits against its state are accepted. */
  async requireExitable(lastExecuted: StoredBlockInfo, lastExecutedHash: string): Promise<void> {
    const status = await this.status();
    if (!status.exodusMode) throw new ExodusError("EXODUS_NOT_ACTIVE", "the rollup is not in exodus mode: the operator still runs it (or `activateExodusMode` was not called)");
    const stored = String(await this.read("storedBlockHashes", [status.totalBlocksExecuted])).toLowerCase();
    if (status.totalBlocksExecuted !== lastExecuted.blockNumber || stored !== lastExecutedHash.toLowerCase()) {
      throw new ExodusError(
        "EXODUS_STALE_STATE",
        `the restored state is at block ${lastExecuted.blockNumber}, the rollup's last executed block is ${status.totalBlocksExecuted}: run zklite-restore again`,
      );
    }
  }

  /** `performExodus`: the claim is credited to the owner's pending balance (or its NFT made withdrawable). */
  async claim(lastExecuted: StoredBlockInfo, exit: ProvenExit): Promise<string> {
    const { claim } = exit;
    const args = [
      lastExecuted,
      claim.owner,
      claim.accountId,
      claim.tokenId,
      claim.amount,
      claim.nftCreatorAccountId,
      claim.nftCreatorAddress,
      claim.nftSerialId,
      claim.nftContentHash,
      exit.proof,
    ];
    await this.simulate("performExodus", args);
    return this.send("performExodus", args);
  }

  /**
   * Whether `accountId` already exited `tokenId`. The rollup keeps that privately; `performExodus` checks it before
   * the proof, so a call with an empty proof tells: ExodusAlreadyPerformed, or InvalidExitProof when not yet.
   */
  async claimed(lastExecuted: StoredBlockInfo, owner: string, accountId: number, tokenId: number): Promise<boolean> {
    const empty = [0n, 0n, 0n, 0n, 0n, 0n, 0n, 0n];
    try {
      await this.simulate("performExodus", [lastExecuted, owner, accountId, tokenId, 1n, 0, ZeroAddress, 0, `0x${"0".repeat(64)}`, empty]);
    } catch (error) {
      if (error instanceof ExodusError && error.code === "EXODUS_ALREADY_CLAIMED") return true;
      if (error instanceof ExodusError && error.message.includes("InvalidExitProof")) return false;
      throw error;
    }
    throw new ExodusError("EXODUS_L1_REFUSED", "performExodus accepted an empty proof: the exit verifier is not a real one");
  }

  /** Refunds (to pending balances) up to `n` open priority requests; `depositsPubdata` has the deposits' queued pubdata in order. */
  async cancelOutstandingDeposits(n: number, depositsPubdata: readonly string[]): Promise<string> {
    const args = [n, [...depositsPubdata]];
    await this.simulate("cancelOutstandingDepositsForExodusMode", args);
    return this.send("cancelOutstandingDepositsForExodusMode", args);
  }

  async pendingBalance(owner: string, tokenAddress: string = ZeroAddress): Promise<bigint> {
    return BigInt((await this.read("getPendingBalance", [owner, tokenAddress])) as bigint);
  }

  /** Pays `owner`'s pending balance of the token (all of it by default) to `owner` on L1. */
  async withdrawPending(owner: string, tokenAddress: string = ZeroAddress, amount?: bigint): Promise<string> {
    const args = [owner, tokenAddress, amount ?? (await this.pendingBalance(owner, tokenAddress))];
    await this.simulate("withdrawPendingBalance", args);
    return this.send("withdrawPendingBalance", args);
  }

  /** Mints a pending NFT on L1 to its owner through its factory. */
  async withdrawPendingNft(tokenId: number): Promise<string> {
    await this.simulate("withdrawPendingNFTBalance", [tokenId]);
    return this.send("withdrawPendingNFTBalance", [tokenId]);
  }

  private async read(name: string, args: readonly unknown[]): Promise<unknown> {
    try {
      return await this.rollup.getFunction(name).staticCall(...args);
    } catch (error) {
      throw new ExodusError("EXODUS_L1_UNAVAILABLE", `${name}() of the rollup failed: ${message(error)}`, { cause: error });
    }
  }

  /** Runs the call as `eth_call` first: a revert becomes a typed error and nothing is sent. */
  private async simulate(name: string, args: readonly unknown[]): Promise<unknown> {
    try {
      return await this.rollup.getFunction(name).staticCall(...args);
    } catch (error) {
      throw refusal(name, error);
    }
  }

  private async send(name: string, args: readonly unknown[]): Promise<string> {
    try {
      const tx = await this.rollup.getFunction(name)(...args);
      const receipt = await tx.wait();
      if (receipt === null || receipt.status !== 1) throw new Error(`transaction ${tx.hash} reverted`);
      return tx.hash as string;
    } catch (error) {
      throw refusal(name, error);
    }
  }
}

function refusal(name: string, error: unknown): ExodusError {
  const data = (error as { data?: string } | null)?.data;
  if (typeof data !== "string" || data === "0x") return new ExodusError("EXODUS_L1_UNAVAILABLE", `${name} failed: ${message(error)}`, { cause: error });
  const described = describeRevert(data, exodusInterface);
  const code = REFUSALS[described.slice(0, described.indexOf("("))] ?? "EXODUS_L1_REFUSED";
  return new ExodusError(code, `${name} refused by the rollup: ${described}`, { cause: error });
}

function message(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.slice(0, text.includes("\n") ? text.indexOf("\n") : text.length);
}
