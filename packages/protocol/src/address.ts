import { bytesToHex } from "@noble/hashes/utils.js";
import { ADDRESS_BYTES, PUBKEY_HASH_BYTES } from "./constants.js";
import { describeValue, protocolError } from "./errors.js";
import { parseHex, requireBytes } from "./bytes.js";

/** Ethereum address as `0x` + 40 lowercase hex (inputs may use any case). */
export type Address = string;
/** zkSync public key hash as `sync:` + 40 lowercase hex. */
export type PubKeyHash = string;

export const ZERO_ADDRESS: Address = `0x${"00".repeat(ADDRESS_BYTES)}`;
export const ZERO_PUBKEY_HASH: PubKeyHash = `sync:${"00".repeat(PUBKEY_HASH_BYTES)}`;

/** Validates an address (`0x` + 40 hex, any case) and returns it in lowercase; throws `INVALID_ADDRESS`. */
export function parseAddress(value: unknown): Address {
  return bytesToAddress(addressToBytes(value));
}

export function addressToBytes(value: unknown): Uint8Array {
  return parseHex(value, { length: ADDRESS_BYTES, what: "address", code: "INVALID_ADDRESS" });
}

export function bytesToAddress(bytes: Uint8Array): Address {
  requireBytes(bytes, "address bytes", "INVALID_ADDRESS", ADDRESS_BYTES);
  return `0x${bytesToHex(bytes)}`;
}

/** Validates a pubkey hash (`sync:` + 40 hex, any case), returns it lowercase; throws `INVALID_PUBKEY_HASH`. */
export function parsePubKeyHash(value: unknown): PubKeyHash {
  return bytesToPubKeyHash(pubKeyHashToBytes(value));
}

export function pubKeyHashToBytes(value: unknown): Uint8Array {
  if (typeof value !== "string" || !value.startsWith("sync:")) {
    throw protocolError("INVALID_PUBKEY_HASH", `pubkey hash must start with "sync:", got ${describeValue(value)}`);
  }
  return parseHex(value.slice(5), {
    length: PUBKEY_HASH_BYTES,
    prefix: "none",
    what: "pubkey hash",
    code: "INVALID_PUBKEY_HASH",
  });
}

export function bytesToPubKeyHash(bytes: Uint8Array): PubKeyHash {
  requireBytes(bytes, "pubkey hash bytes", "INVALID_PUBKEY_HASH", PUBKEY_HASH_BYTES);
  return `sync:${bytesToHex(bytes)}`;
}

/**
 * zksync.js `serializeAddress`: 20 bytes of an Ethereum address (`0x…`) or a pubkey hash (`sync:…`);
 * either prefix is accepted for either kind. Throws `INVALID_ADDRESS`.
 */
export function serializeAddress(value: string): Uint8Array {
  if (typeof value === "string" && value.startsWith("sync:")) {
    return parseHex(value.slice(5), { length: ADDRESS_BYTES, prefix: "none", what: "address", code: "INVALID_ADDRESS" });
  }
  return addressToBytes(value);
}
