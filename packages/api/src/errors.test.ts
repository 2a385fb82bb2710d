import { TRPCError } from "@trpc/server";
import { ZkLiteError } from "@zklite/protocol";
import { describe, expect, it } from "vitest";
import { createAppRouter } from "./router.js";
import type { NodeServices } from "./services.js";
import { toTrpcError, zkLiteCodeOf } from "./errors.js";

describe("zkLite errors across tRPC", () => {
  it("maps a service's ZkLiteError to a typed tRPC error that keeps its code, with a fitting status", async () => {
    const refusing = new Proxy({} as NodeServices, {
      get: () => async () => {
        throw new ZkLiteError("NONCE_TOO_LOW", "nonce 0 is below the account's nonce 3");
      },
    });
    const caller = createAppRouter(refusing).createCaller({});
    const error = await caller.transaction.submit({ tx: {}, signature: null }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe("BAD_REQUEST");
    expect(zkLiteCodeOf(error)).toBe("NONCE_TOO_LOW");
    expect((error as TRPCError).message).toContain("below the account's nonce");
  });

  it("refuses bad input shapes before any service runs, and leaves other errors alone", async () => {
    let called = false;
    const services = new Proxy({} as NodeServices, {
      get: () => async () => {
        called = true;
        return null;
      },
    });
    const caller = createAppRouter(services).createCaller({});
    await expect(caller.account.info({ address: "not an address" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(caller.transaction.receipt({ hash: "sync-tx:zz" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(called).toBe(false);
    expect((toTrpcError(new ZkLiteError("MEMPOOL_UNAVAILABLE", "down")) as TRPCError).code).toBe("SERVICE_UNAVAILABLE");
    const other = new Error("boom");
    expect(toTrpcError(other)).toBe(other);
    expect(zkLiteCodeOf(other)).toBeNull();
  });
});
