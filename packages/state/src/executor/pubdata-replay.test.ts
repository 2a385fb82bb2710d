import fc from "fast-check";
import { decodeBlockOperations, type Operation } from "@zklite/protocol";
import { describe, expect, it } from "vitest";
import { address, deposit, expectRejected, fundedState, mintNFT, openBlock, snapshot, transfer, FIRST_NONCE } from "../../test/fixtures.js";
import { KEYED, TOKENS, applyStep, stepArb, type Step } from "../../test/random-steps.js";
import type { RollupState } from "./rollup-state.js";
import type { SealedBlock } from "./block-builder.js";

function operationsOf(block: SealedBlock): Operation[] {
  return decodeBlockOperations(block.publicData).map(({ op }) => op);
}

function replay(replica: RollupState, block: SealedBlock, operations = operationsOf(block)) {
  return replica.replayBlock({ blockNumber: block.blockNumber, feeAccountId: block.feeAccountId }, operations);
}

/** Builds blocks from random steps on `state`, returning each sealed block. */
function buildBlocks(state: RollupState, steps: readonly Step[]): SealedBlock[] {
  const sealed: SealedBlock[] = [];
  let block = openBlock(state, 2);
  for (const step of steps) {
    if (step.kind === "seal") {
      sealed.push(block.seal());
      block = openBlock(state, 2 + sealed.length);
      continue;
    }
    try {
      applyStep(state, block, step);
    } catch (error) {
      if ((error as { name?: string }).name !== "ZkLiteError") throw error;
    }
  }
  sealed.push(block.seal());
  return sealed;
}

describe("RollupState.replayBlock (data restore from pubdata)", () => {
  it("replaying random blocks' decoded pubdata reaches each block's root, state diff and fees, and the same final state", () => {
    // how often each operation type (a Swap by the nonces it bumps) was replayed
    const replayed = new Map<string, number>();
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 5, maxLength: 30 }), (steps) => {
        const state = fundedState(KEYED, 1000n, TOKENS);
        const replica = state.fork();
        for (const block of buildBlocks(state, steps)) {
          const result = replay(replica, block);
          expect(result.oldStateRoot).toBe(block.oldStateRoot);
          expect(result.newStateRoot).toBe(block.newStateRoot);
          expect(result.stateDiff).toEqual(block.stateDiff);
          expect(result.fees).toEqual(block.fees);
          for (const op of block.operations) {
            const kind = op.type === "Swap" ? `Swap/${op.nonceMask}` : op.type;
            replayed.set(kind, (replayed.get(kind) ?? 0) + 1);
          }
        }
        expect(snapshot(replica)).toBe(snapshot(state));
        expect(replica.snapshot().nfts).toEqual(state.snapshot().nfts);
      }),
      // 50 runs: every kind, each swap nonce mask included, shows up (one of them alone is missed in ≈ 2 % of 20-run sets)
      { numRuns: 50 },
    );
    const kinds = ["Deposit", "Transfer", "TransferToNew", "Withdraw", "FullExit", "ChangePubKey", "ForcedExit", "MintNFT", "WithdrawNFT", "Swap/0", "Swap/1", "Swap/2", "Swap/3"];
    for (const kind of kinds) expect(replayed.get(kind) ?? 0, `${kind} replayed (${JSON.stringify(Object.fromEntries(replayed))})`).toBeGreaterThan(0);
  });

  it("refuses pubdata the state contradicts, and leaves the state as it was", () => {
    const state = fundedState(2, 1000n);
    const replica = state.fork();
    const builder = openBlock(state, 2);
    builder.applyPriorityOp(deposit(address(9), 50n));
    builder.applyTx(transfer(1, address(2), 30n, { nonce: FIRST_NONCE, fee: 1n }));
    builder.applyTx(mintNFT(2, address(1), { nonce: FIRST_NONCE }));
    const block = builder.seal();
    const ops = operationsOf(block);
    const withOp = (index: number, change: Partial<Operation>): Operation[] => ops.map((op, i) => (i === index ? ({ ...op, ...change } as Operation) : op));

    // the deposit's new account at another id than the replica's allocator gives
    expectRejected(replica, () => replay(replica, block, withOp(0, { accountId: 7 })), "PUBDATA_MISMATCH");
    // more than the sender has, a sender that does not exist
    expectRejected(replica, () => replay(replica, block, withOp(1, { amount: 10n ** 6n })), "INSUFFICIENT_BALANCE");
    expectRejected(replica, () => replay(replica, block, withOp(1, { fromId: 40 })), "ACCOUNT_NOT_FOUND");
    // a fee account that does not exist
    expectRejected(replica, () => replica.replayBlock({ blockNumber: 2, feeAccountId: 41 }, ops), "PUBDATA_MISMATCH");

    const replayed = replay(replica, block);
    expect(replayed.newStateRoot).toBe(block.newStateRoot);
    expect(replica.nft(block.stateDiff.nfts[0]?.tokenId ?? -1)).toEqual(state.nft(block.stateDiff.nfts[0]?.tokenId ?? -1));

    // a FullExit must take the whole balance, from the account's own address
    const exits = openBlock(state, 3);
    exits.applyPriorityOp({ type: "FullExit", accountId: 1, ethAddress: address(1), token: 0 });
    const exitBlock = exits.seal();
    const exitOps = operationsOf(exitBlock);
    const exit = exitOps[0] as Extract<Operation, { type: "FullExit" }>;
    expect(exit.amount).toBeGreaterThan(0n);
    expectRejected(replica, () => replay(replica, exitBlock, [{ ...exit, amount: exit.amount - 1n }]), "PUBDATA_MISMATCH");
    expectRejected(replica, () => replay(replica, exitBlock, [{ ...exit, owner: address(2) }]), "PUBDATA_MISMATCH");
    expect(replay(replica, exitBlock).newStateRoot).toBe(exitBlock.newStateRoot);
    expect(snapshot(replica)).toBe(snapshot(state));
  });
});
