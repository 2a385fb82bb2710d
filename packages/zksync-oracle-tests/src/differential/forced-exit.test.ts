import fc from "fast-check";
import { it } from "vitest";
import { forcedExitArgs, seed, tokenSymbol } from "../arbitraries.js";
import { expectSameEthSignature, expectSameTx, RUNS_PER_TYPE, signerPair } from "../differential.js";

it(`ForcedExit: identical to zksync.js on ${RUNS_PER_TYPE} random cases`, async () => {
  await fc.assert(
    fc.asyncProperty(seed, forcedExitArgs, tokenSymbol, async (keySeed, args, symbol) => {
      const pair = await signerPair(keySeed);
      await expectSameTx(await pair.ours.signSyncForcedExit(args), await pair.theirs.signSyncForcedExit(args));
      const message = { stringToken: symbol, stringFee: args.fee === "0" ? null : args.fee, target: args.target, nonce: args.nonce };
      await expectSameEthSignature(
        [pair.ourEth.getForcedExitEthSignMessage(message), pair.theirEth.getForcedExitEthSignMessage(message as never)],
        [() => pair.ourEth.ethSignForcedExit(message), () => pair.theirEth.ethSignForcedExit(message as never)],
      );
    }),
    { numRuns: RUNS_PER_TYPE },
  );
});
