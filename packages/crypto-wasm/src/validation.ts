/**
 * Input checks shared by both implementations, so the wasm wrapper and the TypeScript code reject
 * exactly the same inputs with the same codes, and the wasm never sees an input that makes it panic.
 */
import { isBytes } from "@noble/hashes/utils.js";
import { cryptoError } from "./crypto-error.js";
import {
  MAX_TX_MESSAGE_BYTES,
  MIN_SEED_BYTES,
  ORDERS_BYTES,
  PRIVATE_KEY_BYTES,
  PUBLIC_KEY_BYTES,
  SIGNATURE_BYTES,
} from "./sizes.js";
import { bytesToBigIntBE } from "./ts/bytes.js";
import { SUBGROUP_ORDER } from "./ts/curve-params.js";

export function assertBytes(value: unknown, name: string): asserts value is Uint8Array {
  if (!isBytes(value)) {
    throw cryptoError("INVALID_INPUT_TYPE", `${name} must be a Uint8Array, got ${describeType(value)}`);
  }
}

function assertExactLength(value: unknown, length: number, name: string): asserts value is Uint8Array {
  assertBytes(value, name);
  if (value.length !== length) {
    throw cryptoError("INVALID_LENGTH", `${name} must be ${length} bytes, got ${value.length}`);
  }
}

export function assertSeed(seed: unknown): asserts seed is Uint8Array {
  assertBytes(seed, "seed");
  if (seed.length < MIN_SEED_BYTES) {
    throw cryptoError("INVALID_SEED", `seed must be at least ${MIN_SEED_BYTES} bytes, got ${seed.length}`);
  }
}

/** Checks a 32-byte big-endian private key with 0 < sk < l and returns it as an integer. */
export function parsePrivateKey(privateKey: unknown): bigint {
  assertBytes(privateKey, "private key");
  if (privateKey.length !== PRIVATE_KEY_BYTES) {
    throw cryptoError(
      "INVALID_PRIVATE_KEY",
      `private key must be ${PRIVATE_KEY_BYTES} bytes, got ${privateKey.length}`,
    );
  }
  const scalar = bytesToBigIntBE(privateKey);
  if (scalar === 0n) throw cryptoError("INVALID_PRIVATE_KEY", "private key must not be zero");
  if (scalar >= SUBGROUP_ORDER) {
    throw cryptoError("INVALID_PRIVATE_KEY", "private key must be smaller than the subgroup order l");
  }
  return scalar;
}

export function assertPublicKeyLength(publicKey: unknown): asserts publicKey is Uint8Array {
  assertExactLength(publicKey, PUBLIC_KEY_BYTES, "public key");
}

export function assertTxMessage(message: unknown): asserts message is Uint8Array {
  assertBytes(message, "message");
  if (message.length > MAX_TX_MESSAGE_BYTES) {
    throw cryptoError(
      "MESSAGE_TOO_LONG",
      `message must be at most ${MAX_TX_MESSAGE_BYTES} bytes, got ${message.length}`,
    );
  }
}

export function assertOrders(orders: unknown): asserts orders is Uint8Array {
  assertExactLength(orders, ORDERS_BYTES, "orders");
}

export function assertSignatureLength(signature: unknown): asserts signature is Uint8Array {
  assertExactLength(signature, SIGNATURE_BYTES, "signature");
}

function describeType(value: unknown): string {
  if (value === null) return "null";
  if (typeof value === "object") return value.constructor?.name ?? "object";
  return typeof value;
}
