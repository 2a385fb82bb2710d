/** Rescue pre-hashes of signed messages (zksync-crypto `rescueHash`, `rescueHashOrders`). */
import { MAX_TX_MESSAGE_BYTES, ORDERS_HASH_BYTES, TX_MESSAGE_HASH_BYTES } from "../sizes.js";
import { assertOrders, assertTxMessage } from "../validation.js";
import { bigIntToBytesLE, bytesToBitsMsbFirst, reverseBitsInByte } from "./bytes.js";
import { multipackBits } from "./multipack.js";
import { rescueHash } from "./rescue.js";

const TX_MESSAGE_BITS = MAX_TX_MESSAGE_BYTES * 8;

/**
 * `rescue_hash_tx_msg`: the message's bits (MSB first per byte) right-padded with zero bits to 736,
 * packed into 253-bit field elements, Rescue-hashed; the result as 32 little-endian bytes.
 */
export function rescueHashTxMsg(message: Uint8Array): Uint8Array {
  assertTxMessage(message);
  const bits = new Uint8Array(TX_MESSAGE_BITS);
  bits.set(bytesToBitsMsbFirst(message));
  return bigIntToBytesLE(rescueHash(multipackBits(bits)), TX_MESSAGE_HASH_BYTES);
}

/**
 * `rescue_hash_orders`: the two 89-byte orders' bits (MSB first, no padding) packed and Rescue-hashed;
 * the low 248 bits as 31 little-endian bytes with the bit order inside every byte reversed.
 */
export function rescueHashOrders(orders: Uint8Array): Uint8Array {
  assertOrders(orders);
  const digest = bigIntToBytesLE(rescueHash(multipackBits(bytesToBitsMsbFirst(orders))), ORDERS_HASH_BYTES);
  return digest.map(reverseBitsInByte);
}
