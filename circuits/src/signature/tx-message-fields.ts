import { MAX_TX_MESSAGE_BYTES, ZkLiteError } from "@zklite/crypto-wasm";
import { bytesToBitsMsbFirst, multipackBits } from "@zklite/crypto-wasm/ts";

/** The three field elements of a signed tx message, as ZkSyncSignatureVerifier's `msg` input takes them. */
export type TxMessageFields = readonly [bigint, bigint, bigint];

const TX_MESSAGE_BITS = MAX_TX_MESSAGE_BYTES * 8;

/**
 * `msg[3]` of ZkSyncSignatureVerifier for the sign bytes of a transaction (PROTOCOL.md §2.4 step 1): the bits,
 * most significant first within each byte, right-padded with zeros to 736, cut into 253-bit chunks read least
 * significant bit first. RescueHash of these is zkSync's tx-message hash.
 */
export function txMessageFields(signBytes: Uint8Array): TxMessageFields {
  if (!(signBytes instanceof Uint8Array)) throw new ZkLiteError("INVALID_INPUT_TYPE", "sign bytes must be a Uint8Array");
  if (signBytes.length > MAX_TX_MESSAGE_BYTES) {
    throw new ZkLiteError("MESSAGE_TOO_LONG", `a signed message has at most ${MAX_TX_MESSAGE_BYTES} bytes, got ${signBytes.length}`);
  }
  const bits = new Uint8Array(TX_MESSAGE_BITS);
  bits.set(bytesToBitsMsbFirst(signBytes));
  const [first, second, third] = multipackBits(bits);
  return [first!, second!, third!];
}
