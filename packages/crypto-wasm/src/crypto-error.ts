import { ZkLiteError } from "./errors.js";

/** Every code this package throws. Stable: callers and other packages match on them. */
export type CryptoErrorCode =
  | "CRYPTO_NOT_INITIALIZED"
  | "CRYPTO_INIT_FAILED"
  | "CRYPTO_INTERNAL_ERROR"
  | "INVALID_INPUT_TYPE"
  | "INVALID_LENGTH"
  | "INVALID_SEED"
  | "INVALID_PRIVATE_KEY"
  | "INVALID_PUBLIC_KEY"
  | "MESSAGE_TOO_LONG"
  | "INVALID_FIELD_ELEMENT"
  | "INVALID_SCALAR";

export function cryptoError(code: CryptoErrorCode, message: string, cause?: unknown): ZkLiteError<CryptoErrorCode> {
  return new ZkLiteError(code, message, cause === undefined ? undefined : { cause });
}
