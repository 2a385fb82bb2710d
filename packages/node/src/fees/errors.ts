/** Typed errors of the fee model. */
import { ZkLiteError } from "@zklite/protocol";

export type FeeErrorCode =
  /** The token has no price (or is excluded by the allow-list): fees cannot be paid in it. */
  | "FEE_TOKEN_NOT_ALLOWED"
  /** ETH has no price in the price source: nothing can be quoted. */
  | "FEE_PRICE_UNAVAILABLE"
  /** A price that is not a non-negative decimal number. */
  | "INVALID_PRICE"
  /** Not one of zkSync's fee types. */
  | "INVALID_FEE_TYPE";

export class FeeError extends ZkLiteError<FeeErrorCode> {}
