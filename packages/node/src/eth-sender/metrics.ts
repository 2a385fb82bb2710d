/** The eth-sender's Prometheus metrics, registered on the registry the node passes in. */
import { Counter, Gauge, type Registry } from "prom-client";

export interface EthSenderMetrics {
  /** Last block confirmed on L1, by stage (commit / prove / execute). */
  readonly lastBlock: Gauge<"stage">;
  readonly txsSent: Counter<"kind">;
  readonly replacements: Counter<"kind">;
  readonly errors: Counter<"code">;
  /** 1 while a pipeline is stopped on an error that needs the operator (a revert, bad input). */
  readonly pipelineStopped: Gauge<"kind">;
  readonly waitingForGas: Gauge;
  readonly baseFeeGwei: Gauge;
  readonly inflight: Gauge;
  /** 1 while another eth-sender holds the lease. */
  readonly standby: Gauge;
}

export function createEthSenderMetrics(registry: Registry): EthSenderMetrics {
  const registers = [registry];
  return {
    lastBlock: new Gauge({ name: "zklite_eth_sender_last_block", help: "Last block confirmed on L1, by stage", labelNames: ["stage"], registers }),
    txsSent: new Counter({ name: "zklite_eth_sender_txs_sent_total", help: "L1 transactions signed and broadcast (first sends)", labelNames: ["kind"], registers }),
    replacements: new Counter({ name: "zklite_eth_sender_replacements_total", help: "Stuck L1 transactions replaced with bumped fees", labelNames: ["kind"], registers }),
    errors: new Counter({ name: "zklite_eth_sender_errors_total", help: "eth-sender errors, by code", labelNames: ["code"], registers }),
    pipelineStopped: new Gauge({ name: "zklite_eth_sender_pipeline_stopped", help: "1 while a pipeline is stopped on an error", labelNames: ["kind"], registers }),
    waitingForGas: new Gauge({ name: "zklite_eth_sender_waiting_for_gas", help: "1 while the L1 base fee is above ZKLITE_ETH_SENDER_MAX_BASE_FEE_GWEI", registers }),
    baseFeeGwei: new Gauge({ name: "zklite_eth_sender_base_fee_gwei", help: "Base fee of the next L1 block, last seen", registers }),
    inflight: new Gauge({ name: "zklite_eth_sender_inflight", help: "1 while an L1 transaction is out and not yet confirmed", registers }),
    standby: new Gauge({ name: "zklite_eth_sender_standby", help: "1 while another eth-sender holds the lease and this one waits", registers }),
  };
}
