import type { Operation, Order } from "@zklite/protocol";
import { describe, expect, it } from "vitest";
import {
  BLOCK_SIZES,
  TEST_DEPTHS,
  TIMESTAMP,
  address,
  deposit,
  expectRejected,
  fundedState,
  mintNFT,
  openBlock,
  order,
  snapshot,
  swap,
  transfer,
  withdraw,
  withdrawNFT,
} from "../../test/fixtures.js";
import type { BlockBuilder } from "./block-builder.js";
import { extendedBalanceTouches } from "./extended-touches.js";
import type { RollupState } from "./rollup-state.js";

const NFT = 65536; // the first minted NFT id
const NFT_COUNTER = 2 ** 31 - 2;
const ADDR = address(5);
const NO_HASH = `0x${"0".repeat(64)}`;

const nonceOf = (state: RollupState, id: number): number => state.account(id)?.nonce as number;
const bounded = (state: RollupState, blockNumber: number, maxExtendedTouches?: number): BlockBuilder =>
  state.openBlock({ blockNumber, feeAccountId: 0, timestamp: TIMESTAMP, blockChunkSizes: BLOCK_SIZES, maxExtendedTouches });

function transferOp(token: number): Operation {
  return { type: "Transfer", fromId: 1, token, toId: 2, amount: 1n, fee: 0n };
}
function fullExitOp(accountId: number, token: number, amount: bigint): Operation {
  return { type: "FullExit", accountId, owner: ADDR, token, amount, nftCreatorId: 0, nftCreatorAddress: address(0), nftSerialId: 0, nftContentHash: NO_HASH };
}
function swapOp(tokenA: number, tokenB: number): Operation {
  return { type: "Swap", accountA: 1, recipientA: 1, accountB: 2, recipientB: 2, submitterId: 3, tokenA, tokenB, feeToken: 0, amountA: 1n, amountB: 1n, fee: 0n, nonceMask: 0 };
}

describe("extendedBalanceTouches (the block circuit's chunk → leaf table)", () => {
  it("Transfer / TransferToNew: 2 for a token ≥ 1024 (debit and credit chunks), else 0", () => {
    for (const [token, touches] of [[0, 0], [1023, 0], [1024, 2], [65535, 2], [NFT, 2], [2 ** 31 - 3, 2]] as const) {
      expect(extendedBalanceTouches(transferOp(token))).toBe(touches);
      expect(extendedBalanceTouches({ type: "TransferToNew", fromId: 1, token, amount: 1n, to: ADDR, toId: 9, fee: 0n })).toBe(touches);
    }
  });

  it("FullExit: 1 for a token ≥ 1024, 1 more for an NFT actually withdrawn, 0 for an account or token outside the trees", () => {
    expect(extendedBalanceTouches(fullExitOp(1, 0, 5n))).toBe(0);
    expect(extendedBalanceTouches(fullExitOp(1, 1023, 5n))).toBe(0);
    expect(extendedBalanceTouches(fullExitOp(1, 1024, 5n))).toBe(1); // fungible id ≥ 1024: no digest chunk
    expect(extendedBalanceTouches(fullExitOp(1, 65535, 5n))).toBe(1);
    expect(extendedBalanceTouches(fullExitOp(1, NFT, 1n))).toBe(2);
    expect(extendedBalanceTouches(fullExitOp(1, NFT, 0n))).toBe(1); // not withdrawn: balance read only
    expect(extendedBalanceTouches(fullExitOp(1, 2 ** 31 - 3, 1n))).toBe(2); // MAX_TOKEN_ID
    expect(extendedBalanceTouches(fullExitOp(1, NFT_COUNTER, 0n))).toBe(0); // > MAX_TOKEN_ID: invalid token
    expect(extendedBalanceTouches(fullExitOp(1, 2 ** 32 - 1, 0n))).toBe(0);
    // account geometry: production (default) 2^24 accounts; the tests' trees 2^6
    expect(extendedBalanceTouches(fullExitOp(2 ** 24 - 1, NFT, 0n))).toBe(1);
    expect(extendedBalanceTouches(fullExitOp(2 ** 24, NFT, 0n))).toBe(0);
    expect(extendedBalanceTouches(fullExitOp(63, NFT, 0n), TEST_DEPTHS)).toBe(1);
    expect(extendedBalanceTouches(fullExitOp(64, NFT, 0n), TEST_DEPTHS)).toBe(0);
    // token geometry: with 16-bit token ids, 65536 is outside the balance tree
    const narrow = { accountTreeDepth: 6, balanceTreeDepth: 16 };
    expect(extendedBalanceTouches(fullExitOp(1, 65535, 1n), narrow)).toBe(1);
    expect(extendedBalanceTouches(fullExitOp(1, NFT, 1n), narrow)).toBe(0);
  });

  it("MintNFT 4, WithdrawNFT 2, Swap 2 per sold token ≥ 1024; Deposit, Withdraw, ChangePubKey, ForcedExit and Noop 0", () => {
    expect(extendedBalanceTouches({ type: "MintNFT", creatorId: 1, recipientId: 2, contentHash: NO_HASH, feeToken: 0, fee: 0n })).toBe(4);
    expect(
      extendedBalanceTouches({ type: "WithdrawNFT", accountId: 1, creatorId: 1, creatorAddress: ADDR, serialId: 0, contentHash: NO_HASH, to: ADDR, token: NFT, feeToken: 0, fee: 0n }),
    ).toBe(2);
    expect(extendedBalanceTouches(swapOp(0, 1))).toBe(0);
    expect(extendedBalanceTouches(swapOp(1023, 1))).toBe(0);
    expect(extendedBalanceTouches(swapOp(1024, 1))).toBe(2);
    expect(extendedBalanceTouches(swapOp(0, NFT))).toBe(2);
    expect(extendedBalanceTouches(swapOp(NFT, NFT + 1))).toBe(4);
    const zero: Operation[] = [
      { type: "Noop" },
      { type: "Deposit", accountId: 1, token: 1023, amount: 1n, to: ADDR },
      { type: "Withdraw", accountId: 1, token: 1023, amount: 1n, fee: 0n, to: ADDR },
      { type: "ChangePubKey", accountId: 1, newPkHash: `sync:${"0".repeat(40)}`, account: ADDR, nonce: 0, feeToken: 0, fee: 0n },
      { type: "ForcedExit", initiatorId: 1, targetId: 2, token: 1023, amount: 1n, fee: 0n, target: ADDR },
    ];
    for (const op of zero) expect(extendedBalanceTouches(op)).toBe(0);
    expect(() => extendedBalanceTouches({ type: "Close" } as unknown as Operation)).toThrow(expect.objectContaining({ code: "INVALID_ARGUMENT" }));
  });
});

/** State with keyed accounts 1..4 (tokens 0 and 1) where account 1 owns NFT 65536 and account 2 owns 65537. */
function withNfts(): RollupState {
  const state = fundedState(4, 10n ** 18n, [0, 1]);
  const block = openBlock(state, 2);
  block.applyTx(mintNFT(1, address(1), { nonce: nonceOf(state, 1) }));
  block.applyTx(mintNFT(1, address(2), { nonce: nonceOf(state, 1) }));
  block.seal();
  expect([state.balance(1, NFT), state.balance(2, NFT + 1)]).toEqual([1n, 1n]);
  return state;
}

const nftTransfer = (state: RollupState, from: number, to: string, token = NFT) => transfer(from, to, 1n, { token, nonce: nonceOf(state, from) });

/** Maker `seller` sells its NFT `nft` to maker `buyer` for 1 of token 0; account 3 submits. */
function nftSwap(state: RollupState, seller: number, buyer: number, nft: number) {
  const orders: [Order, Order] = [
    order(seller, { tokenSell: nft, tokenBuy: 0, nonce: nonceOf(state, seller) }),
    order(buyer, { tokenSell: 0, tokenBuy: nft, nonce: nonceOf(state, buyer) }),
  ];
  return swap(3, orders, [1n, 1n], { nonce: nonceOf(state, 3) });
}

describe("BlockBuilder: maxExtendedTouches (block circuit: a fixed number of extended lanes)", () => {
  it("counts each operation's touches as the circuit's table says", () => {
    const state = withNfts();
    const block = bounded(state, 3);
    const steps: [() => Operation, number][] = [
      [() => block.applyTx(mintNFT(3, address(3), { nonce: nonceOf(state, 3) })), 4],
      [() => block.applyTx(nftTransfer(state, 1, address(4))), 2],
      [() => block.applyTx(nftTransfer(state, 4, address(70))), 2], // TransferToNew
      [() => block.applyTx(transfer(1, address(2), 5n, { nonce: nonceOf(state, 1) })), 0],
      [() => block.applyPriorityOp({ type: "FullExit", accountId: 3, ethAddress: address(3), token: NFT + 2 }), 2], // NFT withdrawn
      [() => block.applyTx(nftSwap(state, 2, 1, NFT + 1)), 2], // 26 chunks so far: after an alignment Noop (0)
      [() => block.applyTx(withdrawNFT(1, NFT + 1, { nonce: nonceOf(state, 1) })), 2],
      [() => block.applyPriorityOp({ type: "FullExit", accountId: 3, ethAddress: address(3), token: NFT }), 1], // owns none: amount 0
      [() => block.applyPriorityOp({ type: "FullExit", accountId: 3, ethAddress: address(3), token: 1 }), 0],
      [() => block.applyPriorityOp({ type: "FullExit", accountId: 64, ethAddress: address(3), token: NFT }), 0], // outside the account tree
      [() => block.applyPriorityOp({ type: "FullExit", accountId: 3, ethAddress: address(3), token: NFT_COUNTER }), 0], // not a token
      [() => block.applyPriorityOp(deposit(address(1), 5n)), 0],
      [() => block.applyTx(withdraw(1, 1n, { nonce: nonceOf(state, 1) })), 0],
    ];
    let total = 0;
    for (const [apply, touches] of steps) {
      const op = apply();
      total += touches;
      expect([op.type, block.extendedTouchCount]).toEqual([op.type, total]);
      expect(extendedBalanceTouches(op, state.tree)).toBe(touches);
    }
    expect(block.operations.filter((op) => op.type === "Noop")).toHaveLength(1);
    expect(block.seal().operations.reduce((sum, op) => sum + extendedBalanceTouches(op, state.tree), 0)).toBe(total);
  });

  it("fills up exactly; one touch too many is BLOCK_EXTENDED_TOUCHES_FULL with the state unchanged; the next block takes it", () => {
    const state = withNfts();
    const block = bounded(state, 3, 6);
    expect(block.maxExtendedTouches).toBe(6);
    block.applyTx(mintNFT(3, address(3), { nonce: nonceOf(state, 3) })); // 4
    block.applyTx(nftTransfer(state, 1, address(4))); // 6: exactly the bound
    expect(block.extendedTouchCount).toBe(6);
    // operations on processable tokens still fit
    block.applyTx(transfer(1, address(2), 5n, { nonce: nonceOf(state, 1) }));
    block.applyPriorityOp(deposit(address(1), 5n));
    block.applyPriorityOp({ type: "FullExit", accountId: 2, ethAddress: address(2), token: 1 });
    const root = state.root;
    const opsBefore = block.operations.length;
    const refused = nftTransfer(state, 2, address(71), NFT + 1); // TransferToNew: would create account 71's
    expectRejected(state, () => block.applyTx(refused), "BLOCK_EXTENDED_TOUCHES_FULL");
    expectRejected(state, () => block.applyTx(mintNFT(3, address(3), { nonce: nonceOf(state, 3) })), "BLOCK_EXTENDED_TOUCHES_FULL");
    expectRejected(state, () => block.applyPriorityOp({ type: "FullExit", accountId: 4, ethAddress: address(4), token: NFT }), "BLOCK_EXTENDED_TOUCHES_FULL");
    expect(() => block.applyTx(refused)).toThrow(/TransferToNew touches 2 balances with token id ≥ 1024; the block has used 6 of its 6/);
    expect(state.root).toBe(root);
    expect(state.nft(NFT + 3)).toBeUndefined();
    expect(state.accountByAddress(address(71))).toBeUndefined();
    expect(state.balance(4, NFT)).toBe(1n);
    expect(block.operations.length).toBe(opsBefore);
    expect(block.extendedTouchCount).toBe(6);
    block.seal();

    const next = bounded(state, 4, 6);
    expect(next.applyTx({ ...refused, nonce: nonceOf(state, 2) }).type).toBe("TransferToNew");
    expect(next.extendedTouchCount).toBe(2);
    expect(state.balance(state.accountByAddress(address(71))?.id as number, NFT + 1)).toBe(1n);
    next.seal();
  });

  it("batches are all or nothing; a rejected transaction, batch or abandon gives the lanes back", () => {
    const state = withNfts();
    const before = snapshot(state);
    const root = state.root;
    const block = bounded(state, 3, 5);
    const nonce = nonceOf(state, 3);
    const batch = [
      transfer(3, address(1), 1n, { nonce }),
      mintNFT(3, address(3), { nonce: nonce + 1 }), // 4
      transfer(1, address(2), 1n, { token: NFT, nonce: nonceOf(state, 1) }), // 2 more: 6 > 5
    ];
    expectRejected(state, () => block.applyBatch(batch), "BLOCK_EXTENDED_TOUCHES_FULL");
    expect(() => block.applyBatch(batch)).toThrow(/batch transaction 2 \(Transfer\)/);
    expect(block.operations).toEqual([]);
    expect(block.extendedTouchCount).toBe(0);
    expect(state.nft(NFT + 2)).toBeUndefined();
    expect(state.root).toBe(root);
    // a batch refused for another reason after an extended operation leaves no touches behind
    const overdraft = transfer(2, address(1), 10n ** 30n, { nonce: nonceOf(state, 2) });
    expectRejected(state, () => block.applyBatch([batch[0] as (typeof batch)[0], batch[1] as (typeof batch)[1], overdraft]), "INSUFFICIENT_BALANCE");
    expect(block.extendedTouchCount).toBe(0);
    expect(block.applyBatch(batch.slice(0, 2)).map((op) => op.type)).toEqual(["Transfer", "MintNFT"]);
    expect(block.extendedTouchCount).toBe(4);
    block.abandon();
    expect(snapshot(state)).toBe(before);
    expect(state.root).toBe(root);

    const again = bounded(state, 3, 5);
    again.applyTx(nftTransfer(state, 1, address(2)));
    again.applyTx(nftTransfer(state, 2, address(3), NFT + 1));
    expect(again.extendedTouchCount).toBe(4);
    expectRejected(state, () => again.applyTx(nftTransfer(state, 2, address(3))), "BLOCK_EXTENDED_TOUCHES_FULL");
    again.seal();
  });

  it("a Swap's alignment Noop takes no lane, and a refused Swap leaves no Noop", () => {
    const state = withNfts();
    const block = bounded(state, 3, 2);
    const s1 = block.applyTx(nftSwap(state, 1, 2, NFT)); // Noop at chunk 0, Swap 1..5: 2 touches
    expect(block.operations).toEqual([{ type: "Noop" }, s1]);
    expect(block.extendedTouchCount).toBe(2);
    expect(state.balance(2, NFT)).toBe(1n);
    expectRejected(state, () => block.applyTx(nftSwap(state, 2, 1, NFT)), "BLOCK_EXTENDED_TOUCHES_FULL");
    expect(block.operations).toEqual([{ type: "Noop" }, s1]);
    expect(block.chunksUsed).toBe(6);
    // a Swap of processable tokens still fits
    const plain = swap(3, [order(1, { nonce: nonceOf(state, 1) }), order(4, { tokenSell: 1, tokenBuy: 0, nonce: nonceOf(state, 4) })], [1n, 1n], { nonce: nonceOf(state, 3) });
    block.applyTx(plain);
    expect(block.extendedTouchCount).toBe(2);
    expect(block.operations.map((op) => op.type)).toEqual(["Noop", "Swap", "Noop", "Swap"]);
    block.seal();
  });

  it("maxExtendedTouches must be a non-negative integer; 0 refuses every extended touch; undefined means no limit", () => {
    const state = withNfts();
    for (const bad of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53]) {
      expect(() => bounded(state, 3, bad)).toThrow(expect.objectContaining({ code: "INVALID_ARGUMENT" }));
    }
    expect(() => bounded(state, 3, "4" as unknown as number)).toThrow(expect.objectContaining({ code: "INVALID_ARGUMENT" }));
    const none = bounded(state, 3, 0);
    expect(none.maxExtendedTouches).toBe(0);
    none.applyTx(transfer(1, address(2), 1n, { nonce: nonceOf(state, 1) }));
    expectRejected(state, () => none.applyTx(nftTransfer(state, 1, address(2))), "BLOCK_EXTENDED_TOUCHES_FULL");
    none.seal();
    const unlimited = bounded(state, 4);
    expect(unlimited.maxExtendedTouches).toBeUndefined();
    for (let i = 0; i < 5; i++) unlimited.applyTx(mintNFT(3, address(3), { nonce: nonceOf(state, 3) }));
    expect(unlimited.extendedTouchCount).toBe(20);
    unlimited.seal();
  });
});
