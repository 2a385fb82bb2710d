import fc from "fast-check";
import { expect, it } from "vitest";
import { utils } from "@zklite/sdk";
import { decimals, seed, tokenSymbol, withdrawArgs } from "../arbitraries.js";
import { expectSameEthSignature, expectSameTx, RUNS_PER_TYPE, signerPair } from "../differential.js";
import { zksyncTokenSet } from "../oracle.js";

it(`Withdraw: identical to zksync.js on ${RUNS_PER_TYPE} random cases`, async () => {
  await fc.assert(
    fc.asyncProperty(seed, withdrawArgs, tokenSymbol, decimals, async (keySeed, args, symbol, tokenDecimals) => {
      const pair = await signerPair(keySeed);
      await expectSameTx(await pair.ours.signSyncWithdraw(args), await pair.theirs.signSyncWithdraw(args));
      const tokens = zksyncTokenSet(symbol, tokenDecimals);
      const stringAmount = utils.formatUnits(args.amount, tokenDecimals);
      expect(stringAmount).toBe(tokens.formatToken(symbol, args.amount));
      const message = {
        stringAmount: args.amount === "0" ? null : stringAmount,
        stringFee: args.fee === "0" ? null : utils.formatUnits(args.fee, tokenDecimals),
        stringToken: symbol,
        ethAddress: args.ethAddress,
        nonce: args.nonce,
        accountId: args.accountId,
      };
      await expectSameEthSignature(
        [pair.ourEth.getWithdrawEthSignMessage(message), pair.theirEth.getWithdrawEthSignMessage(message as never)],
        [() => pair.ourEth.ethSignWithdraw(message), () => pair.theirEth.ethSignWithdraw(message as never)],
      );
    }),
    { numRuns: RUNS_PER_TYPE },
  );
});
