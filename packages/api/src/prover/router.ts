import { ZkLiteError } from "@zklite/protocol";
import { publicProcedure, router } from "../trpc.js";
import { proverGetJobInput, proverJobInput, proverLoginInput, proverPublishInput } from "./inputs.js";
import type { ProverServices } from "./services.js";

function served(services: ProverServices | undefined): ProverServices {
  if (services === undefined) throw new ZkLiteError("PROVER_API_DISABLED", "this node does not serve provers (no ZKLITE_PROVER_SECRET / ZKLITE_KEY_SET)");
  return services;
}

/**
 * The prover procedures (zkSync's prover protocol, pull model): `login` exchanges the shared secret for a
 * token; every other call carries it as `Authorization: Bearer <token>` and acts in the token's prover name.
 */
export function createProverRouter(services: ProverServices | undefined) {
  const authenticated = publicProcedure.use(async ({ ctx, next }) => {
    const prover = await served(services).authenticate(ctx.authorization);
    return next({ ctx: { prover } });
  });
  return router({
    login: publicProcedure.input(proverLoginInput).mutation(({ input }) => served(services).login(input.name, input.secret)),
    getJob: authenticated.input(proverGetJobInput).mutation(({ ctx, input }) => served(services).getJob(ctx.prover, input.chunkSizes)),
    heartbeat: authenticated.input(proverJobInput).mutation(({ ctx, input }) => served(services).heartbeat(ctx.prover, input.jobId)),
    publish: authenticated
      .input(proverPublishInput)
      .mutation(({ ctx, input }) => served(services).publish(ctx.prover, input.jobId, input.proof, input.publicSignals)),
    stopped: authenticated.mutation(({ ctx }) => served(services).stopped(ctx.prover)),
    needed: authenticated.query(() => served(services).proversNeeded()),
  });
}
