import { z } from "zod";
import { ZkLiteError } from "@zklite/protocol";

const integer = (fallback: number, min = 0) => z.coerce.number().int().min(min).default(fallback);
const list = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((value, ctx) => {
      const items = value.split(",").map((item) => Number(item.trim()));
      if (items.length === 0 || items.some((item) => !Number.isInteger(item) || item <= 0)) {
        ctx.addIssue({ code: "custom", message: `expected a comma-separated list of positive integers, got "${value}"` });
        return z.NEVER;
      }
      return [...new Set(items)].sort((a, b) => a - b);
    });
const flag = (fallback: boolean) =>
  z
    .enum(["0", "1", "true", "false"])
    .default(fallback ? "1" : "0")
    .transform((value) => value === "1" || value === "true");

export const NODE_SERVICES = ["core", "witness", "eth-sender"] as const;
export type NodeService = (typeof NODE_SERVICES)[number];

/**
 * Every setting of every zkLite node binary, from environment variables (one schema, documented
 * defaults; README.md "Configuration" lists them). Unknown variables are ignored.
 */
export const configSchema = z.object({
  /** PostgreSQL connection string; when absent the node runs on embedded PGlite in ZKLITE_DATA_DIR. */
  DATABASE_URL: z.string().min(1).optional(),
  ZKLITE_DATA_DIR: z.string().min(1).default("./.zklite/data"),

  ZKLITE_API_HOST: z.string().min(1).default("127.0.0.1"),
  ZKLITE_API_PORT: integer(3030),
  /** Largest HTTP request body accepted, in bytes. */
  ZKLITE_API_MAX_BODY_BYTES: integer(1_000_000, 1024),
  /** Origins allowed to call the API from a browser (`*`, or one origin). */
  ZKLITE_API_CORS_ORIGIN: z.string().min(1).default("*"),

  ZKLITE_L1_RPC_URL: z.string().url().default("http://127.0.0.1:8545"),
  /** JSON written by the contracts' deploy script (addresses, chain id, genesis). */
  ZKLITE_DEPLOYMENT_FILE: z.string().min(1).default("contracts/deployments/devnet.json"),
  ZKLITE_L1_CONFIRMATIONS: integer(1),
  ZKLITE_L1_POLL_MS: integer(500, 10),
  ZKLITE_L1_MAX_LOG_RANGE: integer(2000, 1),

  ZKLITE_ACCOUNT_TREE_DEPTH: integer(24, 2),
  ZKLITE_BALANCE_TREE_DEPTH: integer(32, 10),
  /** Block sizes (chunks) the circuits support; a block is padded to the smallest that fits. */
  ZKLITE_BLOCK_CHUNK_SIZES: list("8,32,128,512"),
  /** The block circuit's fee slots and extended lanes (of the smallest block size, so any size holds them). */
  ZKLITE_MAX_FEE_TOKENS: integer(8, 1),
  ZKLITE_MAX_EXTENDED_TOUCHES: integer(4, 0),
  /** L1 gas a block may need to commit and execute (zkSync's GasCounter). */
  ZKLITE_BLOCK_GAS_LIMIT: integer(4_000_000, 100_000),
  ZKLITE_FEE_ACCOUNT_ID: integer(0),
  ZKLITE_MINIBLOCK_INTERVAL_MS: integer(100, 1),
  /** A block seals this many mini-block intervals after its first successful operation. */
  ZKLITE_MINIBLOCK_ITERATIONS: integer(10, 1),
  /** Largest number of transactions taken into one mini-block. */
  ZKLITE_MINIBLOCK_MAX_TXS: integer(2000, 1),

  ZKLITE_MAX_BATCH_SIZE: integer(200, 1),
  ZKLITE_MAX_BATCH_SIGNERS: integer(10, 1),
  /** Seconds a transaction with a future nonce waits for its gap to close. */
  ZKLITE_FUTURE_NONCE_TTL_S: integer(86_400, 1),
  /** Largest number of transactions one account may have waiting. */
  ZKLITE_MAX_PENDING_PER_ACCOUNT: integer(1000, 1),
  /** Submissions are persisted in groups: the longest a submission waits for its group, in ms. */
  ZKLITE_INGEST_FLUSH_MS: integer(2, 0),

  /** Fixed price source (devnets and tests). */
  ZKLITE_GAS_PRICE_GWEI: z.coerce.number().positive().default(1),
  ZKLITE_ETH_PRICE_USD: z.coerce.number().positive().default(3000),
  /** Token prices in USD by symbol, "DAI=1,USDC=1"; tokens without a price are not accepted for fees. */
  ZKLITE_TOKEN_PRICES_USD: z.string().default(""),
  /** Accept any fee (devnets only). */
  ZKLITE_ZERO_FEES: flag(false),

  /** Key-set manifest of @zklite/prover: the verification keys prover results are checked against. */
  ZKLITE_KEY_SET: z.string().min(1).optional(),
  /** Shared secret provers trade for a short-lived token; absent: the prover API is off. */
  ZKLITE_PROVER_SECRET: z.string().min(16).optional(),
  ZKLITE_PROVER_TOKEN_TTL_S: integer(300, 1),
  /** How long a prover holds a job without a heartbeat (it heartbeats every quarter of it); then the job is reassigned. */
  ZKLITE_PROVER_LEASE_MS: integer(60_000, 200),
  /** The eth-sender (commit / prove / execute on L1); see src/eth-sender/README.md. */
  ZKLITE_ETH_SENDER_ENABLED: flag(true),
  /** The operator (validator) key; default: Hardhat's first account, the devnet's deployer (refused on other chains). */
  ZKLITE_OPERATOR_PRIVATE_KEY: z
    .string()
    .regex(/^0x[0-9a-fA-F]{64}$/, "expected 0x and 64 hex digits")
    .default("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"),
  ZKLITE_ETH_SENDER_MAX_BLOCKS_PER_TX: integer(10, 1),
  /** Estimated L1 gas an aggregated transaction may use. */
  ZKLITE_ETH_SENDER_MAX_TX_GAS: integer(5_000_000, 100_000),
  /** A partial aggregate is sent once its oldest block has waited this long. */
  ZKLITE_ETH_SENDER_DEADLINE_MS: integer(10_000, 0),
  ZKLITE_ETH_SENDER_CONFIRMATIONS: integer(1, 1),
  /** A transaction not mined this long after its broadcast is replaced with higher fees. */
  ZKLITE_ETH_SENDER_STUCK_AFTER_MS: integer(60_000, 100),
  /** Nothing new is sent (and nothing replaced) while the L1 base fee is above this. */
  ZKLITE_ETH_SENDER_MAX_BASE_FEE_GWEI: z.coerce.number().positive().default(400),
  ZKLITE_ETH_SENDER_PRIORITY_FEE_GWEI: z.coerce.number().nonnegative().default(1),
  ZKLITE_ETH_SENDER_POLL_MS: integer(1000, 10),
  /** Only one eth-sender acts at a time; a standby takes over when the active one's lease is this old. */
  ZKLITE_ETH_SENDER_LEASE_MS: integer(30_000, 1000),

  /**
   * The services this process runs (comma-separated): core (state keeper, mempool, eth-watch, API, prover API),
   * witness, eth-sender. Default all, in one process; separate processes need a shared PostgreSQL.
   */
  ZKLITE_SERVICES: z
    .string()
    .default("core,witness,eth-sender")
    .transform((value, ctx) => {
      const items = [...new Set(value.split(",").map((item) => item.trim()))];
      const unknown = items.filter((item) => !NODE_SERVICES.includes(item as NodeService));
      if (items.length === 0 || unknown.length > 0) {
        ctx.addIssue({ code: "custom", message: `expected services among ${NODE_SERVICES.join(", ")}, got "${value}"` });
        return z.NEVER;
      }
      return items as NodeService[];
    }),

  ZKLITE_LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type NodeConfig = z.infer<typeof configSchema>;

/** Parses the configuration; a bad value is a `CONFIG_INVALID` error naming every offending variable. */
export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env): NodeConfig {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ");
    throw new ZkLiteError("CONFIG_INVALID", `invalid node configuration: ${problems}`);
  }
  return parsed.data;
}
