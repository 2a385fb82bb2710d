/**
 * `utils`: zksync.js 0.13's `utils` names over `@zklite/sdk/protocol`, plus the few helpers that need
 * the crypto (Swap sign bytes hash the orders with Rescue) or an Ethereum signer.
 */
import { init, rescueHashOrders } from "@zklite/crypto-wasm";
import {
  getTxHash as protocolTxHash,
  MIN_NFT_TOKEN_ID,
  packAmount,
  packFee,
  serializeTx as protocolSerializeTx,
  type TxInput,
} from "@zklite/protocol";
import { requireObject } from "@zklite/protocol/validation";

export {
  closestGreaterOrEqPackableTransactionAmount,
  closestGreaterOrEqPackableTransactionFee,
  closestPackableTransactionAmount,
  closestPackableTransactionFee,
  CURRENT_TX_VERSION,
  getChangePubkeyLegacyMessage,
  getChangePubkeyMessage,
  getChangePubKeyTypedData,
  getCreate2AddressAndSalt as getCREATE2AddressAndSalt,
  getSignedBytesFromMessage,
  getToggle2FAMessage,
  isTransactionAmountPackable,
  isTransactionFeePackable,
  MAX_TIMESTAMP,
  MIN_NFT_TOKEN_ID,
  serializeAccountId,
  serializeAddress,
  serializeAmountFull,
  serializeAmountPacked,
  serializeChangePubKey,
  serializeContentHash,
  serializeFeePacked,
  serializeForcedExit,
  serializeMintNFT,
  serializeNonce,
  serializeOrder,
  serializeTimestamp,
  serializeTokenId,
  serializeTransfer,
  serializeWithdraw,
  serializeWithdrawNFT,
  formatUnits,
  parseUnits,
} from "@zklite/protocol";
export { getEthSignatureType, signMessagePersonalAPI, verifyERC1271Signature } from "./eth-signature-type.js";

/** zksync.js `packAmountChecked`: the 5 packed bytes; throws `AMOUNT_NOT_PACKABLE` if not exact. */
export const packAmountChecked = packAmount;
/** zksync.js `packFeeChecked`: the 2 packed bytes; throws `FEE_NOT_PACKABLE` if not exact. */
export const packFeeChecked = packFee;

export function isNFT(tokenId: number): boolean {
  return tokenId >= MIN_NFT_TOKEN_ID;
}

/** Signing bytes of any transaction (async as in zksync.js: a Swap hashes its orders with Rescue). */
export async function serializeTx(tx: TxInput): Promise<Uint8Array> {
  if (requireObject(tx, "transaction", "INVALID_TRANSACTION").type === "Swap") await init();
  return protocolSerializeTx(tx, rescueHashOrders);
}

/** zksync.js form of the tx hash, `"sync-tx:" + sha256(signBytes)`. */
export async function getTxHash(tx: TxInput): Promise<string> {
  if (requireObject(tx, "transaction", "INVALID_TRANSACTION").type === "Swap") await init();
  return protocolTxHash(tx, rescueHashOrders);
}

/** Sign bytes of a Swap: `serializeSwap` with the Rescue orders hash. */
export async function serializeSwap(swap: Extract<TxInput, { type: "Swap" }>): Promise<Uint8Array> {
  return serializeTx(swap);
}
