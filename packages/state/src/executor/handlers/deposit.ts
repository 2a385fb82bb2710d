import { MAX_FUNGIBLE_TOKEN_ID, type Deposit, type DepositOp } from "@zklite/protocol";
import { stateError } from "../../errors.js";
import type { ExecutionContext } from "../context.js";
import { credit, requireNonZeroAddress, requireToken, requireU128 } from "../rules.js";

/**
 * Deposit (priority operation, §3.4): credits `to`, creating its account at the next free id when it
 * has none. It cannot fail for input the L1 contract accepts; the checks below only catch input the
 * contract would never have queued.
 */
export function applyDeposit(ctx: ExecutionContext, op: Deposit): DepositOp {
  requireToken(ctx, op.token, MAX_FUNGIBLE_TOKEN_ID);
  requireU128(op.amount);
  requireNonZeroAddress(op.to, "deposit recipient");
  const to = op.to.toLowerCase();
  const existing = ctx.tree.accountIdByAddress(to);
  if (existing === ctx.nftStorageAccountId) throw stateError("INVALID_RECIPIENT", "deposits to the NFT storage account are refused by L1");
  const accountId = existing ?? ctx.createAccount(to);
  credit(ctx, accountId, op.token, op.amount);
  return { type: "Deposit", accountId, token: op.token, amount: op.amount, to };
}
