import { TRPCError } from "@trpc/server";
import { ZkLiteError } from "@zklite/protocol";
import { describe, expect, it } from "vitest";
import { zkLiteCodeOf } from "../errors.js";
import { createAppRouter } from "../router.js";
import type { NodeServices } from "../services.js";
import type { ProverServices } from "./services.js";

const noNode = {} as NodeServices;
const proof = { pi_a: ["1", "2", "1"], pi_b: [["1", "2"], ["3", "4"], ["1", "0"]], pi_c: ["1", "2", "1"], protocol: "groth16" as const, curve: "bn128" };

function prover(calls: string[]): ProverServices {
  return {
    login: async (name) => ({ token: `t-${name}`, expiresAt: 1, leaseMs: 1000, heartbeatIntervalMs: 250 }),
    authenticate: async (authorization) => {
      if (authorization !== "Bearer good") throw new ZkLiteError("PROVER_UNAUTHORIZED", "bad token");
      return "w1";
    },
    getJob: async (name, sizes) => {
      calls.push(`getJob ${name} ${sizes.join(",")}`);
      return null;
    },
    heartbeat: async (name, jobId) => ({ jobId, leaseUntil: name }),
    publish: async () => {
      throw new ZkLiteError("PROVER_JOB_NOT_HELD", "another prover holds it");
    },
    stopped: async () => ({ released: 0 }),
    proversNeeded: async () => ({ queued: 0, inProgress: 0, activeProvers: 0, needed: 0 }),
  };
}

describe("prover procedures", () => {
  it("act in the token's prover name and refuse calls without a valid token before any service runs", async () => {
    const calls: string[] = [];
    const router = createAppRouter(noNode, prover(calls));
    expect(await router.createCaller({}).prover.login({ name: "w1", secret: "s" })).toMatchObject({ token: "t-w1" });
    expect(await router.createCaller({ authorization: "Bearer good" }).prover.getJob({ chunkSizes: [8, 32] })).toBeNull();
    expect(calls).toEqual(["getJob w1 8,32"]);
    const refused = await router.createCaller({ authorization: "Bearer bad" }).prover.getJob({ chunkSizes: [8] }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(TRPCError);
    expect((refused as TRPCError).code).toBe("UNAUTHORIZED");
    expect(zkLiteCodeOf(refused)).toBe("PROVER_UNAUTHORIZED");
    expect(calls).toHaveLength(1);
    const notHeld = await router.createCaller({ authorization: "Bearer good" }).prover.publish({ jobId: "1", proof, publicSignals: ["5"] }).catch((error: unknown) => error);
    expect((notHeld as TRPCError).code).toBe("CONFLICT");
    expect(zkLiteCodeOf(notHeld)).toBe("PROVER_JOB_NOT_HELD");
  });

  it("validate inputs (sizes, job ids, proof shape) and answer PROVER_API_DISABLED on a node without provers", async () => {
    const caller = createAppRouter(noNode, prover([])).createCaller({ authorization: "Bearer good" });
    await expect(caller.prover.getJob({ chunkSizes: [] })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(caller.prover.heartbeat({ jobId: "-1" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(caller.prover.publish({ jobId: "1", proof: { ...proof, protocol: "plonk" as "groth16" }, publicSignals: ["5"] })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(caller.prover.publish({ jobId: "1", proof: { ...proof, pi_a: ["1", "2"] }, publicSignals: ["5"] })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const disabled = await createAppRouter(noNode).createCaller({}).prover.login({ name: "w1", secret: "s" }).catch((error: unknown) => error);
    expect((disabled as TRPCError).code).toBe("SERVICE_UNAVAILABLE");
    expect(zkLiteCodeOf(disabled)).toBe("PROVER_API_DISABLED");
  });
});
