import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";
import { concatBytes, parseHex, requireBytes } from "../bytes.js";
import { TX_HASH_BYTES } from "../constants.js";
import { describeValue, protocolError } from "../errors.js";
import { serializeTx, type OrdersHasher } from "./sign-bytes.js";
import type { TxInput } from "./types.js";

const TX_HASH_PREFIX = "sync-tx:";

/** `"sync-tx:" + hex(sha256(signBytes))`. */
export function txHashFromSignBytes(signBytes: Uint8Array): string {
  return TX_HASH_PREFIX + bytesToHex(sha256(requireBytes(signBytes, "sign bytes", "INVALID_TRANSACTION")));
}

/**
 * zksync.js `getTxHash`. For a Swap this hashes the sign bytes, which hold the 31-byte orders hash (so
 * `hashOrders` is required); the Rust server's `ZkSyncTx::hash()` hashes the full orders instead.
 */
export function getTxHash(tx: TxInput, hashOrders?: OrdersHasher): string {
  return txHashFromSignBytes(serializeTx(tx, hashOrders));
}

/** The 32 bytes of a tx hash written `sync-tx:…` or `0x…`; throws `INVALID_HEX`. */
export function parseTxHash(hash: string): Uint8Array {
  if (typeof hash === "string" && hash.startsWith(TX_HASH_PREFIX)) {
    return parseHex(hash.slice(TX_HASH_PREFIX.length), { length: TX_HASH_BYTES, prefix: "none", what: "tx hash" });
  }
  return parseHex(hash, { length: TX_HASH_BYTES, what: "tx hash" });
}

/** Batch hash (`TxHash::batch_hash`): `sha256(hash_1 ‖ … ‖ hash_n)`, written `sync-tx:…`. */
export function getBatchHash(txHashes: readonly string[]): string {
  if (!Array.isArray(txHashes) || txHashes.length === 0) {
    throw protocolError("INVALID_TRANSACTION", `a batch needs at least one tx hash, got ${describeValue(txHashes)}`);
  }
  return txHashFromSignBytes(concatBytes(...txHashes.map(parseTxHash)));
}
