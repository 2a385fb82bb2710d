import { ZkLiteError } from "@zklite/protocol";
import type { Registry } from "prom-client";
import type { NodeConfig } from "../config/config.js";
import { BlockProofVerifier } from "../prover-jobs/block-proof-verifier.js";
import { createProverJobMetrics } from "../prover-jobs/metrics.js";
import { ProverJobRepository } from "../prover-jobs/prover-job-repository.js";
import type { PrismaClient } from "../storage/generated/client.js";
import { ProverApiServices } from "./prover-api-services.js";
import { ProverTokens } from "./prover-token.js";

export interface ProverApi {
  /** The job queue: the witness generator enqueues into it, the eth-sender reads proofs from it. */
  readonly jobs: ProverJobRepository;
  /** The API's prover services; undefined when ZKLITE_PROVER_SECRET is not set (the procedures answer PROVER_API_DISABLED). */
  readonly services: ProverApiServices | undefined;
}

/** The prover side of a node from its configuration (`ZKLITE_KEY_SET`, `ZKLITE_PROVER_*`); metrics on `registry` if given. */
export function createProverApi(config: NodeConfig, prisma: PrismaClient, registry?: Registry): ProverApi {
  const verifier = config.ZKLITE_KEY_SET === undefined ? undefined : BlockProofVerifier.fromKeySet(config.ZKLITE_KEY_SET);
  const metrics = registry === undefined ? undefined : createProverJobMetrics(registry, () => jobs.counts());
  const jobs: ProverJobRepository = new ProverJobRepository(prisma, { leaseMs: config.ZKLITE_PROVER_LEASE_MS, metrics }, verifier);
  if (config.ZKLITE_PROVER_SECRET === undefined) return { jobs, services: undefined };
  if (verifier === undefined) throw new ZkLiteError("CONFIG_INVALID", "invalid node configuration: ZKLITE_PROVER_SECRET is set but ZKLITE_KEY_SET is not (proofs could not be verified)");
  const tokens = new ProverTokens(config.ZKLITE_PROVER_SECRET, config.ZKLITE_PROVER_TOKEN_TTL_S * 1000);
  return { jobs, services: new ProverApiServices(jobs, tokens, { leaseMs: config.ZKLITE_PROVER_LEASE_MS, chunkSizes: verifier.chunkSizes }) };
}
