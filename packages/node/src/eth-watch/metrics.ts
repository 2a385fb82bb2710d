/** eth-watch's Prometheus metrics, registered on the registry the node passes in. */
import { Counter, Gauge, type Registry } from "prom-client";

export interface EthWatchMetrics {
  readonly lastSeenBlock: Gauge;
  readonly lastConfirmedBlock: Gauge;
  readonly unconfirmedOps: Gauge;
  readonly confirmedOps: Counter;
  readonly l1Errors: Counter<"code">;
  readonly reorgs: Counter;
}

export function createEthWatchMetrics(registry: Registry): EthWatchMetrics {
  const registers = [registry];
  return {
    lastSeenBlock: new Gauge({ name: "zklite_eth_watch_last_seen_l1_block", help: "Latest L1 block number seen", registers }),
    lastConfirmedBlock: new Gauge({
      name: "zklite_eth_watch_last_confirmed_l1_block",
      help: "Last L1 block whose events are confirmed and stored (the cursor)",
      registers,
    }),
    unconfirmedOps: new Gauge({
      name: "zklite_eth_watch_unconfirmed_priority_ops",
      help: "Priority ops seen above the confirmation depth",
      registers,
    }),
    confirmedOps: new Counter({ name: "zklite_eth_watch_confirmed_priority_ops_total", help: "Priority ops stored", registers }),
    l1Errors: new Counter({
      name: "zklite_eth_watch_l1_errors_total",
      help: "Failed polls, by error code",
      labelNames: ["code"] as const,
      registers,
    }),
    reorgs: new Counter({ name: "zklite_eth_watch_reorgs_total", help: "Reorgs of the stored cursor block detected", registers }),
  };
}
