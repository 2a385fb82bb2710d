import { createHash } from "node:crypto";
import fc from "fast-check";
import {
  blockCommitment,
  decodeBlockOperations,
  decodeBlockPubdata,
  decodeOperationPubdata,
  encodeBlockPubdata,
  encodeOperationPubdata,
  getChangePubkeyMessage,
  type Operation,
  type Swap,
} from "@zklite/protocol";
import { Wallet } from "ethers";
import { describe, expect, it } from "vitest";
import {
  BLOCK_SIZES,
  FIRST_NONCE,
  TIMESTAMP,
  address,
  changePubKey,
  deposit,
  expectRejected,
  fundedState,
  mintNFT,
  openBlock,
  order,
  pubKeyHash,
  signedBy,
  snapshot,
  swap,
  transfer,
  withdraw,
} from "../../test/fixtures.js";
import { hashBatchOnThisThread } from "../tree/rehash.js";
import type { BlockBuilder, SealedBlock } from "./block-builder.js";
import type { RollupState } from "./rollup-state.js";

const sha256 = (...parts: Uint8Array[]): Uint8Array => new Uint8Array(createHash("sha256").update(Buffer.concat(parts)).digest());
const word = (value: bigint): Uint8Array => Buffer.from(value.toString(16).padStart(64, "0"), "hex");
const CHUNKS: Record<Operation["type"], number> = {
  Noop: 1,
  Deposit: 6,
  TransferToNew: 6,
  Withdraw: 6,
  Transfer: 2,
  FullExit: 11,
  ChangePubKey: 6,
  ForcedExit: 6,
  MintNFT: 5,
  WithdrawNFT: 10,
  Swap: 5,
};
const ONCHAIN = new Set(["Deposit", "Withdraw", "FullExit", "ChangePubKey", "ForcedExit", "WithdrawNFT"]);

/** §4.4 and the offset commitment of §4.3, written out independently of @zklite/protocol. */
function expectedCommitment(block: { blockNumber: number; feeAccountId: number; oldStateRoot: bigint; newStateRoot: bigint; timestamp: number; publicData: Uint8Array }, ops: readonly Operation[]): Uint8Array {
  const offsetCommitment = new Uint8Array(block.publicData.length / 10);
  let chunk = 0;
  for (const op of ops) {
    if (ONCHAIN.has(op.type)) offsetCommitment[chunk] = 1;
    chunk += CHUNKS[op.type];
  }
  let h = sha256(word(BigInt(block.blockNumber)), word(BigInt(block.feeAccountId)));
  h = sha256(h, word(block.oldStateRoot));
  h = sha256(h, word(block.newStateRoot));
  h = sha256(h, word(BigInt(block.timestamp)));
  return sha256(h, block.publicData, offsetCommitment);
}

/** One of every operation type, applied in an open block on a 3-account state (tokens 0 and 1). */
function everyOperation(state: RollupState): { block: BlockBuilder; ops: Operation[] } {
  const block = openBlock(state, 2);
  const ops: Operation[] = [];
  ops.push(block.applyPriorityOp(deposit(address(1), 5n)));
  ops.push(block.applyTx(transfer(1, address(2), 10n, { fee: 1n })));
  ops.push(block.applyTx(transfer(1, address(60), 10n, { nonce: FIRST_NONCE + 1 })));
  const newcomer = state.accountByAddress(address(60))?.id as number;
  ops.push(block.applyTx(withdraw(2, 7n, { fee: 2n })));
  const mint = { type: "MintNFT", creatorId: 3, creatorAddress: address(3), contentHash: `0x${"33".repeat(32)}`, recipient: address(3), fee: 1n, feeToken: 1, nonce: FIRST_NONCE, signature: signedBy(pubKeyHash(3)) } as const;
  ops.push(block.applyTx(mint));
  const range = { validFrom: 0, validUntil: 2 ** 32 - 1 };
  ops.push(block.applyTx({ type: "WithdrawNFT", accountId: 3, from: address(3), to: address(3), token: 65536, feeToken: 0, fee: 0n, nonce: FIRST_NONCE + 1, ...range, signature: signedBy(pubKeyHash(3)) }));
  ops.push(block.applyTx(swap(3, [order(1, { nonce: FIRST_NONCE + 2, amount: 3n }), order(2, { tokenSell: 1, tokenBuy: 0, nonce: FIRST_NONCE + 1 })], [3n, 3n], { nonce: FIRST_NONCE + 2, fee: 1n })));
  ops.push(block.applyTx({ type: "ForcedExit", initiatorAccountId: 1, target: address(60), token: 0, fee: 1n, nonce: FIRST_NONCE + 3, ...range, signature: signedBy(pubKeyHash(1)) }));
  ops.push(block.applyTx(changePubKey(newcomer, { account: address(60), newPkHash: pubKeyHash(60), signature: signedBy(pubKeyHash(60)) })));
  ops.push(block.applyPriorityOp({ type: "FullExit", accountId: 2, ethAddress: address(2), token: 1 }));
  expect(ops.map((op) => op.type)).toEqual(["Deposit", "Transfer", "TransferToNew", "Withdraw", "MintNFT", "WithdrawNFT", "Swap", "ForcedExit", "ChangePubKey", "FullExit"]);
  return { block, ops };
}

describe("BlockBuilder", () => {
  it("every operation's pubdata round-trips through the SDK decoder", () => {
    const { block, ops } = everyOperation(fundedState(3, 10n ** 18n, [0, 1]));
    for (const op of ops) expect(decodeOperationPubdata(encodeOperationPubdata(op))).toEqual(op);
    block.abandon();
  });

  it("seals: smallest supported size, noop padding, fees to the fee account, on-chain offsets, commitment", () => {
    const state = fundedState(3, 10n ** 18n, [0, 1]);
    const feeBefore = [state.balance(0, 0), state.balance(0, 1)];
    const { block, ops } = everyOperation(state);
    const used = ops.reduce((sum, op) => sum + CHUNKS[op.type], 0);
    expect(block.chunksUsed).toBe(used);
    const sealed = block.seal();
    expect(sealed.chunksUsed).toBe(used);
    expect(sealed.blockChunks).toBe(Math.min(...[10, 32, 72, 156, 322, 654].filter((size) => size >= used)));
    expect(sealed.publicData.length).toBe(sealed.blockChunks * 10);
    const decoded = decodeBlockPubdata(sealed.publicData);
    expect(decoded.slice(0, ops.length)).toEqual(ops);
    expect(decoded.slice(ops.length)).toEqual(new Array(sealed.blockChunks - used).fill({ type: "Noop" }));
    // Fees: token 0: transfer 1 + withdraw 2 + swap 1 + forced exit 1; token 1: mint 1.
    expect(sealed.fees).toEqual(new Map([[0, 5n], [1, 1n]]));
    expect([state.balance(0, 0), state.balance(0, 1)]).toEqual([(feeBefore[0] as bigint) + 5n, (feeBefore[1] as bigint) + 1n]);
    let chunk = 0;
    const offsets: number[] = [];
    for (const op of ops) {
      if (ONCHAIN.has(op.type)) offsets.push(chunk * 10);
      chunk += CHUNKS[op.type];
    }
    expect(sealed.onchainOperations.map((o) => o.publicDataOffset)).toEqual(offsets);
    expect(sealed.newStateRoot).toBe(state.root);
    expect(sealed.newStateRoot).not.toBe(sealed.oldStateRoot);
    expect(sealed.commitment).toEqual(expectedCommitment(sealed, ops));
    expect(sealed.hashesComputed).toBeGreaterThan(0);
    expect(() => block.applyTx(transfer(1, address(2), 1n))).toThrow(expect.objectContaining({ code: "NO_OPEN_BLOCK" }));
  });

  it("refuses a block whose fee account does not exist (the circuit credits fees to existing accounts only)", () => {
    const state = fundedState(1);
    expect(() => state.openBlock({ blockNumber: 2, feeAccountId: 9, timestamp: TIMESTAMP, blockChunkSizes: [10] })).toThrow(
      expect.objectContaining({ code: "ACCOUNT_NOT_FOUND" }),
    );
    expect(openBlock(state, 2).seal().blockNumber).toBe(2);
  });

  it("an empty block is the smallest size, all noops, with old root = new root", () => {
    const state = fundedState(1);
    const sealed = openBlock(state, 2).seal();
    expect(sealed.blockChunks).toBe(10);
    expect(sealed.publicData).toEqual(new Uint8Array(100));
    expect(sealed.newStateRoot).toBe(sealed.oldStateRoot);
    expect(sealed.hashesComputed).toBe(0);
  });

  it("BLOCK_FULL once the largest supported size is used up, without changing the state", () => {
    const state = fundedState(2);
    const block = state.openBlock({ blockNumber: 2, feeAccountId: 0, timestamp: 1, blockChunkSizes: [10] });
    block.applyPriorityOp(deposit(address(1), 1n)); // 6
    block.applyTx(transfer(1, address(2), 1n)); // 8
    block.applyTx(transfer(1, address(2), 1n, { nonce: FIRST_NONCE + 1 })); // 10
    expectRejected(state, () => block.applyTx(transfer(1, address(2), 1n, { nonce: FIRST_NONCE + 2 })), "BLOCK_FULL");
    expect(block.seal().blockChunks).toBe(10);
  });

  it("batches are all or nothing: a failing transaction reverts the earlier ones bit for bit", () => {
    const state = fundedState(2, 100n);
    const rootBefore = state.root;
    const block = openBlock(state, 2);
    const batch = [transfer(1, address(2), 10n), transfer(1, address(70), 10n, { nonce: FIRST_NONCE + 1 }), transfer(2, address(1), 1000n)];
    expectRejected(state, () => block.applyBatch(batch), "INSUFFICIENT_BALANCE");
    expect(() => block.applyBatch(batch)).toThrow(/batch transaction 2 \(Transfer\)/);
    expect(block.operations).toEqual([]);
    expect(state.accountByAddress(address(70))).toBeUndefined();
    expect(state.root).toBe(rootBefore);
    expectRejected(state, () => block.applyBatch([]), "EMPTY_BATCH");
    expect(block.applyBatch(batch.slice(0, 2)).map((op) => op.type)).toEqual(["Transfer", "TransferToNew"]);
  });

  it("abandon restores the state the block started from", () => {
    const state = fundedState(2);
    const before = snapshot(state);
    const rootBefore = state.root;
    const { block } = everyOperation(fundedState(3, 10n ** 18n, [0, 1]));
    block.abandon();
    const mine = openBlock(state, 2);
    mine.applyTx(transfer(1, address(80), 5n));
    mine.applyPriorityOp(deposit(address(81), 5n));
    mine.abandon();
    expect(snapshot(state)).toBe(before);
    expect(state.root).toBe(rootBefore);
    openBlock(state, 2).seal(); // a new block can be opened afterwards
  });

  it("sealWith (asynchronous hashing) gives the same block as seal", async () => {
    const run = (state: RollupState) => {
      const block = openBlock(state, 2);
      block.applyTx(transfer(1, address(2), 10n, { fee: 1n }));
      block.applyTx(transfer(2, address(90), 3n));
      return block;
    };
    const sync = run(fundedState(2)).seal();
    const async = await run(fundedState(2)).sealWith(async (batch) => hashBatchOnThisThread(batch));
    expect(async.newStateRoot).toBe(sync.newStateRoot);
    expect(async.commitment).toEqual(sync.commitment);
    expect(async.hashesComputed).toBe(sync.hashesComputed);
  });

  it("rejects bad block parameters and a missing fee account", () => {
    const state = fundedState(1);
    expect(() => state.openBlock({ blockNumber: 2, feeAccountId: 0, timestamp: 1, blockChunkSizes: [] })).toThrow(expect.objectContaining({ code: "INVALID_ARGUMENT" }));
    expect(() => state.openBlock({ blockNumber: -1, feeAccountId: 0, timestamp: 1, blockChunkSizes: [10] })).toThrow(expect.objectContaining({ code: "INVALID_ARGUMENT" }));
    expect(() => state.openBlock({ blockNumber: 2, feeAccountId: 30, timestamp: 1, blockChunkSizes: [10] })).toThrow(expect.objectContaining({ code: "ACCOUNT_NOT_FOUND" }));
    openBlock(state, 2).seal();
  });
});

const NOOP: Operation = { type: "Noop" };
const nonceOf = (state: RollupState, id: number): number => state.account(id)?.nonce as number;

/** A valid Swap of limit orders (accounts 1 and 2, tokens 0 ⇄ 1) submitted by account 3 at the current nonces. */
function limitSwap(state: RollupState, fields: Partial<Swap> = {}): Swap {
  const orders = [order(1, { nonce: nonceOf(state, 1) }), order(2, { tokenSell: 1, tokenBuy: 0, nonce: nonceOf(state, 2) })] as [ReturnType<typeof order>, ReturnType<typeof order>];
  return swap(3, orders, [1n, 1n], { nonce: nonceOf(state, 3), ...fields });
}

/** The block's expected operations: a Noop before every Swap that would start at an even chunk. */
function withSwapAlignment(applied: readonly Operation[]): Operation[] {
  const expected: Operation[] = [];
  let chunk = 0;
  for (const op of applied) {
    if (op.type === "Swap" && chunk % 2 === 0) {
      expected.push(NOOP);
      chunk += 1;
    }
    expected.push(op);
    chunk += CHUNKS[op.type];
  }
  return expected;
}

/** Sealed pubdata, on-chain offsets and commitment agree with the SDK and with the independent §4.4 code. */
function expectConsistentSeal(sealed: SealedBlock, expected: readonly Operation[]): void {
  expect(sealed.operations).toEqual(expected);
  const used = expected.reduce((sum, op) => sum + CHUNKS[op.type], 0);
  expect(sealed.chunksUsed).toBe(used);
  expect(sealed.publicData).toEqual(encodeBlockPubdata(expected, sealed.blockChunks));
  const located = decodeBlockOperations(sealed.publicData);
  expect(located.slice(0, expected.length).map(({ op }) => op)).toEqual(expected);
  expect(located.slice(expected.length).every(({ op }) => op.type === "Noop")).toBe(true);
  const offsets: number[] = [];
  let chunk = 0;
  for (const op of expected) {
    if (ONCHAIN.has(op.type)) offsets.push(chunk * 10);
    chunk += CHUNKS[op.type];
  }
  expect(sealed.onchainOperations.map((o) => o.publicDataOffset)).toEqual(offsets);
  expect(sealed.commitment).toEqual(expectedCommitment(sealed, expected));
  expect(sealed.commitment).toEqual(blockCommitment({ ...sealed, feeAccount: sealed.feeAccountId }));
}

describe("BlockBuilder: Swaps start at an odd chunk (block circuit: one signature per chunk pair)", () => {
  it("a Noop goes before a Swap at an even chunk, none before a Swap at an odd chunk", () => {
    const state = fundedState(4, 10n ** 18n, [0, 1]);
    const block = openBlock(state, 2);
    expect(block.chunksNeededFor("Swap")).toBe(6);
    expect(block.chunksNeededFor("Transfer")).toBe(2);
    const s1 = block.applyTx(limitSwap(state)); // Noop at chunk 0, Swap at 1..5
    expect(block.operations).toEqual([NOOP, s1]);
    expect(block.chunksUsed).toBe(6);
    const s2 = block.applyTx(limitSwap(state)); // Noop at 6, Swap at 7..11
    const mint = block.applyTx(mintNFT(4, address(4))); // 12..16
    expect(block.chunksNeededFor("Swap")).toBe(5);
    const s3 = block.applyTx(limitSwap(state)); // 17..21
    const exit = block.applyTx(withdraw(4, 1n, { nonce: nonceOf(state, 4) })); // 22..27
    expect(block.operations).toEqual([NOOP, s1, NOOP, s2, mint, s3, exit]);
    expect(block.chunksUsed).toBe(28);
    const sealed = block.seal();
    expect(sealed.blockChunks).toBe(32);
    expect(sealed.onchainOperations.map((o) => o.publicDataOffset)).toEqual([220]);
    expectConsistentSeal(sealed, [NOOP, s1, NOOP, s2, mint, s3, exit]);
    expect(decodeBlockOperations(sealed.publicData).filter(({ op }) => op.type === "Swap").map(({ offset }) => offset / 10)).toEqual([1, 7, 17]);
  });

  it("on-chain offsets and ChangePubKey witnesses stay with their operations around alignment Noops", async () => {
    const owner = new Wallet(`0x${"42".repeat(32)}`);
    const state = fundedState(3, 10n ** 18n, [0, 1]);
    const block = openBlock(state, 2);
    const s1 = block.applyTx(limitSwap(state)); // Noop 0, Swap 1..5
    const dep = block.applyPriorityOp(deposit(owner.address.toLowerCase(), 5n)); // 6..11
    const id = state.accountByAddress(owner.address)?.id as number;
    const ethSignature = await owner.signMessage(getChangePubkeyMessage(pubKeyHash(9), 0, id));
    const cpk = block.applyTx(changePubKey(id, { account: owner.address, newPkHash: pubKeyHash(9), ethAuthData: { type: "ECDSA", ethSignature } })); // 12..17
    const s2 = block.applyTx(limitSwap(state)); // Noop 18, Swap 19..23
    const sealed = block.seal();
    expectConsistentSeal(sealed, [NOOP, s1, dep, cpk, NOOP, s2]);
    expect(sealed.onchainOperations.map((o) => o.publicDataOffset)).toEqual([60, 120]);
    expect(sealed.onchainOperations[0]?.ethWitness).toEqual(new Uint8Array());
    expect(sealed.onchainOperations[1]?.ethWitness.length).toBe(66);
  });

  it("BLOCK_FULL counts the alignment Noop, and the refused Swap leaves no Noop behind", () => {
    const state = fundedState(4, 10n ** 18n, [0, 1]);
    const small = state.openBlock({ blockNumber: 2, feeAccountId: 0, timestamp: TIMESTAMP, blockChunkSizes: [11] });
    const dep = small.applyPriorityOp(deposit(address(4), 1n)); // 6 used, 5 left: the Swap alone would fit
    expect(small.chunksNeededFor("Swap")).toBe(6);
    expectRejected(state, () => small.applyTx(limitSwap(state)), "BLOCK_FULL");
    expect(() => small.applyTx(limitSwap(state))).toThrow(/Noop/);
    expect(small.operations).toEqual([dep]);
    expect(small.chunksUsed).toBe(6);
    const mint = small.applyTx(mintNFT(4, address(4))); // the 5 chunks are still free
    expectConsistentSeal(small.seal(), [dep, mint]);

    const exact = state.openBlock({ blockNumber: 3, feeAccountId: 0, timestamp: TIMESTAMP, blockChunkSizes: [12] });
    const dep2 = exact.applyPriorityOp(deposit(address(4), 1n));
    const s = exact.applyTx(limitSwap(state));
    expect(exact.remainingChunks).toBe(0);
    const sealed = exact.seal();
    expect(sealed.blockChunks).toBe(12);
    expectConsistentSeal(sealed, [dep2, NOOP, s]);
  });

  it("a rejected batch with a Swap leaves no Noop, fee or state change; an accepted one keeps its Noop", () => {
    const state = fundedState(4, 10n ** 18n, [0, 1]);
    const block = openBlock(state, 2);
    const first = block.applyTx(transfer(4, address(1), 1n, { nonce: nonceOf(state, 4) })); // 2 chunks
    const root = state.root;
    const overdraft = transfer(4, address(2), 10n ** 30n, { nonce: nonceOf(state, 4) });
    expectRejected(state, () => block.applyBatch([limitSwap(state, { fee: 1n }), overdraft]), "INSUFFICIENT_BALANCE");
    expect(block.operations).toEqual([first]);
    expect(block.chunksUsed).toBe(2);
    expect(block.feeTokenCount).toBe(0);
    expect(state.root).toBe(root);

    // In a 7-chunk block, Transfer (2) + Swap (5) would fit, but not with the Noop: the whole batch is undone.
    const tight = fundedState(4, 10n ** 18n, [0, 1]);
    const tightBlock = tight.openBlock({ blockNumber: 2, feeAccountId: 0, timestamp: TIMESTAMP, blockChunkSizes: [7] });
    expectRejected(tight, () => tightBlock.applyBatch([transfer(4, address(1), 1n, { nonce: nonceOf(tight, 4) }), limitSwap(tight)]), "BLOCK_FULL");
    expect(tightBlock.operations).toEqual([]);
    expect(tightBlock.chunksUsed).toBe(0);
    const alone = tightBlock.applyBatch([limitSwap(tight)]);
    expectConsistentSeal(tightBlock.seal(), [NOOP, ...alone]);

    const ops = block.applyBatch([limitSwap(state, { fee: 1n }), transfer(4, address(2), 1n, { nonce: nonceOf(state, 4) })]);
    expect(block.operations).toEqual([first, NOOP, ...ops]);
    expectConsistentSeal(block.seal(), [first, NOOP, ...ops]);
  });

  it("abandon removes alignment Noops with everything else", () => {
    const state = fundedState(3, 10n ** 18n, [0, 1]);
    const before = snapshot(state);
    const rootBefore = state.root;
    const block = openBlock(state, 2);
    block.applyTx(limitSwap(state, { fee: 2n }));
    expect(block.operations.map((op) => op.type)).toEqual(["Noop", "Swap"]);
    block.abandon();
    expect(snapshot(state)).toBe(before);
    expect(state.root).toBe(rootBefore);
    const next = openBlock(state, 2);
    const s = next.applyTx(limitSwap(state));
    expectConsistentSeal(next.seal(), [NOOP, s]);
  });

  it("random blocks: Swaps start at odd chunks, Noops only align Swaps, sealed data matches the SDK and §4.4", () => {
    const kinds = ["swap", "transfer", "mint", "deposit", "fullExit", "withdraw", "rejectedSwapBatch"] as const;
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...kinds), { minLength: 1, maxLength: 16 }), (steps) => {
        const state = fundedState(4, 10n ** 18n, [0, 1]);
        const block = openBlock(state, 2);
        const applied: Operation[] = [];
        for (const step of steps) {
          if (step === "rejectedSwapBatch") {
            const before = [...block.operations];
            const overdraft = transfer(4, address(1), 10n ** 30n, { nonce: nonceOf(state, 4) });
            expect(() => block.applyBatch([limitSwap(state), overdraft])).toThrow(expect.objectContaining({ code: "INSUFFICIENT_BALANCE" }));
            expect(block.operations).toEqual(before);
            continue;
          }
          const nonce = nonceOf(state, 4);
          if (step === "swap") applied.push(block.applyTx(limitSwap(state)));
          else if (step === "transfer") applied.push(block.applyTx(transfer(4, address(1), 1n, { nonce })));
          else if (step === "mint") applied.push(block.applyTx(mintNFT(4, address(4), { nonce })));
          else if (step === "deposit") applied.push(block.applyPriorityOp(deposit(address(1), 1n)));
          else if (step === "fullExit") applied.push(block.applyPriorityOp({ type: "FullExit", accountId: 4, ethAddress: address(4), token: 1 }));
          else applied.push(block.applyTx(withdraw(4, 1n, { nonce })));
        }
        const expected = withSwapAlignment(applied);
        expect(block.operations).toEqual(expected);
        let chunk = 0;
        expected.forEach((op, i) => {
          if (op.type === "Swap") expect(chunk % 2).toBe(1);
          if (op.type === "Noop") {
            expect(expected[i + 1]?.type).toBe("Swap");
            expect(chunk % 2).toBe(0);
          }
          chunk += CHUNKS[op.type];
        });
        expectConsistentSeal(block.seal(), expected);
      }),
      { numRuns: 25 },
    );
  });
});

describe("BlockBuilder: maxFeeTokens (block circuit: one token per fee slot)", () => {
  const bounded = (state: RollupState, blockNumber: number, maxFeeTokens?: number): BlockBuilder =>
    state.openBlock({ blockNumber, feeAccountId: 0, timestamp: TIMESTAMP, blockChunkSizes: BLOCK_SIZES, maxFeeTokens });

  it("refuses a non-zero fee in one token too many; zero fees and known tokens pass; the next block takes it", () => {
    const state = fundedState(3, 10n ** 18n, [0, 1, 2]);
    const block = bounded(state, 2, 2);
    let nonce = FIRST_NONCE;
    block.applyTx(transfer(1, address(2), 1n, { token: 0, fee: 1n, nonce: nonce++ }));
    block.applyTx(withdraw(1, 1n, { token: 1, fee: 2n, nonce: nonce++ }));
    expect(block.feeTokenCount).toBe(2);
    const third = transfer(1, address(2), 1n, { token: 2, fee: 3n, nonce });
    expectRejected(state, () => block.applyTx(third), "BLOCK_FEE_TOKENS_FULL");
    expect(block.operations.length).toBe(2);
    // Fees in a separate fee token are bounded too.
    expectRejected(state, () => block.applyTx(limitSwap(state, { feeToken: 2, fee: 1n })), "BLOCK_FEE_TOKENS_FULL");
    expectRejected(state, () => block.applyTx(mintNFT(2, address(2), { feeToken: 2, fee: 1n, nonce: nonceOf(state, 2) })), "BLOCK_FEE_TOKENS_FULL");
    expect(state.nft(65536)).toBeUndefined();
    expect(block.operations.length).toBe(2);
    block.applyTx(transfer(1, address(2), 1n, { token: 2, fee: 0n, nonce: nonce++ }));
    block.applyTx(transfer(1, address(2), 1n, { token: 0, fee: 4n, nonce: nonce++ }));
    block.applyTx(limitSwap(state, { feeToken: 1, fee: 5n }));
    expect(block.feeTokenCount).toBe(2);
    expect(block.seal().fees).toEqual(new Map([[0, 5n], [1, 7n]]));

    const next = bounded(state, 3, 2);
    next.applyTx({ ...third, nonce: nonceOf(state, 1) });
    expect(next.seal().fees).toEqual(new Map([[2, 3n]]));
    expect(state.balance(0, 2)).toBe(3n);
  });

  it("a rejected transaction or batch, and abandon, give back the fee slots they took", () => {
    const state = fundedState(2, 10n ** 18n, [0, 1]);
    const before = snapshot(state);
    const block = bounded(state, 2, 1);
    const overdraft = transfer(1, address(2), 10n ** 30n, { nonce: FIRST_NONCE + 1 });
    expectRejected(state, () => block.applyBatch([transfer(1, address(2), 1n, { token: 1, fee: 1n }), overdraft]), "INSUFFICIENT_BALANCE");
    expectRejected(state, () => block.applyTx(transfer(1, address(2), 10n ** 18n, { token: 1, fee: 1n })), "INSUFFICIENT_BALANCE");
    expect(block.feeTokenCount).toBe(0);
    block.applyTx(transfer(1, address(2), 1n, { token: 0, fee: 1n }));
    const second = transfer(1, address(2), 1n, { token: 1, fee: 1n, nonce: FIRST_NONCE + 2 });
    expectRejected(state, () => block.applyBatch([transfer(1, address(2), 1n, { fee: 1n, nonce: FIRST_NONCE + 1 }), second]), "BLOCK_FEE_TOKENS_FULL");
    expect(() => block.applyBatch([transfer(1, address(2), 1n, { fee: 1n, nonce: FIRST_NONCE + 1 }), second])).toThrow(/batch transaction 1 \(Transfer\)/);
    expect(block.feeTokenCount).toBe(1);
    expect(block.operations.length).toBe(1);
    block.abandon();
    expect(snapshot(state)).toBe(before);

    const again = bounded(state, 2, 1);
    again.applyTx(transfer(1, address(2), 1n, { token: 1, fee: 1n }));
    expect(again.seal().fees).toEqual(new Map([[1, 1n]]));
  });

  it("maxFeeTokens must be a positive integer; undefined means no limit", () => {
    const state = fundedState(1, 10n ** 18n, [0, 1, 2, 3, 4]);
    for (const bad of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => bounded(state, 2, bad)).toThrow(expect.objectContaining({ code: "INVALID_ARGUMENT" }));
    }
    const block = bounded(state, 2);
    expect(block.maxFeeTokens).toBeUndefined();
    for (let token = 0; token < 5; token++) block.applyTx(withdraw(1, 1n, { token, fee: 1n, nonce: FIRST_NONCE + token }));
    expect(block.seal().fees.size).toBe(5);
    const one = bounded(state, 3, 1);
    expect(one.maxFeeTokens).toBe(1);
    one.seal();
  });
});
