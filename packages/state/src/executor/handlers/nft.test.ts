import type { MintNFT } from "@zklite/protocol";
import { describe, expect, it } from "vitest";
import { FIRST_NONCE, address, expectRejected, fundedState, openBlock, pubKeyHash, signedBy, transfer, withdrawNFT } from "../../../test/fixtures.js";
import { referenceRescueHash } from "../../../test/shared-reference.js";

const NFT_TOKEN_ID = 2 ** 31 - 2;
const CONTENT = `0x${"ab".repeat(16)}${"cd".repeat(16)}`;

function mint(creator: number, recipient: string, fields: Partial<MintNFT> = {}): MintNFT {
  return {
    type: "MintNFT",
    creatorId: creator,
    creatorAddress: address(creator),
    contentHash: CONTENT,
    recipient,
    fee: 0n,
    feeToken: 0,
    nonce: FIRST_NONCE,
    signature: signedBy(pubKeyHash(creator)),
    ...fields,
  };
}

describe("MintNFT", () => {
  it("allocates serial id and token id from the counters and stores the content digest", () => {
    const state = fundedState(2);
    const storage = state.nftStorageAccountId;
    const block = openBlock(state, 2);
    const op = block.applyTx(mint(1, address(2), { fee: 2n }));
    expect(op).toEqual({ type: "MintNFT", creatorId: 1, recipientId: 2, contentHash: CONTENT, feeToken: 0, fee: 2n });
    expect(state.balance(2, 65536)).toBe(1n);
    expect(state.balance(1, NFT_TOKEN_ID)).toBe(1n); // creator's serial counter
    expect(state.balance(storage, NFT_TOKEN_ID)).toBe(65537n); // next token id
    expect(state.nft(65536)).toMatchObject({ tokenId: 65536, creatorId: 1, creatorAddress: address(1), serialId: 0, contentHash: CONTENT });


    block.applyTx(mint(1, address(1), { nonce: FIRST_NONCE + 1 }));
    expect(state.nft(65537)?.serialId).toBe(1);
    expect(state.balance(1, 65537)).toBe(1n);
  });

  it("stores zkSync's Rescue token hash (shared reference) as the digest, and its low 160 bits as the NFT address", (context) => {
    const rescue = referenceRescueHash(context);
    const state = fundedState(2);
    const block = openBlock(state, 2);
    block.applyTx(mint(1, address(2), { fee: 2n }));
    // Independent: zkSync's Rescue over (creatorId ‖ serialId ‖ content[0..16], content[16..32]).
    const lhs = (1n << 160n) | (0n << 128n) | BigInt(`0x${"ab".repeat(16)}`);
    const tokenHash = rescue([lhs, BigInt(`0x${"cd".repeat(16)}`)]);
    expect(state.balance(state.nftStorageAccountId, 65536)).toBe(tokenHash & ((1n << 128n) - 1n));
    expect(state.nft(65536)?.address).toBe(`0x${(tokenHash & ((1n << 160n) - 1n)).toString(16).padStart(40, "0")}`);
  });

  it("ZERO_ADDRESS, ACCOUNT_NOT_FOUND recipient, INVALID_RECIPIENT storage, ACCOUNT_ID_MISMATCH creator address", () => {
    const state = fundedState(2);
    const block = openBlock(state, 2);
    expectRejected(state, () => block.applyTx(mint(1, address(0))), "ZERO_ADDRESS");
    expectRejected(state, () => block.applyTx(mint(1, address(60))), "ACCOUNT_NOT_FOUND");
    expectRejected(state, () => block.applyTx(mint(1, `0x${"ff".repeat(20)}`)), "INVALID_RECIPIENT");
    expectRejected(state, () => block.applyTx(mint(1, address(2), { creatorAddress: address(2) })), "ACCOUNT_ID_MISMATCH");
  });

  it("creator rules: lock, signature, nonce, fee token, balance", () => {
    const state = fundedState(2, 5n);
    const block = openBlock(state, 2);
    block.applyTx(transfer(1, address(40), 1n));
    const locked = state.accountByAddress(address(40))?.id as number;
    expectRejected(state, () => block.applyTx(mint(locked, address(2), { creatorAddress: address(40), nonce: 0 })), "ACCOUNT_LOCKED");
    expectRejected(state, () => block.applyTx(mint(2, address(1), { signature: signedBy(pubKeyHash(1)) })), "WRONG_SIGNER");
    expectRejected(state, () => block.applyTx(mint(2, address(1), { nonce: 0 })), "NONCE_MISMATCH");
    expectRejected(state, () => block.applyTx(mint(2, address(1), { feeToken: 65536 })), "INVALID_FEE_TOKEN");
    expectRejected(state, () => block.applyTx(mint(2, address(1), { fee: 6n })), "INSUFFICIENT_BALANCE");
  });

  it("NFTs are transferable with fee 0 and withdrawn with their metadata", () => {
    const state = fundedState(2);
    const block = openBlock(state, 2);
    block.applyTx(mint(1, address(1)));
    block.applyTx(transfer(1, address(2), 1n, { token: 65536, nonce: FIRST_NONCE + 1 }));
    expect(state.balance(2, 65536)).toBe(1n);
    const op = block.applyTx(withdrawNFT(2, 65536, { fee: 1n, to: address(99) }));
    expect(op).toEqual({
      type: "WithdrawNFT",
      accountId: 2,
      creatorId: 1,
      creatorAddress: address(1),
      serialId: 0,
      contentHash: CONTENT,
      to: address(99),
      token: 65536,
      feeToken: 0,
      fee: 1n,
    });
    expect(state.balance(2, 65536)).toBe(0n);
  });
});

describe("WithdrawNFT", () => {
  it("NFT_NOT_OWNED, NFT_NOT_FOUND, INVALID_TOKEN for fungible ids", () => {
    const state = fundedState(2);
    const block = openBlock(state, 2);
    block.applyTx(mint(1, address(1)));
    expectRejected(state, () => block.applyTx(withdrawNFT(2, 65536)), "NFT_NOT_OWNED");
    expectRejected(state, () => block.applyTx(withdrawNFT(2, 70000)), "NFT_NOT_FOUND");
    expectRejected(state, () => block.applyTx(withdrawNFT(2, 5)), "INVALID_TOKEN");
    expectRejected(state, () => block.applyTx(withdrawNFT(1, 65536, { nonce: FIRST_NONCE })), "NONCE_MISMATCH");
    block.applyTx(withdrawNFT(1, 65536, { nonce: FIRST_NONCE + 1 }));
  });
});
