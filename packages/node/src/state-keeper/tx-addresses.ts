import type { PriorityOp, Tx } from "@zklite/protocol";
import type { AdmissionState } from "../mempool/admission-state.js";

/** Lowercase addresses a transaction concerns (its sender, recipients, makers): account history is keyed on them. */
export function txAddresses(tx: Tx, state: Pick<AdmissionState, "account">): string[] {
  const byId = (id: number) => state.account(id)?.address;
  const list: (string | undefined)[] = [];
  switch (tx.type) {
    case "Transfer":
    case "Withdraw":
    case "WithdrawNFT":
      list.push(tx.from, tx.to);
      break;
    case "ChangePubKey":
      list.push(tx.account);
      break;
    case "ForcedExit":
      list.push(byId(tx.initiatorAccountId), tx.target);
      break;
    case "MintNFT":
      list.push(tx.creatorAddress, tx.recipient);
      break;
    case "Swap":
      list.push(tx.submitterAddress, byId(tx.orders[0].accountId), byId(tx.orders[1].accountId), tx.orders[0].recipient, tx.orders[1].recipient);
      break;
  }
  return unique(list);
}

export function priorityOpAddresses(op: PriorityOp): string[] {
  return op.type === "Deposit" ? unique([op.from, op.to]) : unique([op.ethAddress]);
}

export function txTokens(tx: Tx): number[] {
  switch (tx.type) {
    case "Transfer":
    case "Withdraw":
    case "ForcedExit":
      return [tx.token];
    case "WithdrawNFT":
      return [...new Set([tx.token, tx.feeToken])];
    case "Swap":
      return [...new Set([tx.orders[0].tokenSell, tx.orders[0].tokenBuy, tx.feeToken])];
    default:
      return [tx.feeToken];
  }
}

function unique(addresses: readonly (string | undefined)[]): string[] {
  return [...new Set(addresses.filter((address): address is string => address !== undefined).map((address) => address.toLowerCase()))];
}
