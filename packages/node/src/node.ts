import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { hostname } from "node:os";
import { resolve } from "node:path";
import type { AddressInfo } from "node:net";
import { init as initCrypto } from "@zklite/crypto-wasm";
import { initPoseidon, OnchainAuthFactStore } from "@zklite/state";
import { PoseidonWorkerPool } from "@zklite/state/parallel";
import { Contract, JsonRpcProvider } from "ethers";
import { loadKeySet } from "@zklite/prover";
import pino, { type Logger } from "pino";
import { EventFeed } from "./api/event-feed.js";
import { ApiServer } from "./api/http-server.js";
import { NodeApiServices } from "./api/node-services.js";
import type { NodeConfig } from "./config/config.js";
import { EthSender, ethSenderConfig, type GenesisStoredBlockJson } from "./eth-sender/index.js";
import { EthWatch } from "./eth-watch/index.js";
import { createFeeServices } from "./fees/fee-services.js";
import { Mempool } from "./mempool/mempool.js";
import { NodeMetrics } from "./metrics/node-metrics.js";
import { createProverApi } from "./prover-api/create-prover-api.js";
import { ProverJobRepository } from "./prover-jobs/prover-job-repository.js";
import { PrecheckedSignatures } from "./state-keeper/prechecked-signatures.js";
import { restoreState } from "./state-keeper/restore.js";
import { StateKeeper } from "./state-keeper/state-keeper.js";
import { blockCircuitsOf } from "./witness/block-circuits.js";
import { WitnessGenerator } from "./witness/witness-generator.js";
import { ChainRepository, type StoredChain } from "./storage/chain-repository.js";
import { rewindChain } from "./storage/chain-rewind.js";
import { openDatabase, type Database } from "./storage/database.js";
import { L1OperationRepository } from "./storage/l1-operation-repository.js";
import { MempoolRepository } from "./storage/mempool-repository.js";
import { PriorityOpRepository } from "./storage/priority-op-repository.js";
import { ServiceLeaseRepository } from "./storage/service-lease-repository.js";
import { ETH_TOKEN, TokenRegistry } from "./tokens/token-registry.js";

/** The parts of the contracts' deployment file (contracts/lib/deployment.ts) the node reads. */
interface DeploymentFile {
  readonly chainId: string;
  readonly deployer: string;
  readonly deployBlock: number;
  readonly contracts: { readonly zkLite: string; readonly governance: string };
  readonly blockVerifiers?: Readonly<Record<string, string>>;
  readonly genesis: { readonly stateRoot: string; readonly storedBlockInfo: GenesisStoredBlockJson };
  readonly tokens: readonly { readonly id: number; readonly address: string; readonly symbol: string; readonly decimals: number }[];
}

export interface NodeOverrides {
  readonly logger?: Logger;
  /** Fee account address; default: the deployer of the contracts (the devnet's operator). */
  readonly feeAccountAddress?: string;
  /** Called if a component stops on an unrecoverable error; the binary exits so a supervisor restarts it. */
  readonly onFatal?: (error: unknown) => void;
}

type TreeDepths = { readonly accountTreeDepth: number; readonly balanceTreeDepth: number };

const ERC20_METADATA_ABI = ["function symbol() view returns (string)", "function decimals() view returns (uint8)"];

/**
 * The zkLite node (DESIGN.md §7): the core (storage, eth-watch, mempool, state keeper — whose seal is the
 * committer's store step — the API and the prover API), the witness generator and the eth-sender, all in one
 * process by default or some of them (`ZKLITE_SERVICES`) in processes sharing one PostgreSQL. `start()` rebuilds
 * everything from storage, so a restart after a crash resumes where the last acknowledged write left off.
 */
export class ZkLiteNode {
  #metrics = new NodeMetrics();
  readonly logger: Logger;
  private database: Database | undefined;
  private pool: PoseidonWorkerPool | undefined;
  private ethWatch: EthWatch | undefined;
  private stateKeeper: StateKeeper | undefined;
  #ethSender: EthSender | undefined;
  private api: ApiServer | undefined;
  private address: AddressInfo | undefined;
  private jobs: ProverJobRepository | undefined;
  private witness: WitnessGenerator | undefined;
  private feedPoll: NodeJS.Timeout | undefined;
  private revertPoll: NodeJS.Timeout | undefined;
  private exodus = false;
  /** The API port of the first start, kept by a restart (the config may say 0: any free port). */
  private apiPort: number | undefined;
  private restarting: Promise<void> | undefined;

  constructor(
    readonly config: NodeConfig,
    private readonly overrides: NodeOverrides = {},
  ) {
    this.logger = overrides.logger ?? pino({ level: config.ZKLITE_LOG_LEVEL, base: { service: "zklite-node" } });
  }

  /** The node's metrics (a restart starts a fresh registry, as a new process would). */
  get metrics(): NodeMetrics {
    return this.#metrics;
  }

  /** The prover job queue once started (the witness generator enqueues, the eth-sender reads proofs). */
  get proverJobs(): ProverJobRepository {
    if (this.jobs === undefined) throw new Error("the node is not started");
    return this.jobs;
  }

  /** The eth-sender, when ZKLITE_ETH_SENDER_ENABLED: `notifyProof()` after storing a Proof row, `requestRevert(block)`. */
  get ethSender(): EthSender | undefined {
    return this.#ethSender;
  }

  /** The API's URL once started. */
  get url(): string {
    if (this.address === undefined) throw new Error("the node is not started");
    return `http://${this.address.address}:${this.address.port}`;
  }

  async start(): Promise<void> {
    const { config, logger } = this;
    const deployment = JSON.parse(readFileSync(resolve(config.ZKLITE_DEPLOYMENT_FILE), "utf8")) as DeploymentFile;
    await Promise.all([initCrypto(), initPoseidon()]);
    const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.ZKLITE_DATA_DIR });
    this.database = database;
    const services = new Set(config.ZKLITE_SERVICES);
    logger.info({ database: database.kind, dataDir: database.kind === "pglite" ? config.ZKLITE_DATA_DIR : undefined, services: [...services] }, "storage open");
    const chain = new ChainRepository(database.prisma);
    const depths = { accountTreeDepth: config.ZKLITE_ACCOUNT_TREE_DEPTH, balanceTreeDepth: config.ZKLITE_BALANCE_TREE_DEPTH };

    const core = services.has("core") ? await this.prepareCore(deployment, database, chain, depths) : undefined;
    if (services.has("witness") && config.ZKLITE_KEY_SET !== undefined) await this.startWitness(database, chain, depths, core?.committed);
    if (services.has("eth-sender") && config.ZKLITE_ETH_SENDER_ENABLED) this.startEthSender(deployment, database, core?.feed);
    // events written by an eth-sender in another process reach this process' subscribers by polling
    if (core !== undefined && this.#ethSender === undefined) this.feedPoll = setInterval(() => core.feed.notify(), 1000);
    if (core !== undefined || this.witness !== undefined) await this.watchReverts(database, core !== undefined);
    await core?.begin();
    logger.info({ url: this.address === undefined ? undefined : this.url, services: [...services] }, "zkLite node started");
  }

  /**
   * The core: restore, mempool, state keeper, eth-watch, the API and the prover API. It holds the state and the
   * mempool in memory, so the public API runs in its process (a separate API process would need them from storage).
   */
  private async prepareCore(deployment: DeploymentFile, database: Database, chain: ChainRepository, depths: TreeDepths) {
    const { config, logger, metrics } = this;
    this.pool = await PoseidonWorkerPool.start();
    const tokens = new TokenRegistry([ETH_TOKEN]);
    const deployedTokens = new Map(deployment.tokens.map((token) => [token.address.toLowerCase(), token]));
    const l1 = new JsonRpcProvider(config.ZKLITE_L1_RPC_URL, Number(deployment.chainId), { staticNetwork: true });
    const priorityOps = new PriorityOpRepository(
      database.prisma,
      async (address) => {
        const known = deployedTokens.get(address.toLowerCase());
        if (known !== undefined) return { symbol: known.symbol, decimals: known.decimals };
        const erc20 = new Contract(address, ERC20_METADATA_ABI, l1);
        return { symbol: String(await erc20.getFunction("symbol")()), decimals: Number(await erc20.getFunction("decimals")()) };
      },
      (listed) => listed.forEach((token) => tokens.add(token)),
    );
    for (const token of await priorityOps.tokens()) tokens.add(token);
    // L1's on-chain ChangePubKey authorizations, as eth-watch confirmed them (kept up to date by its hook below)
    const authFacts = new OnchainAuthFactStore();
    for (const fact of await priorityOps.authFacts()) {
      authFacts.recordFact(fact.owner, fact.nonce, fact.pubKeyHash);
      if (fact.resetRequested) authFacts.recordResetRequest(fact.owner, fact.nonce);
    }

    const revert = await new L1OperationRepository(database.prisma).confirmedRevert();
    if (revert !== undefined) {
      const rewound = await rewindChain(database.prisma, chain, revert, depths);
      logger.warn({ fromBlock: revert.fromBlock, ...rewound }, "storage rewound: blocks were reverted on L1; their transactions are back in the mempool");
    }

    const signatures = new PrecheckedSignatures();
    const restored = await restoreState(
      chain,
      {
        ...depths,
        signatureChecker: signatures,
        // EIP-712 ChangePubKey authorizations are checked against the L1's chain id, Onchain ones against authFacts
        chainId: Number(deployment.chainId),
        onchainAuthFacts: authFacts,
        feeAccountAddress: (this.overrides.feeAccountAddress ?? deployment.deployer).toLowerCase(),
        expectedGenesisRoot: deployment.genesis.stateRoot,
      },
      this.pool.hashBatch,
    );
    const { state, stored } = restored;

    const fees = createFeeServices(config, tokens);
    const mempool = new Mempool({
      store: new MempoolRepository(database.prisma),
      state,
      tokens,
      fees: fees.policy,
      limits: {
        maxBatchSize: config.ZKLITE_MAX_BATCH_SIZE,
        maxBatchSigners: config.ZKLITE_MAX_BATCH_SIGNERS,
        maxBlockChunks: Math.max(...config.ZKLITE_BLOCK_CHUNK_SIZES),
        maxPendingPerAccount: config.ZKLITE_MAX_PENDING_PER_ACCOUNT,
        futureNonceTtlMs: config.ZKLITE_FUTURE_NONCE_TTL_S * 1000,
        flushDelayMs: config.ZKLITE_INGEST_FLUSH_MS,
      },
      rememberSigner: (message, pubKeyHash) => signatures.remember(message, pubKeyHash),
      onPersisted: (count, ms) => {
        metrics.accepted.inc(count);
        metrics.dbWriteSeconds.observe({ what: "mempool" }, ms / 1000);
      },
    });
    await mempool.load();

    const feed = new EventFeed(database.prisma);
    const stateKeeper = new StateKeeper(
      {
        state,
        mempool,
        chain,
        priorityOps,
        hasher: this.pool.hashBatch,
        logger: logger.child({ component: "state-keeper" }),
        options: {
          feeAccountId: config.ZKLITE_FEE_ACCOUNT_ID,
          blockChunkSizes: config.ZKLITE_BLOCK_CHUNK_SIZES,
          maxFeeTokens: config.ZKLITE_MAX_FEE_TOKENS,
          maxExtendedTouches: config.ZKLITE_MAX_EXTENDED_TOUCHES,
          blockGasLimit: config.ZKLITE_BLOCK_GAS_LIMIT,
          miniBlockIntervalMs: config.ZKLITE_MINIBLOCK_INTERVAL_MS,
          miniBlockIterations: config.ZKLITE_MINIBLOCK_ITERATIONS,
          miniBlockMaxTxs: config.ZKLITE_MINIBLOCK_MAX_TXS,
        },
        onSealed: (block, ms) => {
          this.witness?.notify();
          metrics.sealSeconds.observe(ms / 1000);
          metrics.lastSealedBlock.set(block.blockNumber);
          feed.notify();
        },
        onFatal: (error) => this.overrides.onFatal?.(error),
        onMiniBlock: (executed) => {
          metrics.executed.inc(executed);
          metrics.mempoolSize.set(mempool.size);
          feed.notify();
        },
      },
      { lastSealedBlock: stored.lastSealedBlock, nextPriorityOpSerial: stored.nextPriorityOpSerial },
    );
    if (stored.pending !== undefined) {
      stateKeeper.resumePending(stored.pending, restored.pendingOperations);
      logger.info({ block: stored.pending.number, operations: restored.pendingOperations.length }, "pending block re-executed");
    }
    this.stateKeeper = stateKeeper;
    metrics.lastSealedBlock.set(stored.lastSealedBlock);
    metrics.mempoolSize.set(mempool.size);

    this.ethWatch = new EthWatch({
      config: {
        rpcUrl: config.ZKLITE_L1_RPC_URL,
        chainId: Number(deployment.chainId),
        rollupAddress: deployment.contracts.zkLite,
        governanceAddress: deployment.contracts.governance,
        startBlock: deployment.deployBlock,
        confirmations: config.ZKLITE_L1_CONFIRMATIONS,
        pollIntervalMs: config.ZKLITE_L1_POLL_MS,
        maxBlockRange: config.ZKLITE_L1_MAX_LOG_RANGE,
      },
      store: priorityOps,
      logger,
      registry: metrics.registry,
      hooks: {
        onAuthFacts: (events) => {
          for (const event of events) {
            if (event.kind === "fact") authFacts.recordFact(event.owner, event.nonce, event.pubKeyHash);
            else if (authFacts.authFact(event.owner, event.nonce) !== undefined) authFacts.recordResetRequest(event.owner, event.nonce);
          }
        },
        onExodusMode: () => void this.enterExodus(mempool, stateKeeper),
      },
    });

    const services = new NodeApiServices({
      prisma: database.prisma,
      state,
      mempool,
      stateKeeper,
      tokens,
      fees: fees.quoter,
      feed,
      config: {
        chainId: Number(deployment.chainId),
        contracts: { zkLite: deployment.contracts.zkLite, governance: deployment.contracts.governance },
        depositConfirmations: config.ZKLITE_L1_CONFIRMATIONS,
        blockChunkSizes: config.ZKLITE_BLOCK_CHUNK_SIZES,
        ...depths,
      },
      exodusMode: () => this.exodus,
    });
    const prover = createProverApi(config, database.prisma, metrics.registry);
    this.jobs = prover.jobs;
    const api = new ApiServer(services, metrics, logger.child({ component: "api" }), {
      host: config.ZKLITE_API_HOST,
      port: this.apiPort ?? config.ZKLITE_API_PORT,
      maxBodyBytes: config.ZKLITE_API_MAX_BODY_BYTES,
      corsOrigin: config.ZKLITE_API_CORS_ORIGIN,
      prover: prover.services,
    });
    this.api = api;
    const ethWatch = this.ethWatch;
    logger.info({ lastSealedBlock: stored.lastSealedBlock, mempool: mempool.size, accounts: state.tree.accountCount }, "core restored");
    return {
      feed,
      /** The committed state the restore loaded, for the witness generator's replica (handed over once). */
      committed: stored,
      begin: async (): Promise<void> => {
        this.address = await api.listen();
        this.apiPort = this.address.port;
        ethWatch.start();
        stateKeeper.start();
      },
    };
  }

  /** The witness generator: sealed blocks → prover jobs (src/witness). */
  private async startWitness(database: Database, chain: ChainRepository, depths: TreeDepths, committedAtStart: StoredChain | undefined): Promise<void> {
    const { config, logger, metrics } = this;
    const keySetPath = config.ZKLITE_KEY_SET as string;
    let committed = committedAtStart; // handed over once: the replica must not pin it in memory
    this.witness = new WitnessGenerator({
      prisma: database.prisma,
      jobs: this.jobs ?? new ProverJobRepository(database.prisma, { leaseMs: config.ZKLITE_PROVER_LEASE_MS }),
      circuits: blockCircuitsOf(loadKeySet(keySetPath, "verify"), config.ZKLITE_BLOCK_CHUNK_SIZES),
      loadCommittedState: async () => {
        const state = committed ?? (await chain.load(depths));
        committed = undefined;
        return state;
      },
      logger: logger.child({ component: "witness" }),
      pollIntervalMs: 1000,
      onWitnessed: (blockNumber, seconds) => {
        metrics.witnessSeconds.observe(seconds);
        metrics.lastWitnessedBlock.set(blockNumber);
      },
      onFatal: (error) => this.overrides.onFatal?.(error),
    });
    await this.witness.start();
  }

  /** The eth-sender: commit, prove and execute on L1 (src/eth-sender). */
  private startEthSender(deployment: DeploymentFile, database: Database, feed: EventFeed | undefined): void {
    const { config, logger, metrics } = this;
    this.#ethSender = new EthSender({
      config: ethSenderConfig(config, deployment),
      repository: new L1OperationRepository(database.prisma),
      // on PGlite the data directory's lock already keeps every other process out
      lease:
        database.kind === "pglite"
          ? undefined
          : new ServiceLeaseRepository(database.prisma, "eth-sender", `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`, config.ZKLITE_ETH_SENDER_LEASE_MS),
      genesis: deployment.genesis.storedBlockInfo,
      logger,
      registry: metrics.registry,
      hooks: {
        onConfirmed: (kind, _fromBlock, toBlock) => {
          if (kind === "commit") metrics.lastCommittedBlock.set(toBlock);
          feed?.notify();
        },
      },
    });
    this.#ethSender.start();
  }

  /**
   * A revert confirmed on L1 leaves the state, the mempool and the witness replica ahead of the chain: the core
   * restarts (its start-up rewinds storage, `rewindChain`), and a witness generator in a process without the core
   * restarts once that rewind is applied.
   */
  private async watchReverts(database: Database, core: boolean): Promise<void> {
    const operations = new L1OperationRepository(database.prisma);
    const applied = await operations.lastAppliedRevert();
    this.revertPoll = setInterval(() => {
      const due = core ? operations.confirmedRevert().then((revert) => revert !== undefined) : operations.lastAppliedRevert().then((id) => id > applied);
      due.then(
        (restart) => (restart ? this.restart("blocks were reverted on L1") : undefined),
        (error: unknown) => this.logger.warn({ err: error }, "could not check for reverted blocks"),
      );
    }, 1000);
  }

  /** Stops and starts again in this process, on the same API port, rebuilding everything from storage. */
  restart(reason: string): Promise<void> {
    this.restarting ??= (async () => {
      this.logger.warn({ reason }, "restarting the node's services");
      await this.stop();
      this.#metrics = new NodeMetrics();
      this.exodus = false; // the new core learns it again from eth-watch
      await this.start();
    })()
      .catch((error: unknown) => {
        this.logger.fatal({ err: error }, "the node could not restart");
        this.overrides.onFatal?.(error);
      })
      .finally(() => {
        this.restarting = undefined;
      });
    return this.restarting;
  }

  /**
   * Exodus mode on L1: no block this node makes can be committed any more. It stops producing and sending blocks,
   * refuses submissions (EXODUS_MODE), and keeps serving the state and history read-only; users leave with
   * `zklite-exit` from a state restored from L1.
   */
  private async enterExodus(mempool: Mempool, stateKeeper: StateKeeper): Promise<void> {
    if (this.exodus) return;
    this.exodus = true;
    this.metrics.exodusMode.set(1);
    mempool.closeForExodus("the rollup is in exodus mode on L1: no transaction is accepted; leave with an exit proof (zklite-exit)");
    this.logger.error("the rollup is in exodus mode on L1: block production and the eth-sender are stopped; users leave with exit proofs (zklite-exit)");
    await stateKeeper.stop();
    await this.#ethSender?.stop();
  }

  /** Stops accepting, lets the mini-block in progress finish, closes storage. */
  async stop(): Promise<void> {
    clearInterval(this.feedPoll);
    clearInterval(this.revertPoll);
    await this.api?.close();
    await this.ethWatch?.stop();
    await this.stateKeeper?.stop();
    await this.witness?.stop();
    await this.#ethSender?.stop();
    await this.database?.close();
    await this.pool?.close();
    this.logger.info("zkLite node stopped");
  }
}
