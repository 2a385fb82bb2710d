import fc from "fast-check";
import type { OperationType } from "@zklite/protocol";
import { describe, expect, it } from "vitest";
import {
  FEE_ADDRESS,
  TEST_DEPTHS,
  address,
  changePubKey,
  deposit,
  fakeSignatures,
  fundedState,
  newState,
  openBlock,
  TEST_AUTH_FACTS,
  TEST_CHAIN_ID,
  transfer,
} from "../../test/fixtures.js";
import { KEYED, TOKENS, applyStep, stepArb, type Step } from "../../test/random-steps.js";
import type { SealedBlock } from "./block-builder.js";
import { RollupState } from "./rollup-state.js";
import { rewindSnapshot } from "./snapshot-rewind.js";
import type { StateDiff } from "./state-diff.js";

// the same L1 view as newState(): a ChangePubKey must apply identically on the original and the rebuilt state
const OPTIONS = { ...TEST_DEPTHS, signatureChecker: fakeSignatures, chainId: TEST_CHAIN_ID, onchainAuthFacts: TEST_AUTH_FACTS };
const FUNDING = 1000n;

/** Runs `steps` in blocks (a "seal" step closes one) after `firstBlock`; returns the sealed blocks. */
function runBlocks(state: RollupState, steps: readonly Step[], firstBlock: number, seen?: Set<OperationType>): SealedBlock[] {
  const sealed: SealedBlock[] = [];
  let blockNumber = firstBlock;
  let block = openBlock(state, blockNumber);
  for (const s of steps) {
    if (s.kind === "seal") {
      sealed.push(block.seal());
      block = openBlock(state, ++blockNumber);
      continue;
    }
    try {
      for (const op of applyStep(state, block, s)) seen?.add(op.type);
    } catch (error) {
      if ((error as { name?: string }).name !== "ZkLiteError") throw error;
    }
  }
  sealed.push(block.seal());
  return sealed;
}

/** Genesis, then a block funding accounts 1..KEYED with TOKENS and their keys: returns the funding block. */
function fund(state: RollupState): SealedBlock {
  const block = openBlock(state, 1);
  for (let i = 1; i <= KEYED; i++) {
    for (const token of TOKENS) block.applyPriorityOp(deposit(address(i), FUNDING, token));
    block.applyTx(changePubKey(i, { nonce: 0 }));
  }
  return block.seal();
}

function expectWellFormed(diff: StateDiff): void {
  const ids = diff.accounts.map((account) => account.accountId);
  expect(ids).toEqual([...ids].sort((a, b) => a - b));
  for (const account of diff.accounts) {
    const tokens = account.balances.map((balance) => balance.tokenId);
    expect(tokens).toEqual([...tokens].sort((a, b) => a - b));
    for (const balance of account.balances) expect(balance.after).not.toBe(balance.before);
    if (account.nonce !== undefined) expect(account.nonce.after).not.toBe(account.nonce.before);
    if (account.pubKeyHash !== undefined) expect(account.pubKeyHash.after).not.toBe(account.pubKeyHash.before);
  }
}

const blocksArb = fc.array(stepArb, { minLength: 10, maxLength: 40 });

describe("RollupState snapshots, forks and block diffs on random blocks of every operation", () => {
  it("fromSnapshot(snapshot()) has the same root, accounts and NFTs, and executes the next block identically", () => {
    const seen = new Set<OperationType>();
    fc.assert(
      fc.property(blocksArb, fc.array(stepArb, { minLength: 3, maxLength: 12 }), (history, next) => {
        const state = newState();
        fund(state);
        const blocks = runBlocks(state, history, 2, seen);
        const snapshot = state.snapshot();
        const restored = RollupState.fromSnapshot(snapshot, OPTIONS);
        expect(restored.root).toBe(state.root);
        expect(restored.snapshot()).toEqual(snapshot);
        expect(restored.nextAccountId).toBe(state.nextAccountId);
        for (const nft of snapshot.nfts) expect(restored.nft(nft.tokenId)).toEqual(state.nft(nft.tokenId));

        const nextNumber = 2 + blocks.length;
        const [original, replayed] = [state, restored].map((s) => runBlocks(s, next.filter((step) => step.kind !== "seal"), nextNumber)[0] as SealedBlock);
        expect(Buffer.from(replayed?.commitment ?? []).toString("hex")).toBe(Buffer.from(original?.commitment ?? []).toString("hex"));
        expect(replayed?.stateDiff).toEqual(original?.stateDiff);
        expect(restored.root).toBe(state.root);
      }),
      { numRuns: 25, seed: 0x5eed }, // fixed, so the coverage check below cannot flake
    );
    // the generator reaches every operation the executor produces
    for (const type of ["Deposit", "Transfer", "TransferToNew", "Withdraw", "ForcedExit", "FullExit", "ChangePubKey", "MintNFT", "WithdrawNFT", "Swap"] as const) {
      expect(seen, type).toContain(type);
    }
  });

  it("applying each block's stateDiff in order to the genesis snapshot reaches each block's newStateRoot", () => {
    fc.assert(
      fc.property(blocksArb, (history) => {
        const state = newState();
        const genesis = state.snapshot();
        const blocks = [fund(state), ...runBlocks(state, history, 2)];
        const replica = RollupState.fromSnapshot(genesis, OPTIONS);
        for (const block of blocks) {
          expect(replica.root).toBe(block.oldStateRoot);
          expectWellFormed(block.stateDiff);
          replica.applyDiff(block.stateDiff);
          expect(replica.root).toBe(block.newStateRoot);
        }
        expect(replica.snapshot()).toEqual(state.snapshot());
      }),
      { numRuns: 10 },
    );
  });

  it("rewindSnapshot undoes the last blocks' diffs: the snapshot before block k, which rebuilds to its old root", () => {
    fc.assert(
      fc.property(blocksArb, fc.nat(), (history, pick) => {
        const state = newState();
        const genesis = state.snapshot();
        const blocks = [fund(state), ...runBlocks(state, history, 2)];
        const k = pick % blocks.length;
        // the state before block k, reached forwards from genesis by the (separately tested) applyDiff
        const forwards = RollupState.fromSnapshot(genesis, OPTIONS);
        for (const block of blocks.slice(0, k)) forwards.applyDiff(block.stateDiff);
        const undone = blocks.slice(k).reverse().map((block) => ({ blockNumber: block.blockNumber, ...block.stateDiff }));
        const rewound = rewindSnapshot(state.snapshot(), undone);
        expect(rewound).toEqual(forwards.snapshot());
        expect(RollupState.fromSnapshot(rewound, OPTIONS).root).toBe(blocks[k]?.oldStateRoot);
      }),
      { numRuns: 15 },
    );
  });

  it("rewindSnapshot refuses diffs that do not end at the snapshot", () => {
    const state = fundedState(2, 100n);
    const block = openBlock(state, 2);
    block.applyTx(transfer(1, address(2), 10n));
    const sealed = block.seal();
    const changes = { blockNumber: 2, ...sealed.stateDiff };
    const second = openBlock(state, 3);
    second.applyTx(transfer(1, address(2), 7n, { nonce: 2 }));
    second.seal();
    expect(() => rewindSnapshot(state.snapshot(), [changes])).toThrow(expect.objectContaining({ code: "STATE_DIFF_MISMATCH" }));
  });

  it("a diff applied to the wrong state is refused with STATE_DIFF_MISMATCH and changes nothing", () => {
    const state = fundedState(2, 100n);
    const block = openBlock(state, 2);
    block.applyTx(transfer(1, address(2), 10n));
    block.applyTx(transfer(1, address(30), 5n, { nonce: 2 }));
    const { stateDiff } = block.seal();
    expect(stateDiff.accounts.map((account) => account.accountId)).toEqual([1, 2, 3]);
    expect(stateDiff.accounts[2]).toMatchObject({ accountId: 3, created: true, address: address(30), balances: [{ tokenId: 0, before: 0n, after: 5n }] });
    const root = state.root;
    const before = state.snapshot();
    expect(() => state.applyDiff(stateDiff)).toThrow(expect.objectContaining({ code: "STATE_DIFF_MISMATCH" }));
    expect(state.root).toBe(root);
    expect(state.snapshot()).toEqual(before);
    const open = openBlock(state, 3);
    expect(() => state.applyDiff(stateDiff)).toThrow(expect.objectContaining({ code: "BLOCK_ALREADY_OPEN" }));
    expect(() => state.snapshot()).toThrow(expect.objectContaining({ code: "BLOCK_ALREADY_OPEN" }));
    expect(() => state.fork()).toThrow(expect.objectContaining({ code: "BLOCK_ALREADY_OPEN" }));
    open.abandon();
  });

  it("a fork is independent: blocks (sealed or abandoned) on one never change the other", () => {
    fc.assert(
      fc.property(blocksArb, blocksArb, (onFork, onOriginal) => {
        const state = newState();
        fund(state);
        const fork = state.fork();
        expect(fork.root).toBe(state.root);
        expect(fork.snapshot()).toEqual(state.snapshot());
        const [rootBefore, snapshotBefore] = [state.root, state.snapshot()];

        runBlocks(fork, onFork, 2);
        expect(state.root).toBe(rootBefore);
        expect(state.snapshot()).toEqual(snapshotBefore);

        const [forkRoot, forkSnapshot] = [fork.root, fork.snapshot()];
        runBlocks(state, onOriginal, 2);
        const abandoned = openBlock(fork, 99);
        for (const s of onOriginal) if (s.kind !== "seal") try { applyStep(fork, abandoned, s); } catch { /* rejected steps are part of the test */ }
        abandoned.abandon();
        expect(fork.root).toBe(forkRoot);
        expect(fork.snapshot()).toEqual(forkSnapshot);
      }),
      { numRuns: 8 },
    );
  });

  it("an abandoned block and a failed batch leave nothing in the diff", () => {
    const state = fundedState(3, 100n);
    const abandoned = openBlock(state, 2);
    abandoned.applyTx(transfer(1, address(2), 10n));
    abandoned.applyTx(transfer(2, address(40), 1n));
    expect(abandoned.pendingDiff().accounts.length).toBeGreaterThan(0);
    abandoned.abandon();

    const block = openBlock(state, 2);
    expect(block.pendingDiff()).toEqual({ accounts: [], nfts: [], nextAccountId: 4 });
    block.applyTx(transfer(1, address(2), 10n, { fee: 1n }));
    const afterOne = block.pendingDiff();
    expect(() => block.applyBatch([transfer(2, address(50), 5n), transfer(3, address(2), 10n ** 9n)])).toThrow(expect.objectContaining({ code: "INSUFFICIENT_BALANCE" }));
    expect(block.pendingDiff()).toEqual(afterOne);
    const sealed = block.seal();
    // the fee credit is added at seal: account 0's token 0 balance
    expect(sealed.stateDiff.accounts.map((account) => account.accountId)).toEqual([0, 1, 2]);
    expect(sealed.stateDiff.accounts[0]?.balances).toEqual([{ tokenId: 0, before: 0n, after: 1n }]);
    expect(sealed.stateDiff.nextAccountId).toBe(4);

    const empty = openBlock(state, 3).seal();
    expect(empty.stateDiff).toEqual({ accounts: [], nfts: [], nextAccountId: 4 });
  });

  it("account() hands out frozen copies, never the stored record", () => {
    const state = fundedState(2, 100n);
    const view = state.account(1);
    expect(Object.isFrozen(view)).toBe(true);
    expect(() => {
      (view as { nonce: number }).nonce = 99;
    }).toThrow(TypeError);
    const block = openBlock(state, 2);
    block.applyTx(transfer(1, address(2), 10n));
    block.seal();
    expect(view?.nonce).toBe(1);
    expect(state.account(1)?.nonce).toBe(2);
    expect(state.account(1)).not.toBe(state.account(1));
  });

  it("fromSnapshot refuses depths that differ from the options, and fromSnapshotWith hashes through the given hasher", async () => {
    const state = fundedState(2, 100n);
    const snapshot = state.snapshot();
    expect(() => RollupState.fromSnapshot(snapshot, { ...OPTIONS, accountTreeDepth: 8 })).toThrow(expect.objectContaining({ code: "INVALID_TREE_DEPTH" }));
    const { hashBatchOnThisThread } = await import("../tree/rehash.js");
    let batches = 0;
    const restored = await RollupState.fromSnapshotWith(snapshot, OPTIONS, async (batch) => {
      batches++;
      return hashBatchOnThisThread(batch);
    });
    expect(restored.root).toBe(state.root);
    expect(batches).toBeGreaterThan(0);
    expect(RollupState.genesis({ ...OPTIONS, feeAccountAddress: FEE_ADDRESS }).snapshot().accounts.map((account) => account.id)).toEqual([0, 2 ** TEST_DEPTHS.accountTreeDepth - 1]);
  });
});
