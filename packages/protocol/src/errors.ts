import { ZkLiteError } from "@zklite/crypto-wasm";

export { ZkLiteError, isZkLiteError } from "@zklite/crypto-wasm";

/** Every error code the protocol module throws (always inside a `ZkLiteError`). */
export type ProtocolErrorCode =
  | "INVALID_HEX"
  | "INVALID_ADDRESS"
  | "INVALID_PUBKEY_HASH"
  | "INVALID_CONTENT_HASH"
  | "INVALID_AMOUNT"
  | "INVALID_DECIMALS"
  | "AMOUNT_NOT_PACKABLE"
  | "FEE_NOT_PACKABLE"
  | "ACCOUNT_ID_OUT_OF_RANGE"
  | "TOKEN_ID_OUT_OF_RANGE"
  | "NONCE_OUT_OF_RANGE"
  | "TIMESTAMP_OUT_OF_RANGE"
  | "VALUE_OUT_OF_RANGE"
  | "INVALID_TRANSACTION"
  | "INVALID_ORDERS_HASH"
  | "INVALID_MESSAGE_INPUT"
  | "INVALID_OPERATION"
  | "INVALID_PUBDATA"
  | "INVALID_BLOCK"
  | "INVALID_PROOF";

export function protocolError(code: ProtocolErrorCode, message: string, cause?: unknown): ZkLiteError<ProtocolErrorCode> {
  return new ZkLiteError(code, message, cause === undefined ? undefined : { cause });
}

const MAX_DESCRIPTION = 80;

/** A short, never-throwing description of any value, for error messages. */
export function describeValue(value: unknown): string {
  let text: string;
  switch (typeof value) {
    case "string":
      text = JSON.stringify(value);
      break;
    case "bigint":
      text = `${value.toString()}n`;
      break;
    case "number":
    case "boolean":
    case "undefined":
      text = String(value);
      break;
    case "symbol":
      text = "a symbol";
      break;
    case "function":
      text = "a function";
      break;
    default:
      text = value === null ? "null" : Array.isArray(value) ? `an array of ${value.length}` : "an object";
  }
  return text.length > MAX_DESCRIPTION ? `${text.slice(0, MAX_DESCRIPTION)}…` : text;
}

/** Narrows `value` to a non-null object, so field reads cannot throw a TypeError. */
export function requireObject<T extends object>(value: T, what: string, code: ProtocolErrorCode): T {
  if (typeof value !== "object" || value === null) {
    throw protocolError(code, `${what} must be an object, got ${describeValue(value)}`);
  }
  return value;
}
