/** eth-watch's slice of the node config (zod, with the defaults documented in README.md). */
import { z } from "zod";

const address = z.string().regex(/^0x[0-9a-fA-F]{40}$/, "must be a 0x-prefixed 20-byte address");

export const ethWatchConfigSchema = z.object({
  /** JSON-RPC endpoint of the L1 node. */
  rpcUrl: z.url(),
  /** L1 chain id; given, so the provider never probes the network (no retry spam while the node is down). */
  chainId: z.coerce.number().int().positive(),
  /** The rollup proxy (`deployment.contracts.zkLite`). */
  rollupAddress: address,
  /** The governance proxy (`deployment.contracts.governance`). */
  governanceAddress: address,
  /** First L1 block to read at first start (`deployment.deployBlock`). */
  startBlock: z.coerce.number().int().nonnegative().default(0),
  /** Events in blocks ≤ head − confirmations are confirmed; above, they are unconfirmed. zkSync: 0 dev, 10 public. */
  confirmations: z.coerce.number().int().nonnegative().default(0),
  /** Pause between polls when all is well. */
  pollIntervalMs: z.coerce.number().int().positive().default(1_000),
  /** Largest block range of one `eth_getLogs`. */
  maxBlockRange: z.coerce.number().int().positive().default(1_000),
  /** Backoff after a failed poll: doubles from `backoffInitialMs` up to `backoffMaxMs`, reset by a success. */
  backoffInitialMs: z.coerce.number().int().positive().default(100),
  backoffMaxMs: z.coerce.number().int().positive().default(5_000),
  /** Timeout of one JSON-RPC request. */
  requestTimeoutMs: z.coerce.number().int().positive().default(10_000),
  /** When the stored cursor's block hash is no longer canonical, re-read this many blocks before it. */
  reorgRewindBlocks: z.coerce.number().int().nonnegative().default(64),
});

export type EthWatchConfigInput = z.input<typeof ethWatchConfigSchema>;
export type EthWatchConfig = z.output<typeof ethWatchConfigSchema>;

/** Validates and fills defaults; throws zod's error naming the bad field. */
export function parseEthWatchConfig(input: EthWatchConfigInput): EthWatchConfig {
  return ethWatchConfigSchema.parse(input);
}
