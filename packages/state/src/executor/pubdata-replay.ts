import type { Operation } from "@zklite/protocol";
import { stateError } from "../errors.js";
import type { AccountView } from "../state/state-tree.js";
import type { ExecutionContext } from "./context.js";
import { mintNftTo } from "./handlers/mint-nft.js";
import { credit, debit, incrementNonce, requireAccountById } from "./rules.js";

/**
 * Applies one operation as block pubdata records it (PROTOCOL.md §4.2), for data restore: the L1 accepted the
 * block, so nothing is re-authorized (no signature, no Ethereum authorization, no validity range; the pubdata
 * carries none of them). What pubdata does say is checked against the state, each mismatch a PUBDATA_MISMATCH:
 * account ids and addresses, created accounts landing at the ids the block gave them, whole-balance amounts of
 * FullExit and ForcedExit, ChangePubKey's nonce. Balances and nonces follow the executor's own rules (no debit
 * below zero, no nonce overflow). Fees go to `ctx.collectFee`, credited to the fee account at the block's end.
 */
export function replayOperation(ctx: ExecutionContext, op: Operation): void {
  switch (op.type) {
    case "Noop":
      return;
    case "Deposit": {
      const accountId = accountFor(ctx, op.to, op.accountId);
      credit(ctx, accountId, op.token, op.amount);
      return;
    }
    case "TransferToNew": {
      const from = requireAccountById(ctx, op.fromId);
      debit(ctx, from.id, op.token, op.amount + op.fee);
      incrementNonce(ctx, from);
      if (ctx.tree.accountIdByAddress(op.to) !== undefined) mismatch(`TransferToNew to ${op.to}, which already has an account`);
      credit(ctx, accountFor(ctx, op.to, op.toId), op.token, op.amount);
      ctx.collectFee(op.token, op.fee);
      return;
    }
    case "Transfer": {
      const from = requireAccountById(ctx, op.fromId);
      requireAccountById(ctx, op.toId);
      debit(ctx, from.id, op.token, op.amount + op.fee);
      incrementNonce(ctx, from);
      credit(ctx, op.toId, op.token, op.amount);
      ctx.collectFee(op.token, op.fee);
      return;
    }
    case "Withdraw": {
      const account = requireAccountById(ctx, op.accountId);
      debit(ctx, account.id, op.token, op.amount + op.fee);
      incrementNonce(ctx, account);
      ctx.collectFee(op.token, op.fee);
      return;
    }
    case "FullExit": {
      if (op.amount === 0n) return;
      const account = accountWithAddress(ctx, op.accountId, op.owner);
      requireWholeBalance(ctx, account.id, op.token, op.amount, "FullExit");
      ctx.tree.setBalance(account.id, op.token, 0n);
      return;
    }
    case "ChangePubKey": {
      const account = accountWithAddress(ctx, op.accountId, op.account);
      if (account.nonce !== op.nonce) mismatch(`ChangePubKey of account ${account.id} with nonce ${op.nonce}; the account's nonce is ${account.nonce}`);
      debit(ctx, account.id, op.feeToken, op.fee);
      ctx.tree.setPubKeyHash(account.id, op.newPkHash);
      incrementNonce(ctx, account);
      ctx.collectFee(op.feeToken, op.fee);
      return;
    }
    case "ForcedExit": {
      const initiator = requireAccountById(ctx, op.initiatorId);
      debit(ctx, initiator.id, op.token, op.fee);
      incrementNonce(ctx, initiator);
      const target = accountWithAddress(ctx, op.targetId, op.target);
      requireWholeBalance(ctx, target.id, op.token, op.amount, "ForcedExit");
      debit(ctx, target.id, op.token, op.amount);
      ctx.collectFee(op.token, op.fee);
      return;
    }
    case "MintNFT":
      replayMintNFT(ctx, op);
      return;
    case "WithdrawNFT": {
      const account = requireAccountById(ctx, op.accountId);
      debit(ctx, account.id, op.feeToken, op.fee);
      debit(ctx, account.id, op.token, 1n);
      incrementNonce(ctx, account);
      ctx.collectFee(op.feeToken, op.fee);
      return;
    }
    case "Swap": {
      const submitter = requireAccountById(ctx, op.submitterId);
      debit(ctx, submitter.id, op.feeToken, op.fee);
      debit(ctx, requireAccountById(ctx, op.accountA).id, op.tokenA, op.amountA);
      debit(ctx, requireAccountById(ctx, op.accountB).id, op.tokenB, op.amountB);
      credit(ctx, requireAccountById(ctx, op.recipientA).id, op.tokenB, op.amountB);
      credit(ctx, requireAccountById(ctx, op.recipientB).id, op.tokenA, op.amountA);
      incrementNonce(ctx, requireAccountById(ctx, submitter.id));
      if ((op.nonceMask & 1) !== 0 && op.accountA !== submitter.id) incrementNonce(ctx, requireAccountById(ctx, op.accountA));
      if ((op.nonceMask & 2) !== 0 && op.accountB !== submitter.id) incrementNonce(ctx, requireAccountById(ctx, op.accountB));
      ctx.collectFee(op.feeToken, op.fee);
      return;
    }
    default:
      throw stateError("INVALID_ARGUMENT", `unknown operation type ${String((op as { type?: unknown }).type)}`);
  }
}

/** MintNFT as the executor applies it (handlers/mint-nft.ts): fee, nonce, then the same mint. */
function replayMintNFT(ctx: ExecutionContext, op: Extract<Operation, { type: "MintNFT" }>): void {
  const creator = requireAccountById(ctx, op.creatorId);
  requireAccountById(ctx, op.recipientId);
  debit(ctx, creator.id, op.feeToken, op.fee);
  incrementNonce(ctx, creator);
  mintNftTo(ctx, requireAccountById(ctx, creator.id), op.recipientId, op.contentHash);
  ctx.collectFee(op.feeToken, op.fee);
}

/** The account of `address`, created at the next free id when it has none; either way it must be `expectedId`. */
function accountFor(ctx: ExecutionContext, address: string, expectedId: number): number {
  const id = ctx.tree.accountIdByAddress(address) ?? ctx.createAccount(address.toLowerCase());
  if (id !== expectedId) mismatch(`the pubdata puts ${address} at account ${expectedId}, the state at ${id}`);
  return id;
}

function accountWithAddress(ctx: ExecutionContext, id: number, address: string): AccountView {
  const account = requireAccountById(ctx, id);
  if (account.address !== address.toLowerCase()) mismatch(`account ${id} has address ${account.address}, the pubdata says ${address}`);
  return account;
}

function requireWholeBalance(ctx: ExecutionContext, accountId: number, token: number, amount: bigint, what: string): void {
  const balance = ctx.tree.balance(accountId, token);
  if (balance !== amount) mismatch(`${what} of ${amount} of token ${token} from account ${accountId}, whose balance is ${balance}`);
}

function mismatch(message: string): never {
  throw stateError("PUBDATA_MISMATCH", message);
}
