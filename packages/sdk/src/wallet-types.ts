/** Shapes the Wallet's methods take and return, with zksync.js 0.13's names. */
import type { NftView } from "@zklite/api";
import type { TxEthSignature, TxSignature } from "@zklite/protocol";

/** How a ChangePubKey is authorized on L1 (PROTOCOL.md §2.6). `ECDSALegacyMessage` is not accepted by zkLite's node. */
export type ChangePubKeyAuthType = "ECDSA" | "EIP712" | "Onchain" | "CREATE2";

/** A nonce, or "committed": the account's nonce after every transaction the node has executed. */
export type Nonce = number | "committed";

/** A signed order (`signOrder`), ready for `syncSwap`; `ethSignature` is its maker's Ethereum signature. */
export interface OrderData {
  accountId: number;
  recipient: string;
  nonce: number;
  tokenSell: number;
  tokenBuy: number;
  ratio: [string, string];
  amount: string;
  validFrom: number;
  validUntil: number;
  signature: TxSignature;
  ethSignature?: TxEthSignature | null;
}

/** An NFT as the node reports it (`id` is the token id). */
export type NFT = NftView;
