import { parsePriorityOp, toJson } from "@zklite/protocol";
import type { ConfirmedBatch, EthWatchStore, L1Cursor, UnconfirmedPriorityOp } from "../eth-watch/index.js";
import { EthWatchError } from "../eth-watch/index.js";
import type { PriorityOpSource, QueuedPriorityOp } from "../state-keeper/priority-op-source.js";
import type { TokenInfo } from "../tokens/token-registry.js";
import type { Prisma, PrismaClient } from "./generated/client.js";
import { toJsonValue } from "./json.js";

/** Symbol and decimals of a newly listed ERC-20 (read from L1 or the deployment file). */
export type TokenMetadataResolver = (address: string, tokenId: number) => Promise<{ symbol: string; decimals: number }>;

/**
 * eth-watch's store on Prisma (PriorityOperation, UnconfirmedPriorityOperation, Token, NftFactory,
 * OnchainAuthFact, EthWatchCursor), and the state keeper's source of confirmed priority operations.
 */
export class PriorityOpRepository implements EthWatchStore, PriorityOpSource {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly tokenMetadata: TokenMetadataResolver,
    private readonly onTokensListed: (tokens: readonly TokenInfo[]) => void = () => undefined,
  ) {}

  async loadCursor(): Promise<L1Cursor | undefined> {
    const row = await this.prisma.ethWatchCursor.findUnique({ where: { id: 1 } });
    return row === null ? undefined : { blockNumber: row.blockNumber, blockHash: row.blockHash };
  }

  async nextSerialId(): Promise<bigint> {
    const max = await this.prisma.priorityOperation.aggregate({ _max: { serialId: true } });
    return (max._max.serialId ?? -1n) + 1n;
  }

  async saveConfirmed(batch: ConfirmedBatch): Promise<void> {
    const tokens: TokenInfo[] = [];
    for (const listed of batch.tokens) {
      const metadata = await this.tokenMetadata(listed.address, listed.tokenId);
      tokens.push({ id: listed.tokenId, address: listed.address.toLowerCase(), symbol: metadata.symbol, decimals: metadata.decimals, allowedForFees: true });
    }
    await this.prisma.$transaction(async (tx) => {
      const next = await nextSerial(tx);
      batch.priorityOps.forEach((op, index) => {
        if (op.serialId !== next + BigInt(index)) {
          throw new EthWatchError("ETH_WATCH_NON_CONTIGUOUS_APPEND", `priority op ${op.serialId} does not follow ${next + BigInt(index) - 1n}`);
        }
      });
      if (batch.priorityOps.length > 0) {
        await tx.priorityOperation.createMany({
          data: batch.priorityOps.map((op) => ({
            serialId: op.serialId,
            opType: op.op.type,
            op: toJsonValue(toJson(op.op)) as Prisma.InputJsonValue,
            l1TxHash: op.l1TxHash,
            l1BlockNumber: op.l1BlockNumber,
            l1BlockHash: op.l1BlockHash,
            logIndex: op.logIndex,
            expirationBlock: BigInt(op.expirationBlock),
          })),
        });
      }
      for (const token of tokens) {
        await tx.token.upsert({ where: { id: token.id }, create: { ...token, l1BlockNumber: null }, update: { address: token.address, symbol: token.symbol, decimals: token.decimals } });
      }
      for (const factory of batch.nftFactories) {
        const row = { creatorAddress: factory.creatorAddress, factoryAddress: factory.factoryAddress, l1BlockNumber: factory.l1BlockNumber };
        await tx.nftFactory.upsert({ where: { creatorAccountId: factory.creatorAccountId }, create: { creatorAccountId: factory.creatorAccountId, ...row }, update: row });
      }
      for (const event of batch.authFacts) {
        const key = { owner: event.owner, nonce: event.nonce };
        if (event.kind === "fact") {
          const row = { pubKeyHash: event.pubKeyHash, resetRequested: false, l1BlockNumber: event.l1BlockNumber };
          await tx.onchainAuthFact.upsert({ where: { owner_nonce: key }, create: { ...key, ...row }, update: row });
        } else {
          await tx.onchainAuthFact.updateMany({ where: key, data: { resetRequested: true } });
        }
      }
      await tx.ethWatchCursor.upsert({ where: { id: 1 }, create: { id: 1, ...batch.cursor }, update: batch.cursor });
    });
    if (tokens.length > 0) this.onTokensListed(tokens);
  }

  async replaceUnconfirmed(ops: readonly UnconfirmedPriorityOp[]): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      await tx.unconfirmedPriorityOperation.deleteMany({});
      if (ops.length === 0) return;
      await tx.unconfirmedPriorityOperation.createMany({
        data: ops.map((op) => ({
          serialId: op.serialId,
          opType: op.op.type,
          op: toJsonValue(toJson(op.op)) as Prisma.InputJsonValue,
          l1TxHash: op.l1TxHash,
          l1BlockNumber: op.l1BlockNumber,
          address: (op.op.type === "Deposit" ? op.op.to : op.op.ethAddress).toLowerCase(),
        })),
      });
    });
  }

  async confirmedFrom(from: bigint, limit: number): Promise<QueuedPriorityOp[]> {
    const rows = await this.prisma.priorityOperation.findMany({ where: { serialId: { gte: from } }, orderBy: { serialId: "asc" }, take: limit });
    const result: QueuedPriorityOp[] = [];
    for (const row of rows) {
      if (row.serialId !== from + BigInt(result.length)) break; // never skip a serial id
      result.push({ serialId: row.serialId, op: parsePriorityOp(row.op) });
    }
    return result;
  }

  /** Every on-chain ChangePubKey authorization L1 holds, as far as eth-watch has confirmed. */
  async authFacts(): Promise<{ owner: string; nonce: number; pubKeyHash: string; resetRequested: boolean }[]> {
    return this.prisma.onchainAuthFact.findMany({ orderBy: [{ owner: "asc" }, { nonce: "asc" }], select: { owner: true, nonce: true, pubKeyHash: true, resetRequested: true } });
  }

  async tokens(): Promise<TokenInfo[]> {
    return (await this.prisma.token.findMany({ orderBy: { id: "asc" } })).map((row) => ({ id: row.id, address: row.address, symbol: row.symbol, decimals: row.decimals, allowedForFees: row.allowedForFees }));
  }
}

async function nextSerial(tx: Prisma.TransactionClient): Promise<bigint> {
  const max = await tx.priorityOperation.aggregate({ _max: { serialId: true } });
  return (max._max.serialId ?? -1n) + 1n;
}
