import { z } from "zod";

/** zod schemas of the procedures' inputs. Transactions themselves are validated by the mempool (protocol schemas). */

const address = z.string().regex(/^0x[0-9a-fA-F]{40}$/, "an Ethereum address (0x + 40 hex digits)");
const txHash = z.string().regex(/^sync-tx:[0-9a-fA-F]{64}$/, "a transaction hash (sync-tx: + 64 hex digits)");
const u32 = z.number().int().min(0).max(2 ** 32 - 1);
const limit = z.number().int().min(1).max(100).default(20);
export const tokenLike = z.union([z.number().int().min(0), z.string().min(1).max(64)]);

export const accountInput = z.object({ address });
export const accountHistoryInput = z.object({
  address,
  limit,
  /** Cursor from a previous page. */
  before: z.string().regex(/^\d+$/).optional(),
  token: u32.optional(),
  txType: z.string().min(1).max(32).optional(),
});

export const submitTxInput = z.object({
  tx: z.unknown(),
  /** Ethereum signature(s): one, a list (a Swap's order signatures after the submitter's), or null. */
  signature: z.unknown().optional(),
});
export const submitBatchInput = z.object({
  txs: z.array(z.object({ tx: z.unknown(), signature: z.unknown().optional() })).min(1).max(1000),
  signature: z.unknown().optional(),
});
export const txHashInput = z.object({ hash: txHash });

export const blockNumberInput = z.object({ number: u32 });
export const blockListInput = z.object({ limit, before: u32.optional() });

export const feeTypeInput = z.union([
  z.enum(["Transfer", "Withdraw", "FastWithdraw", "ForcedExit", "MintNFT", "WithdrawNFT", "FastWithdrawNFT", "Swap"]),
  z.object({ ChangePubKey: z.enum(["ECDSA", "EIP712", "Onchain", "CREATE2"]) }),
]);
export const txFeeInput = z.object({ txType: feeTypeInput, address, token: tokenLike });
export const batchFeeInput = z.object({ transactions: z.array(z.object({ txType: feeTypeInput, address })).min(1).max(1000), token: tokenLike });

export const tokenInput = z.object({ token: tokenLike });
export const nftInput = z.object({ tokenId: u32 });
export const priorityOpInput = z.object({ serialId: z.string().regex(/^\d+$/) });

export const eventsInput = z.object({
  kinds: z.array(z.enum(["block", "block_status", "tx", "account", "priority_op"])).optional(),
  /** Only events with this key (a tx hash, an address, a block number, a serial id). */
  key: z.string().min(1).max(80).optional(),
  /** Resume after this event id (tRPC sets it on reconnect). */
  lastEventId: z.string().regex(/^\d+$/).nullish(),
});

export type FeeTypeInput = z.infer<typeof feeTypeInput>;
export type AccountHistoryInput = z.infer<typeof accountHistoryInput>;
export type EventsInput = z.infer<typeof eventsInput>;
