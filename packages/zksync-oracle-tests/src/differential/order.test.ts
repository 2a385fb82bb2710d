import fc from "fast-check";
import { expect, it } from "vitest";
import { utils } from "@zklite/sdk";
import { orderArgs, seed, tokenSymbol } from "../arbitraries.js";
import { expectSameEthSignature, json, RUNS_PER_TYPE, signerPair } from "../differential.js";
import { zksync } from "../oracle.js";

it(`Order: identical to zksync.js on ${RUNS_PER_TYPE} random cases`, async () => {
  await fc.assert(
    fc.asyncProperty(seed, orderArgs, tokenSymbol, tokenSymbol, async (keySeed, args, sell, buy) => {
      const pair = await signerPair(keySeed);
      const ours = await pair.ours.signSyncOrder(args);
      const theirs = await pair.theirs.signSyncOrder(args as never);
      expect(json(ours)).toEqual(json(theirs));
      expect(Buffer.from(utils.serializeOrder(ours))).toEqual(Buffer.from(zksync.utils.serializeOrder(theirs)));
      const message = { tokenSell: sell, tokenBuy: buy, recipient: args.recipient, amount: args.amount, ratio: args.ratio, nonce: args.nonce };
      await expectSameEthSignature(
        [pair.ourEth.getOrderEthSignMessage(message), pair.theirEth.getOrderEthSignMessage(message as never)],
        [() => pair.ourEth.ethSignOrder(message), () => pair.theirEth.ethSignOrder(message as never)],
      );
    }),
    { numRuns: RUNS_PER_TYPE },
  );
});
