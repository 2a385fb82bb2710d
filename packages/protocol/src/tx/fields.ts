/**
 * Field encoders shared by every signed message and by pubdata; named after zksync.js `utils`.
 * Each validates its input at run time and throws a `ZkLiteError` with a field-specific code.
 */
import { parseAmount, parseUint, type AmountLike } from "../amount.js";
import { parseHex } from "../bytes.js";
import {
  CONTENT_HASH_BYTES,
  FULL_AMOUNT_BYTES,
  MAX_NONCE,
  MAX_NUMBER_OF_ACCOUNTS,
  MAX_NUMBER_OF_TOKENS,
  MAX_PRICE,
  MAX_TIMESTAMP,
  PRICE_BYTES,
  TIMESTAMP_BYTES,
} from "../constants.js";
import { packAmount, packFee } from "../float-packing.js";
import { encodeUintBE, requireInteger } from "../integers.js";

export function serializeAccountId(accountId: number): Uint8Array {
  const id = requireInteger(accountId, 0, MAX_NUMBER_OF_ACCOUNTS - 1, "account id", "ACCOUNT_ID_OUT_OF_RANGE");
  return encodeUintBE(id, 4);
}

export function serializeTokenId(tokenId: number): Uint8Array {
  const id = requireInteger(tokenId, 0, MAX_NUMBER_OF_TOKENS - 1, "token id", "TOKEN_ID_OUT_OF_RANGE");
  return encodeUintBE(id, 4);
}

export function serializeNonce(nonce: number): Uint8Array {
  return encodeUintBE(requireInteger(nonce, 0, MAX_NONCE, "nonce", "NONCE_OUT_OF_RANGE"), 4);
}

/** 8 bytes (u64 BE) of a timestamp in `[0, MAX_TIMESTAMP]`. */
export function serializeTimestamp(timestamp: number): Uint8Array {
  const time = requireInteger(timestamp, 0, MAX_TIMESTAMP, "timestamp", "TIMESTAMP_OUT_OF_RANGE");
  return encodeUintBE(time, TIMESTAMP_BYTES);
}

/** 5-byte packed amount; throws `AMOUNT_NOT_PACKABLE` if not exactly representable. */
export function serializeAmountPacked(amount: AmountLike): Uint8Array {
  return packAmount(amount);
}

/** 16-byte (u128 BE) amount. */
export function serializeAmountFull(amount: AmountLike): Uint8Array {
  return encodeUintBE(parseAmount(amount), FULL_AMOUNT_BYTES);
}

/** 2-byte packed fee; throws `FEE_NOT_PACKABLE` if not exactly representable. */
export function serializeFeePacked(fee: AmountLike): Uint8Array {
  return packFee(fee);
}

/** 32 bytes of a `0x`-prefixed content hash; throws `INVALID_CONTENT_HASH`. */
export function serializeContentHash(contentHash: string): Uint8Array {
  return parseHex(contentHash, { length: CONTENT_HASH_BYTES, what: "content hash", code: "INVALID_CONTENT_HASH" });
}

/** 15 bytes of one Order ratio component (< 2^120). */
export function serializePrice(price: AmountLike): Uint8Array {
  return encodeUintBE(parseUint(price, "ratio component", MAX_PRICE), PRICE_BYTES);
}
