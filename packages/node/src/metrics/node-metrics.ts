import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/** The node's Prometheus metrics (served on /metrics); each component updates its own. */
export class NodeMetrics {
  readonly registry = new Registry();
  readonly mempoolSize = new Gauge({ name: "zklite_mempool_size", help: "Transactions waiting in the mempool", registers: [this.registry] });
  readonly accepted = new Counter({ name: "zklite_ingest_accepted_total", help: "Transactions accepted into the mempool", registers: [this.registry] });
  readonly rejected = new Counter({ name: "zklite_ingest_rejected_total", help: "Submissions refused, by zkLite error code", labelNames: ["code"], registers: [this.registry] });
  readonly submitSeconds = new Histogram({
    name: "zklite_submit_seconds",
    help: "Time to admit and persist a submission",
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [this.registry],
  });
  readonly executed = new Counter({ name: "zklite_executed_operations_total", help: "Operations executed or failed by the state keeper", registers: [this.registry] });
  readonly sealSeconds = new Histogram({ name: "zklite_block_seal_seconds", help: "Time to hash and store a sealed block", buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5], registers: [this.registry] });
  readonly dbWriteSeconds = new Histogram({
    name: "zklite_db_write_seconds",
    help: "Database write latency",
    labelNames: ["what"],
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [this.registry],
  });
  readonly exodusMode = new Gauge({ name: "zklite_exodus_mode", help: "1 once the rollup is in exodus mode on L1 (no more blocks)", registers: [this.registry] });
  readonly lastSealedBlock = new Gauge({ name: "zklite_last_sealed_block", help: "Number of the last sealed (stored) block", registers: [this.registry] });
  readonly witnessSeconds = new Histogram({ name: "zklite_witness_seconds", help: "Time to build and store a block's circuit input", buckets: [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60], registers: [this.registry] });
  readonly lastWitnessedBlock = new Gauge({ name: "zklite_last_witnessed_block", help: "Number of the last block with a prover job", registers: [this.registry] });
  readonly lastCommittedBlock = new Gauge({ name: "zklite_last_committed_block", help: "Number of the last block committed on L1", registers: [this.registry] });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: "zklite_" });
  }
}
