/** The eth-sender's settings, in its own units (wei, ms), taken from the node's config (ZKLITE_ETH_SENDER_*). */
import { parseUnits } from "ethers";
import type { NodeConfig } from "../config/config.js";

export interface EthSenderConfig {
  readonly rpcUrl: string;
  readonly chainId: number;
  /** The rollup proxy. */
  readonly rollupAddress: string;
  readonly operatorPrivateKey: string;
  /** Blocks per commit / prove / execute transaction. */
  readonly maxBlocksPerTx: number;
  /** Estimated gas an aggregate may use (gas-estimate.ts); a single block is always sent. */
  readonly maxTxGas: bigint;
  /** A partial aggregate goes once its oldest block has waited this long. */
  readonly deadlineMs: number;
  /** Depth a receipt needs (1 = mined in the head block). */
  readonly confirmations: number;
  /** A transaction not mined this long after its broadcast is replaced with bumped fees. */
  readonly stuckAfterMs: number;
  /** Nothing is sent or replaced while the next block's base fee is above this. */
  readonly maxBaseFeeWei: bigint;
  readonly priorityFeeWei: bigint;
  readonly pollIntervalMs: number;
  /** Lifetime of the lease that keeps a second eth-sender on standby (storage/service-lease-repository.ts). */
  readonly leaseMs: number;
  /** Block sizes the node seals, and those the deployment has a verifier for (a block of another size cannot be proven). */
  readonly blockChunkSizes: readonly number[];
  readonly verifierChunkSizes: readonly number[] | undefined;
  readonly requestTimeoutMs: number;
  readonly backoffInitialMs: number;
  readonly backoffMaxMs: number;
}

/** Hardhat's first default account: the devnet's deployer and validator. Public: refused on any other chain. */
export const HARDHAT_DEFAULT_OPERATOR_KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
export const DEVNET_CHAIN_IDS: readonly number[] = [31337, 1337];

const gwei = (value: number) => parseUnits(value.toFixed(9), "gwei");

export interface DeploymentForEthSender {
  readonly chainId: string;
  readonly contracts: { readonly zkLite: string };
  readonly blockVerifiers?: Readonly<Record<string, string>>;
}

export function ethSenderConfig(config: NodeConfig, deployment: DeploymentForEthSender): EthSenderConfig {
  return {
    rpcUrl: config.ZKLITE_L1_RPC_URL,
    chainId: Number(deployment.chainId),
    rollupAddress: deployment.contracts.zkLite,
    operatorPrivateKey: config.ZKLITE_OPERATOR_PRIVATE_KEY,
    maxBlocksPerTx: config.ZKLITE_ETH_SENDER_MAX_BLOCKS_PER_TX,
    maxTxGas: BigInt(config.ZKLITE_ETH_SENDER_MAX_TX_GAS),
    deadlineMs: config.ZKLITE_ETH_SENDER_DEADLINE_MS,
    confirmations: config.ZKLITE_ETH_SENDER_CONFIRMATIONS,
    stuckAfterMs: config.ZKLITE_ETH_SENDER_STUCK_AFTER_MS,
    maxBaseFeeWei: gwei(config.ZKLITE_ETH_SENDER_MAX_BASE_FEE_GWEI),
    priorityFeeWei: gwei(config.ZKLITE_ETH_SENDER_PRIORITY_FEE_GWEI),
    pollIntervalMs: config.ZKLITE_ETH_SENDER_POLL_MS,
    leaseMs: config.ZKLITE_ETH_SENDER_LEASE_MS,
    blockChunkSizes: config.ZKLITE_BLOCK_CHUNK_SIZES,
    verifierChunkSizes: deployment.blockVerifiers === undefined ? undefined : Object.keys(deployment.blockVerifiers).map(Number),
    requestTimeoutMs: 10_000,
    backoffInitialMs: 200,
    backoffMaxMs: 10_000,
  };
}
