import { createHash } from "node:crypto";
import { decodeBlockPubdata, decodeOperationPubdata, encodeOperationPubdata, type Operation } from "@zklite/sdk/protocol";
import { describe, expect, it } from "vitest";
import {
  FIRST_NONCE,
  address,
  changePubKey,
  deposit,
  expectRejected,
  fundedState,
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
import type { BlockBuilder } from "./block-builder.js";
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

/** §4.4 and the offset commitment of §4.3, written out independently of @zklite/sdk/protocol. */
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
    const async = await run(fundedState(2)).sealWith(async (inputs) => hashBatchOnThisThread(inputs));
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
