import { tracked } from "@trpc/server";
import {
  accountHistoryInput,
  accountInput,
  batchFeeInput,
  blockListInput,
  blockNumberInput,
  eventsInput,
  nftInput,
  priorityOpInput,
  submitBatchInput,
  submitTxInput,
  tokenInput,
  txFeeInput,
  txHashInput,
} from "./inputs.js";
import { createProverRouter } from "./prover/router.js";
import type { ProverServices } from "./prover/services.js";
import type { NodeServices } from "./services.js";
import { publicProcedure, router } from "./trpc.js";

/**
 * The node's tRPC router, grouped like zkSync's REST v0.2 (account, transaction, block, token, fee,
 * network, nft, priorityOp) plus `events` subscriptions (SSE), resumable with `lastEventId`, and the
 * authenticated `prover` procedures (answering `PROVER_API_DISABLED` when `prover` is not given).
 */
export function createAppRouter(services: NodeServices, prover?: ProverServices) {
  return router({
    account: router({
      info: publicProcedure.input(accountInput).query(({ input }) => services.account(input.address)),
      history: publicProcedure.input(accountHistoryInput).query(({ input }) => services.accountHistory(input)),
    }),
    transaction: router({
      submit: publicProcedure.input(submitTxInput).mutation(({ input }) => services.submitTx(input.tx, input.signature)),
      submitBatch: publicProcedure.input(submitBatchInput).mutation(({ input }) => services.submitBatch(input.txs, input.signature)),
      receipt: publicProcedure.input(txHashInput).query(({ input }) => services.txReceipt(input.hash)),
      data: publicProcedure.input(txHashInput).query(({ input }) => services.txData(input.hash)),
    }),
    block: router({
      get: publicProcedure.input(blockNumberInput).query(({ input }) => services.block(input.number)),
      list: publicProcedure.input(blockListInput).query(({ input }) => services.blocks(input)),
      transactions: publicProcedure.input(blockNumberInput).query(({ input }) => services.blockTransactions(input.number)),
    }),
    token: router({
      list: publicProcedure.query(() => services.tokens()),
      get: publicProcedure.input(tokenInput).query(({ input }) => services.token(input.token)),
    }),
    fee: router({
      tx: publicProcedure.input(txFeeInput).query(({ input }) => services.txFee(input.txType, input.address, input.token)),
      batch: publicProcedure.input(batchFeeInput).query(({ input }) => services.batchFee(input.transactions, input.token)),
    }),
    network: router({
      status: publicProcedure.query(() => services.status()),
      config: publicProcedure.query(() => services.config()),
    }),
    nft: router({
      get: publicProcedure.input(nftInput).query(({ input }) => services.nft(input.tokenId)),
      owner: publicProcedure.input(nftInput).query(({ input }) => services.nftOwner(input.tokenId)),
    }),
    priorityOp: router({
      status: publicProcedure.input(priorityOpInput).query(({ input }) => services.priorityOp(BigInt(input.serialId))),
    }),
    events: router({
      subscribe: publicProcedure.input(eventsInput).subscription(async function* ({ input, signal }) {
        for await (const event of services.events(input, signal)) yield tracked(event.id, event);
      }),
    }),
    prover: createProverRouter(prover),
  });
}

/** The router's type: what the SDK's Provider, the apps and the prover import (type only). */
export type AppRouter = ReturnType<typeof createAppRouter>;
