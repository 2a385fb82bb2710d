import { TRPCError } from "@trpc/server";
import { isZkLiteError } from "@zklite/protocol";

type TrpcCode = ConstructorParameters<typeof TRPCError>[0]["code"];

/** zkLite error codes that are not the client's fault, or that name something missing. */
const CODE_TO_TRPC: Readonly<Record<string, TrpcCode>> = {
  MEMPOOL_UNAVAILABLE: "SERVICE_UNAVAILABLE",
  EXODUS_MODE: "PRECONDITION_FAILED",
  NODE_STARTING: "SERVICE_UNAVAILABLE",
  NOT_FOUND: "NOT_FOUND",
  TOO_MANY_PENDING: "TOO_MANY_REQUESTS",
  PROVER_API_DISABLED: "SERVICE_UNAVAILABLE",
  PROVER_UNAUTHORIZED: "UNAUTHORIZED",
  PROVER_TOKEN_EXPIRED: "UNAUTHORIZED",
  PROVER_JOB_NOT_FOUND: "NOT_FOUND",
  PROVER_JOB_NOT_HELD: "CONFLICT",
  PROVER_NO_KEY: "PRECONDITION_FAILED",
};

/** The error's `data.zkLiteCode` on the wire: the stable `ZkLiteError` code (`NONCE_TOO_LOW`, …). */
export interface ZkLiteErrorData {
  readonly zkLiteCode: string | null;
}

/** Turns a `ZkLiteError` thrown by a service into a tRPC error with a fitting HTTP status; others pass. */
export function toTrpcError(error: unknown): unknown {
  if (!isZkLiteError(error)) return error;
  return new TRPCError({ code: CODE_TO_TRPC[error.code] ?? "BAD_REQUEST", message: error.message, cause: error });
}

/** The zkLite code carried by a tRPC error's cause chain, if any. */
export function zkLiteCodeOf(error: unknown): string | null {
  let cause: unknown = error;
  for (let depth = 0; depth < 5 && cause !== undefined && cause !== null; depth++) {
    if (isZkLiteError(cause)) return cause.code;
    cause = (cause as { cause?: unknown }).cause;
  }
  return null;
}
