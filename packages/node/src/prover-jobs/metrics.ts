/** The prover queue's Prometheus metrics, registered on the registry the node passes in. */
import { Counter, Gauge, Histogram, type Registry } from "prom-client";

export interface ProverJobMetrics {
  readonly claimed: Counter;
  /** Published proofs by outcome: accepted, already_proven, or the refusal code. */
  readonly proofs: Counter<"result">;
  readonly verifySeconds: Histogram;
}

/** `queueDepth` is read at scrape time (queued, in progress, live workers). */
export function createProverJobMetrics(registry: Registry, queueDepth: () => Promise<{ queued: number; inProgress: number; activeProvers: number }>): ProverJobMetrics {
  const registers = [registry];
  new Gauge({
    name: "zklite_prover_jobs",
    help: "Prover jobs by state (queued includes expired leases), and live prover workers",
    labelNames: ["state"] as const,
    registers,
    async collect() {
      const depth = await queueDepth();
      this.set({ state: "queued" }, depth.queued);
      this.set({ state: "in_progress" }, depth.inProgress);
      this.set({ state: "active_provers" }, depth.activeProvers);
    },
  });
  return {
    claimed: new Counter({ name: "zklite_prover_jobs_claimed_total", help: "Jobs handed to provers (reassignments included)", registers }),
    proofs: new Counter({ name: "zklite_prover_proofs_total", help: "Published proofs by outcome", labelNames: ["result"] as const, registers }),
    verifySeconds: new Histogram({ name: "zklite_prover_verify_seconds", help: "Groth16 verification of a published proof", buckets: [0.01, 0.03, 0.1, 0.3, 1, 3], registers }),
  };
}
