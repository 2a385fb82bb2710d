import type { Tx } from "@zklite/protocol";

/** The account whose nonce a transaction consumes, by address (ForcedExit names its initiator by id). */
export type TxSender = { readonly address: string } | { readonly accountId: number };

export function txSender(tx: Tx): TxSender {
  switch (tx.type) {
    case "Transfer":
    case "Withdraw":
    case "WithdrawNFT":
      return { address: tx.from.toLowerCase() };
    case "ChangePubKey":
      return { address: tx.account.toLowerCase() };
    case "ForcedExit":
      return { accountId: tx.initiatorAccountId };
    case "MintNFT":
      return { address: tx.creatorAddress.toLowerCase() };
    case "Swap":
      return { address: tx.submitterAddress.toLowerCase() };
  }
}

/** Token whose units the transaction's Ethereum message shows (PROTOCOL.md §2.5). */
export function messageToken(tx: Tx): number {
  switch (tx.type) {
    case "Transfer":
    case "Withdraw":
    case "ForcedExit":
      return tx.token;
    default:
      return tx.feeToken;
  }
}

/** Tokens a transaction names: it is refused if one is unknown. */
export function tokensOf(tx: Tx): number[] {
  switch (tx.type) {
    case "Transfer":
    case "Withdraw":
    case "ForcedExit":
      return [tx.token];
    case "ChangePubKey":
    case "MintNFT":
      return [tx.feeToken];
    case "WithdrawNFT":
      return [tx.token, tx.feeToken];
    case "Swap":
      return [tx.orders[0].tokenSell, tx.orders[0].tokenBuy, tx.feeToken];
  }
}

/** The fee a transaction pays and the token it pays it in. */
export function feeOf(tx: Tx): { token: number; amount: bigint } {
  switch (tx.type) {
    case "Transfer":
    case "Withdraw":
    case "ForcedExit":
      return { token: tx.token, amount: tx.fee };
    default:
      return { token: tx.feeToken, amount: tx.fee };
  }
}
