import type {
  AccountHistoryInput,
  AccountInfo,
  AccountState,
  BlockInfo,
  BlockStatus,
  BlockTransaction,
  EventsInput,
  FeeQuote,
  FeeTypeInput,
  JsonValue,
  NetworkConfig,
  NetworkStatus,
  NftView,
  NodeEvent,
  NodeServices,
  Page,
  PriorityOpStatus,
  TokenView,
  TxReceipt,
} from "@zklite/api";
import { MIN_NFT_TOKEN_ID, ZkLiteError } from "@zklite/protocol";
import type { NftInfo, RollupState } from "@zklite/state";
import type { Mempool } from "../mempool/mempool.js";
import type { StateKeeper } from "../state-keeper/state-keeper.js";
import type { Block, ExecutedOperation, PrismaClient } from "../storage/generated/client.js";
import type { TokenRegistry } from "../tokens/token-registry.js";
import type { EventFeed } from "./event-feed.js";

/** Fee quotes in the API's terms (fees/ implements it over the fee model). */
export interface FeeQuoter {
  quoteTx(txType: FeeTypeInput, recipientExists: boolean, token: number): Promise<FeeQuote>;
  quoteBatch(items: readonly { txType: FeeTypeInput; recipientExists: boolean }[], token: number): Promise<{ totalFee: string }>;
}

export interface NodeServicesDependencies {
  readonly prisma: PrismaClient;
  readonly state: RollupState;
  readonly mempool: Mempool;
  readonly stateKeeper: StateKeeper;
  readonly tokens: TokenRegistry;
  readonly fees: FeeQuoter;
  readonly feed: EventFeed;
  readonly config: NetworkConfig;
  /** Whether the rollup is in exodus mode on L1 (eth-watch tells the node). */
  readonly exodusMode: () => boolean;
}

const ZERO_KEY = `sync:${"0".repeat(40)}`;

/** The node's answers to the API (NodeServices of @zklite/api): live state from memory, history from storage. */
export class NodeApiServices implements NodeServices {
  constructor(private readonly deps: NodeServicesDependencies) {}

  async account(address: string): Promise<AccountInfo> {
    const { state, prisma } = this.deps;
    const normalized = address.toLowerCase();
    const view = state.accountByAddress(normalized);
    const committed = view === undefined ? emptyState() : { ...this.liveState(view.id, view.nonce, view.pubKeyHash), mintedNfts: await this.mintedBy(view.id) };
    const verified = view === undefined ? emptyState() : await this.verifiedState(view.id, committed);
    const [unconfirmed, queued, lastConfirmed] = await Promise.all([
      prisma.unconfirmedPriorityOperation.findMany({ where: { address: normalized, opType: "Deposit" }, orderBy: { serialId: "asc" } }),
      prisma.priorityOperation.findMany({ where: { executedInBlock: null, opType: "Deposit" }, orderBy: { serialId: "asc" }, take: 1000 }),
      prisma.priorityOperation.aggregate({ _max: { serialId: true } }),
    ]);
    // an op confirmed since eth-watch last replaced the unconfirmed set is listed once, as confirmed
    const confirmedUpTo = lastConfirmed._max.serialId ?? -1n;
    const depositing = [
      ...queued
        .map((row) => ({ row, op: row.op as { to?: string; token?: number; amount?: string } }))
        .filter(({ op }) => op.to?.toLowerCase() === normalized)
        .map(({ row, op }) => ({ serialId: row.serialId.toString(), tokenId: op.token ?? 0, amount: op.amount ?? "0", l1TxHash: row.l1TxHash, l1BlockNumber: row.l1BlockNumber, confirmed: true })),
      ...unconfirmed.filter((row) => row.serialId > confirmedUpTo).map((row) => {
        const op = row.op as { token?: number; amount?: string };
        return { serialId: row.serialId.toString(), tokenId: op.token ?? 0, amount: op.amount ?? "0", l1TxHash: row.l1TxHash, l1BlockNumber: row.l1BlockNumber, confirmed: false };
      }),
    ];
    return { address: normalized, id: view?.id ?? null, committed, verified, depositing };
  }

  async accountHistory(query: AccountHistoryInput): Promise<Page<BlockTransaction>> {
    const rows = await this.deps.prisma.executedOperation.findMany({
      where: {
        addresses: { has: query.address.toLowerCase() },
        ...(query.before === undefined ? {} : { id: { lt: BigInt(query.before) } }),
        ...(query.token === undefined ? {} : { tokenIds: { has: query.token } }),
        ...(query.txType === undefined ? {} : { txType: query.txType }),
      },
      orderBy: { id: "desc" },
      take: query.limit + 1,
    });
    const items = rows.slice(0, query.limit).map(blockTransaction);
    return { items, next: rows.length > query.limit ? (rows[query.limit - 1] as ExecutedOperation).id.toString() : null };
  }

  submitTx(tx: unknown, signature: unknown): Promise<string> {
    return this.deps.mempool.submitTx(tx, signature);
  }

  submitBatch(txs: readonly { tx: unknown; signature?: unknown }[], signature: unknown): Promise<{ transactionHashes: string[]; batchHash: string }> {
    return this.deps.mempool.submitBatch(txs, signature);
  }

  async txReceipt(hash: string): Promise<TxReceipt | null> {
    const normalized = normalizeHash(hash);
    const row = await this.deps.prisma.executedOperation.findUnique({ where: { txHash: normalized } });
    if (row === null) {
      if (!this.deps.mempool.has(normalized)) return null;
      return { hash: normalized, status: "queued", blockNumber: null, blockIndex: null, failCode: null, failReason: null, batchHash: null, blockStatus: null };
    }
    const blockStatus = await this.blockStatusOf(row.blockNumber);
    return {
      hash: normalized,
      status: !row.success ? "rejected" : blockStatus === "executed" ? "executed" : blockStatus === "proven" ? "proven" : "committed",
      blockNumber: row.blockNumber,
      blockIndex: row.blockIndex,
      failCode: row.failCode,
      failReason: row.failReason,
      batchHash: row.batchHash,
      blockStatus,
    };
  }

  async txData(hash: string): Promise<BlockTransaction | null> {
    const row = await this.deps.prisma.executedOperation.findUnique({ where: { txHash: normalizeHash(hash) } });
    return row === null ? null : blockTransaction(row);
  }

  async block(number: number): Promise<BlockInfo | null> {
    const row = await this.deps.prisma.block.findUnique({ where: { number } });
    if (row !== null) return blockInfo(row);
    if (number !== this.deps.stateKeeper.pendingBlockNumber) return null;
    const pending = await this.deps.prisma.pendingBlock.findUnique({ where: { id: 1 } });
    if (pending === null || pending.number !== number) return null;
    const operationCount = await this.deps.prisma.executedOperation.count({ where: { blockNumber: number, success: true } });
    return {
      number,
      status: "pending",
      timestamp: Number(pending.timestamp),
      feeAccountId: pending.feeAccountId,
      oldStateRoot: null,
      newStateRoot: null,
      commitment: null,
      blockChunks: null,
      chunksUsed: null,
      operationCount,
      createdAt: pending.updatedAt.toISOString(),
      ...NO_L1,
    };
  }

  async blocks(query: { limit: number; before?: number | undefined }): Promise<Page<BlockInfo>> {
    const rows = await this.deps.prisma.block.findMany({
      where: query.before === undefined ? {} : { number: { lt: query.before } },
      orderBy: { number: "desc" },
      take: query.limit + 1,
    });
    const items = rows.slice(0, query.limit).map(blockInfo);
    return { items, next: rows.length > query.limit ? String((rows[query.limit - 1] as Block).number) : null };
  }

  async blockTransactions(number: number): Promise<BlockTransaction[]> {
    const rows = await this.deps.prisma.executedOperation.findMany({ where: { blockNumber: number }, orderBy: { id: "asc" } });
    return rows.map(blockTransaction);
  }

  async tokens(): Promise<TokenView[]> {
    return this.deps.tokens.all();
  }

  async token(tokenLike: number | string): Promise<TokenView | null> {
    return this.deps.tokens.resolve(tokenLike) ?? null;
  }

  async txFee(txType: FeeTypeInput, address: string, token: number | string): Promise<FeeQuote> {
    return this.deps.fees.quoteTx(txType, this.deps.state.accountByAddress(address) !== undefined, this.feeToken(token));
  }

  async batchFee(transactions: readonly { txType: FeeTypeInput; address: string }[], token: number | string): Promise<{ totalFee: string }> {
    const items = transactions.map((item) => ({ txType: item.txType, recipientExists: this.deps.state.accountByAddress(item.address) !== undefined }));
    return this.deps.fees.quoteBatch(items, this.feeToken(token));
  }

  async status(): Promise<NetworkStatus> {
    const { prisma, stateKeeper, mempool, state } = this.deps;
    const [committed, proven, executed, totalTransactions] = await Promise.all([
      prisma.block.aggregate({ _max: { number: true }, where: { committedAt: { not: null } } }),
      prisma.block.aggregate({ _max: { number: true }, where: { provenAt: { not: null } } }),
      prisma.block.aggregate({ _max: { number: true }, where: { executedAt: { not: null } } }),
      prisma.executedOperation.count({ where: { success: true } }),
    ]);
    return {
      lastSealedBlock: stateKeeper.lastSealedBlock,
      lastCommittedBlock: committed._max.number ?? 0,
      lastProvenBlock: proven._max.number ?? 0,
      lastExecutedBlock: executed._max.number ?? 0,
      pendingBlock: stateKeeper.pendingBlockNumber ?? null,
      mempoolSize: mempool.size,
      totalTransactions,
      accounts: state.tree.accountCount,
      nextPriorityOpSerial: stateKeeper.nextPriorityOpSerial.toString(),
      exodusMode: this.deps.exodusMode(),
    };
  }

  async config(): Promise<NetworkConfig> {
    return this.deps.config;
  }

  async nft(tokenId: number): Promise<NftView | null> {
    const nft = this.deps.state.nft(tokenId);
    return nft === undefined ? null : nftView(nft);
  }

  async nftOwner(tokenId: number): Promise<number | null> {
    if (this.deps.state.nft(tokenId) === undefined) return null;
    const owner = await this.deps.prisma.balance.findFirst({ where: { tokenId, amount: { gt: 0 }, accountId: { not: this.deps.state.nftStorageAccountId } }, select: { accountId: true } });
    if (owner !== null && this.deps.state.balance(owner.accountId, tokenId) > 0n) return owner.accountId;
    // owned since the last sealed block: search the live state
    for (const id of this.deps.state.tree.accountIds()) {
      if (id !== this.deps.state.nftStorageAccountId && this.deps.state.balance(id, tokenId) > 0n) return id;
    }
    return null;
  }

  async priorityOp(serialId: bigint): Promise<PriorityOpStatus | null> {
    const { prisma } = this.deps;
    const row = await prisma.priorityOperation.findUnique({ where: { serialId } });
    if (row === null) {
      const unconfirmed = await prisma.unconfirmedPriorityOperation.findUnique({ where: { serialId } });
      if (unconfirmed === null) return null;
      return { serialId: serialId.toString(), status: "depositing", opType: unconfirmed.opType, op: unconfirmed.op as JsonValue, l1TxHash: unconfirmed.l1TxHash, l1BlockNumber: unconfirmed.l1BlockNumber, blockNumber: null };
    }
    const blockStatus = row.executedInBlock === null ? undefined : await this.blockStatusOf(row.executedInBlock);
    const status = blockStatus === undefined ? "queued" : blockStatus === "executed" ? "executed" : blockStatus === "proven" ? "proven" : "committed";
    return { serialId: serialId.toString(), status, opType: row.opType, op: row.op as JsonValue, l1TxHash: row.l1TxHash, l1BlockNumber: row.l1BlockNumber, blockNumber: row.executedInBlock };
  }

  events(filter: EventsInput, signal: AbortSignal | undefined): AsyncIterable<NodeEvent> {
    return this.deps.feed.subscribe(filter, signal);
  }

  private feeToken(tokenLike: number | string): number {
    const token = this.deps.tokens.resolve(tokenLike);
    if (token === undefined) throw new ZkLiteError("UNKNOWN_TOKEN", `token ${String(tokenLike)} is not known`);
    return token.id;
  }

  private liveState(accountId: number, nonce: number, pubKeyHash: string): AccountState {
    const balances: Record<string, string> = {};
    const nfts: Record<string, NftView> = {};
    for (const [tokenId, amount] of this.deps.state.tree.balances(accountId)) {
      if (tokenId >= MIN_NFT_TOKEN_ID) {
        const nft = this.deps.state.nft(tokenId);
        if (nft !== undefined && amount > 0n) nfts[tokenId] = nftView(nft);
      } else if (amount > 0n) balances[tokenId] = amount.toString();
    }
    return { nonce, pubKeyHash, balances, nfts, mintedNfts: {} };
  }

  /** NFTs the account minted, as of the last sealed block (or of block `upTo`). */
  private async mintedBy(accountId: number, upTo?: number): Promise<Record<string, NftView>> {
    const rows = await this.deps.prisma.nft.findMany({
      where: { creatorId: accountId, ...(upTo === undefined ? {} : { mintedInBlock: { lte: upTo } }) },
      orderBy: { tokenId: "asc" },
    });
    return Object.fromEntries(rows.map((row) => [row.tokenId, nftView(row)]));
  }

  /**
   * The account as of the last block executed on L1: the committed state with every later change undone
   * (each later block's account diff holds the values before it).
   */
  private async verifiedState(accountId: number, committed: AccountState): Promise<AccountState> {
    const { prisma } = this.deps;
    const lastExecuted = (await prisma.block.aggregate({ _max: { number: true }, where: { executedAt: { not: null } } }))._max.number ?? 0;
    const later = await prisma.accountUpdate.findMany({ where: { accountId, blockNumber: { gt: lastExecuted } }, orderBy: { blockNumber: "asc" } });
    const pendingChanges = this.deps.stateKeeper.pendingBlockNumber !== undefined;
    if (later.length === 0 && !pendingChanges) return committed;
    // Start from the stored (sealed) state, then undo the sealed blocks after lastExecuted.
    const stored = await prisma.account.findUnique({ where: { id: accountId }, include: { balances: true } });
    if (stored === null) return emptyState();
    let nonce = Number(stored.nonce);
    let pubKeyHash = stored.pubKeyHash;
    const balances = new Map(stored.balances.map((balance) => [balance.tokenId, BigInt(balance.amount.toFixed())]));
    for (const update of [...later].reverse()) {
      const diff = update.diff as { created?: boolean; nonce?: { before: number }; pubKeyHash?: { before: string }; balances?: { tokenId: number; before: string }[] };
      if (diff.created === true) return emptyState();
      if (diff.nonce !== undefined) nonce = diff.nonce.before;
      if (diff.pubKeyHash !== undefined) pubKeyHash = diff.pubKeyHash.before;
      for (const balance of diff.balances ?? []) balances.set(balance.tokenId, BigInt(balance.before));
    }
    const fungible: Record<string, string> = {};
    const nfts: Record<string, NftView> = {};
    for (const [tokenId, amount] of balances) {
      if (amount === 0n) continue;
      if (tokenId >= MIN_NFT_TOKEN_ID) {
        const nft = this.deps.state.nft(tokenId);
        if (nft !== undefined) nfts[tokenId] = nftView(nft);
      } else fungible[tokenId] = amount.toString();
    }
    return { nonce, pubKeyHash, balances: fungible, nfts, mintedNfts: await this.mintedBy(accountId, lastExecuted) };
  }

  private async blockStatusOf(number: number): Promise<BlockStatus> {
    const block = await this.deps.prisma.block.findUnique({ where: { number }, select: { committedAt: true, provenAt: true, executedAt: true } });
    if (block === null) return "pending";
    return block.executedAt !== null ? "executed" : block.provenAt !== null ? "proven" : block.committedAt !== null ? "committed" : "sealed";
  }
}

const NO_L1 = { commitTxHash: null, committedAt: null, proveTxHash: null, provenAt: null, executeTxHash: null, executedAt: null } as const;

function emptyState(): AccountState {
  return { nonce: 0, pubKeyHash: ZERO_KEY, balances: {}, nfts: {}, mintedNfts: {} };
}

function normalizeHash(hash: string): string {
  return `sync-tx:${hash.slice("sync-tx:".length).toLowerCase()}`;
}

function nftView(nft: NftInfo): NftView {
  return { id: nft.tokenId, contentHash: nft.contentHash, creatorId: nft.creatorId, creatorAddress: nft.creatorAddress, serialId: nft.serialId, address: nft.address };
}

function blockInfo(row: Block): BlockInfo {
  const iso = (date: Date | null) => (date === null ? null : date.toISOString());
  return {
    number: row.number,
    status: row.executedAt !== null ? "executed" : row.provenAt !== null ? "proven" : row.committedAt !== null ? "committed" : "sealed",
    timestamp: Number(row.timestamp),
    feeAccountId: row.feeAccountId,
    oldStateRoot: row.oldStateRoot,
    newStateRoot: row.newStateRoot,
    commitment: row.commitment,
    blockChunks: row.blockChunks,
    chunksUsed: row.chunksUsed,
    operationCount: row.operationCount,
    createdAt: row.createdAt.toISOString(),
    commitTxHash: row.commitTxHash,
    committedAt: iso(row.committedAt),
    proveTxHash: row.proveTxHash,
    provenAt: iso(row.provenAt),
    executeTxHash: row.executeTxHash,
    executedAt: iso(row.executedAt),
  };
}

function blockTransaction(row: ExecutedOperation): BlockTransaction {
  return {
    hash: row.txHash,
    serialId: row.priorityOpSerialId?.toString() ?? null,
    blockNumber: row.blockNumber,
    blockIndex: row.blockIndex,
    txType: row.txType,
    opType: row.opType,
    tx: row.tx as JsonValue,
    success: row.success,
    failCode: row.failCode,
    failReason: row.failReason,
    batchHash: row.batchHash,
    createdAt: row.createdAt.toISOString(),
  };
}
