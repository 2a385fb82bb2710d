import { initTRPC, TRPCError } from "@trpc/server";
import { isZkLiteError } from "@zklite/protocol";
import { toTrpcError, zkLiteCodeOf, type ZkLiteErrorData } from "./errors.js";

/** Per-request context: what the HTTP adapter reads from the request (all optional: in-process callers pass `{}`). */
export interface ApiContext {
  /** The `Authorization` header (prover procedures: `Bearer <token>`). */
  readonly authorization?: string | undefined;
}

const t = initTRPC.context<ApiContext>().create({
  errorFormatter({ shape, error }) {
    const data: typeof shape.data & ZkLiteErrorData = {
      ...shape.data,
      zkLiteCode: zkLiteCodeOf(error) ?? transportCode(error.code, error.cause),
    };
    // internal errors never leak their details
    const message = error.code === "INTERNAL_SERVER_ERROR" ? "internal error" : shape.message;
    const { stack: _stack, ...rest } = data as typeof data & { stack?: string };
    return { ...shape, message, data: rest };
  },
  sse: { ping: { enabled: true, intervalMs: 10_000 }, client: { reconnectAfterInactivityMs: 30_000 } },
});

/** Errors raised by tRPC itself (bad JSON, bad input shape, unknown procedure) get a zkLite code too. */
function transportCode(code: string, cause: unknown): string {
  if (code === "BAD_REQUEST" && (cause as { name?: string } | undefined)?.name === "ZodError") return "INVALID_REQUEST";
  const codes: Record<string, string> = {
    PARSE_ERROR: "INVALID_JSON",
    BAD_REQUEST: "INVALID_REQUEST",
    PAYLOAD_TOO_LARGE: "PAYLOAD_TOO_LARGE",
    NOT_FOUND: "UNKNOWN_PROCEDURE",
    METHOD_NOT_SUPPORTED: "METHOD_NOT_SUPPORTED",
    UNSUPPORTED_MEDIA_TYPE: "UNSUPPORTED_MEDIA_TYPE",
    TIMEOUT: "TIMEOUT",
    TOO_MANY_REQUESTS: "TOO_MANY_REQUESTS",
  };
  return codes[code] ?? "INTERNAL_ERROR";
}

/** Every procedure maps thrown `ZkLiteError`s to typed tRPC errors. */
const zkLiteErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (result.ok) return result;
  // tRPC reads the body lazily, inside the call: a body that is not JSON surfaces here as a SyntaxError
  if (result.error.cause instanceof SyntaxError) throw new TRPCError({ code: "PARSE_ERROR", message: "the request body is not valid JSON", cause: result.error.cause });
  // a service's ZkLiteError arrives wrapped as an internal error: give it its own status and code
  if (isZkLiteError(result.error.cause)) throw toTrpcError(result.error.cause);
  throw result.error;
});

export const router = t.router;
export const publicProcedure = t.procedure.use(zkLiteErrors);
