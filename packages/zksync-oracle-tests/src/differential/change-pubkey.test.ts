import fc from "fast-check";
import { expect, it } from "vitest";
import { utils } from "@zklite/sdk";
import { changePubKeyArgs, seed, tokenSymbol } from "../arbitraries.js";
import { expectSameEthSignature, expectSameTx, RUNS_PER_TYPE, signerPair } from "../differential.js";
import { zksync } from "../oracle.js";

it(`ChangePubKey: identical to zksync.js on ${RUNS_PER_TYPE} random cases`, async () => {
  await fc.assert(
    fc.asyncProperty(seed, changePubKeyArgs, tokenSymbol, async (keySeed, args, symbol) => {
      const pair = await signerPair(keySeed);
      await expectSameTx(await pair.ours.signSyncChangePubKey(args), await pair.theirs.signSyncChangePubKey(args));
      const auth = { pubKeyHash: args.newPkHash, nonce: args.nonce, accountId: args.accountId };
      await expectSameEthSignature(
        [pair.ourEth.getChangePubKeyEthSignMessage(auth), pair.theirEth.getChangePubKeyEthSignMessage(auth)],
        [() => pair.ourEth.ethSignChangePubKey(auth), () => pair.theirEth.ethSignChangePubKey(auth)],
      );
      expect(Buffer.from(utils.getChangePubkeyLegacyMessage(args.newPkHash, args.nonce, args.accountId))).toEqual(
        Buffer.from(zksync.utils.getChangePubkeyLegacyMessage(args.newPkHash, args.nonce, args.accountId)),
      );
      const part = { pubKeyHash: args.newPkHash, stringToken: symbol, stringFee: args.fee === "0" ? null : args.fee };
      expect(pair.ourEth.getChangePubKeyEthMessagePart(part)).toBe(pair.theirEth.getChangePubKeyEthMessagePart(part as never));
    }),
    { numRuns: RUNS_PER_TYPE },
  );
});
