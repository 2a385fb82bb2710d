/**
 * What the exit tool reads from storage that `zklite-restore` filled: the state of the last restored block with
 * that block's `StoredBlockInfo` (what `performExodus` is checked against), the queued pubdata of unexecuted
 * deposits (for their refund), and tokens by id or symbol.
 */
import { ZeroAddress } from "ethers";
import { encodeOperationPubdata, parsePriorityOp, toHex } from "@zklite/protocol";
import { RollupState, SKIP_SIGNATURE_CHECKS } from "@zklite/state";
import { storedBlockHash, storedBlockInfo, type StoredBlockInfo } from "../eth-sender/block-encoding.js";
import { ChainRepository } from "../storage/chain-repository.js";
import type { PrismaClient } from "../storage/generated/client.js";
import { hex32 } from "../storage/json.js";
import { ExodusError } from "./errors.js";

/** Bytes of a deposit's pubdata as the rollup queued it (`cancelOutstandingDepositsForExodusMode` compares them). */
const QUEUED_DEPOSIT_BYTES = 45;

export interface RestoredChain {
  readonly state: RollupState;
  readonly lastBlock: StoredBlockInfo;
  readonly lastBlockHash: string;
}

export async function loadRestoredChain(prisma: PrismaClient, depths: { accountTreeDepth: number; balanceTreeDepth: number }): Promise<RestoredChain> {
  const chain = new ChainRepository(prisma);
  if (!(await chain.isInitialized())) throw new ExodusError("EXODUS_BAD_INPUT", "the storage is empty: run zklite-restore first");
  const stored = await chain.load(depths);
  const state = RollupState.fromSnapshot(stored.snapshot, { ...depths, signatureChecker: SKIP_SIGNATURE_CHECKS });
  if (hex32(state.root) !== stored.stateRoot) {
    throw new ExodusError("EXODUS_BAD_INPUT", `the stored state hashes to ${hex32(state.root)}, not to the root ${stored.stateRoot} of block ${stored.lastSealedBlock}`);
  }
  const row = await prisma.block.findUnique({ where: { number: stored.lastSealedBlock } });
  if (row === null) throw new ExodusError("EXODUS_BAD_INPUT", "the storage holds no restored block: run zklite-restore first");
  const lastBlock = storedBlockInfo(row);
  return { state, lastBlock, lastBlockHash: storedBlockHash(lastBlock) };
}

/** The queued pubdata of each Deposit among the `count` priority requests from serial id `first`, in order. */
export async function queuedDepositsPubdata(prisma: PrismaClient, first: bigint, count: number): Promise<string[]> {
  const rows = await prisma.priorityOperation.findMany({ where: { serialId: { gte: first, lt: first + BigInt(count) } }, orderBy: { serialId: "asc" } });
  if (rows.length !== count) {
    throw new ExodusError("EXODUS_STALE_STATE", `the storage holds ${rows.length} of the ${count} open priority requests from ${first}: run zklite-restore again`);
  }
  return rows.flatMap((row) => {
    const op = parsePriorityOp(row.op);
    if (op.type !== "Deposit") return [];
    const pubdata = encodeOperationPubdata({ type: "Deposit", accountId: 0, token: op.token, amount: op.amount, to: op.to });
    return [toHex(pubdata.subarray(0, QUEUED_DEPOSIT_BYTES))];
  });
}

/** A token by id (NFT ids included) or listed symbol; `address` is the ERC-20's (zero for ETH and NFTs). */
export async function resolveToken(prisma: PrismaClient, token: string): Promise<{ id: number; address: string }> {
  if (/^\d+$/.test(token)) {
    const id = Number(token);
    if (id === 0) return { id, address: ZeroAddress };
    const row = await prisma.token.findUnique({ where: { id } });
    return { id, address: row?.address ?? ZeroAddress };
  }
  if (token.toUpperCase() === "ETH") return { id: 0, address: ZeroAddress };
  const row = await prisma.token.findFirst({ where: { symbol: token } });
  if (row === null) throw new ExodusError("EXODUS_BAD_INPUT", `no token ${token} is listed (give a token id, or a listed symbol)`);
  return { id: row.id, address: row.address };
}
