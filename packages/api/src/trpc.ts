import { initTRPC } from "@trpc/server";
import { toTrpcError, zkLiteCodeOf, type ZkLiteErrorData } from "./errors.js";

const t = initTRPC.create({
  errorFormatter({ shape, error }) {
    const data: typeof shape.data & ZkLiteErrorData = {
      ...shape.data,
      zkLiteCode: zkLiteCodeOf(error) ?? (error.code === "BAD_REQUEST" && error.cause?.name === "ZodError" ? "INVALID_REQUEST" : null),
    };
    // internal errors never leak their details
    const message = error.code === "INTERNAL_SERVER_ERROR" ? "internal error" : shape.message;
    const { stack: _stack, ...rest } = data as typeof data & { stack?: string };
    return { ...shape, message, data: rest };
  },
  sse: { ping: { enabled: true, intervalMs: 10_000 }, client: { reconnectAfterInactivityMs: 30_000 } },
});

/** Every procedure maps thrown `ZkLiteError`s to typed tRPC errors. */
const zkLiteErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) throw toTrpcError(result.error.cause ?? result.error);
  return result;
});

export const router = t.router;
export const publicProcedure = t.procedure.use(zkLiteErrors);
