import fc from "fast-check";
import { expect, it } from "vitest";
import { utils } from "@zklite/sdk";
import { decimals, seed, tokenSymbol, transferArgs } from "../arbitraries.js";
import { expectSameEthSignature, expectSameTx, RUNS_PER_TYPE, signerPair } from "../differential.js";
import { zksyncTokenSet } from "../oracle.js";

it(`Transfer: identical to zksync.js on ${RUNS_PER_TYPE} random cases`, async () => {
  await fc.assert(
    fc.asyncProperty(seed, transferArgs, tokenSymbol, decimals, async (keySeed, args, symbol, tokenDecimals) => {
      const pair = await signerPair(keySeed);
      await expectSameTx(await pair.ours.signSyncTransfer(args), await pair.theirs.signSyncTransfer(args));
      // The message strings are formatted by zkLite and must equal zksync.js's TokenSet formatting.
      const tokens = zksyncTokenSet(symbol, tokenDecimals);
      const stringAmount = utils.formatUnits(args.amount, tokenDecimals);
      const stringFee = utils.formatUnits(args.fee, tokenDecimals);
      expect(stringAmount).toBe(tokens.formatToken(symbol, args.amount));
      expect(stringFee).toBe(tokens.formatToken(symbol, args.fee));
      const message = {
        stringAmount: args.amount === "0" ? null : stringAmount,
        stringFee: args.fee === "0" ? null : stringFee,
        stringToken: symbol,
        to: args.to,
        nonce: args.nonce,
        accountId: args.accountId,
      };
      await expectSameEthSignature(
        [pair.ourEth.getTransferEthSignMessage(message), pair.theirEth.getTransferEthSignMessage(message as never)],
        [() => pair.ourEth.ethSignTransfer(message), () => pair.theirEth.ethSignTransfer(message as never)],
      );
    }),
    { numRuns: RUNS_PER_TYPE },
  );
});
