/**
 * Data restore into the node's own storage (PGlite or PostgreSQL): the same tables a node writes, so a node starts
 * on it. Blocks go in with their account diffs and the accounts after them (ChainRepository.writeRestoredBlock), the
 * L1 windows through eth-watch's own store (PriorityOpRepository), so the node's eth-watch carries on from there.
 */
import { Contract, FetchRequest, JsonRpcProvider, Network } from "ethers";
import { SKIP_SIGNATURE_CHECKS } from "@zklite/state";
import { storedBlockInfo } from "../eth-sender/block-encoding.js";
import type { ConfirmedBatch } from "../eth-watch/types.js";
import { restoreState } from "../state-keeper/restore.js";
import { ChainRepository } from "../storage/chain-repository.js";
import type { PrismaClient } from "../storage/generated/client.js";
import { toJsonValue } from "../storage/json.js";
import { PriorityOpRepository } from "../storage/priority-op-repository.js";
import { DataRestoreError } from "./errors.js";
import { genesisState, type GenesisSpec, type RestoreStart, type RestoreStore, type RestoredBlock } from "./restore-store.js";

export interface PrismaRestoreStoreOptions {
  /** The L1, for the symbol and decimals of tokens listed after the deployment. */
  readonly rpcUrl: string;
  readonly chainId: number;
  /** Tokens of the deployment file (their metadata is not read from L1). */
  readonly knownTokens: readonly { readonly address: string; readonly symbol: string; readonly decimals: number }[];
}

export class PrismaRestoreStore implements RestoreStore {
  private readonly chain: ChainRepository;
  private readonly priorityOps: PriorityOpRepository;
  private readonly provider: JsonRpcProvider;

  constructor(
    private readonly prisma: PrismaClient,
    options: PrismaRestoreStoreOptions,
  ) {
    this.chain = new ChainRepository(prisma);
    const request = new FetchRequest(options.rpcUrl);
    request.timeout = 30_000;
    this.provider = new JsonRpcProvider(request, undefined, { staticNetwork: Network.from(options.chainId) });
    const known = new Map(options.knownTokens.map((token) => [token.address.toLowerCase(), token]));
    this.priorityOps = new PriorityOpRepository(prisma, async (address) => {
      const token = known.get(address.toLowerCase());
      if (token !== undefined) return { symbol: token.symbol, decimals: token.decimals };
      const erc20 = new Contract(address, ["function symbol() view returns (string)", "function decimals() view returns (uint8)"], this.provider);
      try {
        return { symbol: String(await erc20.getFunction("symbol")()), decimals: Number(await erc20.getFunction("decimals")()) };
      } catch (error) {
        throw new DataRestoreError("RESTORE_L1_UNAVAILABLE", `reading the metadata of token ${address} failed: ${String(error)}`, { cause: error });
      }
    });
  }

  async open(genesis: GenesisSpec): Promise<RestoreStart> {
    const { prisma } = this;
    if (await prisma.pendingBlock.findUnique({ where: { id: 1 } })) {
      throw new DataRestoreError("RESTORE_STORAGE_CONFLICT", "the storage holds a node's pending block: restore into a new data directory or database");
    }
    const unconfirmed = await prisma.block.findFirst({ where: { commitTxHash: null }, select: { number: true } });
    if (unconfirmed !== null) {
      throw new DataRestoreError("RESTORE_STORAGE_CONFLICT", `the storage holds block ${unconfirmed.number}, which no L1 commit is recorded for (a node's own): restore into a new data directory or database`);
    }
    if (!(await this.chain.isInitialized())) {
      const state = genesisState(genesis);
      await this.chain.writeGenesis(state.snapshot(), state.root);
    }
    const { state, stored } = await restoreState(this.chain, { ...genesis.depths, feeAccountAddress: genesis.feeAccountAddress, signatureChecker: SKIP_SIGNATURE_CHECKS }, genesis.hashBatch);
    const row = stored.lastSealedBlock === 0 ? null : await prisma.block.findUniqueOrThrow({ where: { number: stored.lastSealedBlock } });
    return {
      state,
      lastBlock: stored.lastSealedBlock,
      lastBlockInfo: row === null ? undefined : storedBlockInfo(row),
      nextExecutedPriorityOp: stored.nextPriorityOpSerial,
      cursor: await this.priorityOps.loadCursor(),
      nextStoredPriorityOp: await this.priorityOps.nextSerialId(),
    };
  }

  async saveWindow(batch: ConfirmedBatch): Promise<void> {
    await this.priorityOps.saveConfirmed(batch);
  }

  async saveBlock(block: RestoredBlock): Promise<void> {
    const { stateDiff, priorityOps, executed, fees, publicData, onchainOperations, ...row } = block;
    await this.chain.writeRestoredBlock({
      row: {
        ...row,
        publicData: Buffer.from(publicData),
        onchainOperations: onchainOperations.map((op) => ({ ...op })),
        fees: toJsonValue(fees) as object,
        ...(executed === undefined ? {} : { executeTxHash: executed.txHash, executedAt: executed.at, provenAt: executed.at }),
      },
      stateDiff,
      priorityOps,
    });
  }

  close(): void {
    this.provider.destroy();
  }
}
