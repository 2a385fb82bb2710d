import fc from "fast-check";
import { it } from "vitest";
import { mintNFTArgs, seed, tokenSymbol } from "../arbitraries.js";
import { expectSameEthSignature, expectSameTx, RUNS_PER_TYPE, signerPair } from "../differential.js";

it(`MintNFT: identical to zksync.js on ${RUNS_PER_TYPE} random cases`, async () => {
  await fc.assert(
    fc.asyncProperty(seed, mintNFTArgs, tokenSymbol, async (keySeed, args, symbol) => {
      const pair = await signerPair(keySeed);
      await expectSameTx(await pair.ours.signMintNFT(args), await pair.theirs.signMintNFT(args));
      const message = {
        stringFeeToken: symbol,
        stringFee: args.fee === "0" ? null : args.fee,
        recipient: args.recipient,
        contentHash: args.contentHash,
        nonce: args.nonce,
      };
      await expectSameEthSignature(
        [pair.ourEth.getMintNFTEthSignMessage(message), pair.theirEth.getMintNFTEthSignMessage(message as never)],
        [() => pair.ourEth.ethSignMintNFT(message), () => pair.theirEth.ethSignMintNFT(message as never)],
      );
    }),
    { numRuns: RUNS_PER_TYPE },
  );
});
