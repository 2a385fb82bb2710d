import fc from "fast-check";
import { it } from "vitest";
import { seed, tokenSymbol, withdrawNFTArgs } from "../arbitraries.js";
import { expectSameEthSignature, expectSameTx, RUNS_PER_TYPE, signerPair } from "../differential.js";

it(`WithdrawNFT: identical to zksync.js on ${RUNS_PER_TYPE} random cases`, async () => {
  await fc.assert(
    fc.asyncProperty(seed, withdrawNFTArgs, tokenSymbol, async (keySeed, args, symbol) => {
      const pair = await signerPair(keySeed);
      await expectSameTx(await pair.ours.signWithdrawNFT(args), await pair.theirs.signWithdrawNFT(args));
      const message = {
        token: args.tokenId,
        to: args.to,
        stringFee: args.fee === "0" ? null : args.fee,
        stringFeeToken: symbol,
        nonce: args.nonce,
      };
      await expectSameEthSignature(
        [pair.ourEth.getWithdrawNFTEthSignMessage(message), pair.theirEth.getWithdrawNFTEthSignMessage(message as never)],
        [() => pair.ourEth.ethSignWithdrawNFT(message), () => pair.theirEth.ethSignWithdrawNFT(message as never)],
      );
    }),
    { numRuns: RUNS_PER_TYPE },
  );
});
