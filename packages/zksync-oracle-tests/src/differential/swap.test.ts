import fc from "fast-check";
import { it } from "vitest";
import { seed, swapArgs, tokenSymbol } from "../arbitraries.js";
import { expectSameEthSignature, expectSameTx, RUNS_PER_TYPE, signerPair } from "../differential.js";

it(`Swap: identical to zksync.js on ${RUNS_PER_TYPE} random cases`, async () => {
  await fc.assert(
    fc.asyncProperty(seed, swapArgs, tokenSymbol, async (keySeed, args, symbol) => {
      const pair = await signerPair(keySeed);
      await expectSameTx(await pair.ours.signSyncSwap(args), await pair.theirs.signSyncSwap(args as never));
      const message = { fee: args.fee, feeToken: symbol, nonce: args.nonce };
      await expectSameEthSignature(
        [pair.ourEth.getSwapEthSignMessage(message), pair.theirEth.getSwapEthSignMessage(message)],
        [() => pair.ourEth.ethSignSwap(message), () => pair.theirEth.ethSignSwap(message)],
      );
    }),
    { numRuns: RUNS_PER_TYPE },
  );
});
