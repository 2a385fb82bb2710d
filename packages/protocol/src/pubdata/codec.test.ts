import fc from "fast-check";
import { hexlify } from "ethers";
import { describe, expect, it } from "vitest";
import { operationArb, operationArbs } from "../testing/arbitraries.js";
import { oracleOpPubdata, ORACLE_OP_CHUNKS } from "../testing/oracles.js";
import { decodeOperationAt, decodeOperationPubdata, encodeOperationPubdata, operationPubdataSize } from "./codec.js";
import { operationChunks, type Operation } from "./operations.js";

const code = (c: string) => expect.objectContaining({ code: c });
const pad = (hex: string, chunks: number) => `0x${hex.replace(/\s/g, "").padEnd(chunks * 20, "0")}`;
const addr = (byte: string) => `0x${byte.repeat(20)}`;

describe("operation pubdata", () => {
  it("lays out fixed examples byte by byte as in PROTOCOL.md §4.2", () => {
    const transfer: Operation = { type: "Transfer", fromId: 1, token: 2, toId: 3, amount: 1000n, fee: 1000n };
    expect(hexlify(encodeOperationPubdata(transfer))).toBe(pad("05 00000001 00000002 00000003 0000007d00 7d00", 2));
    const deposit: Operation = { type: "Deposit", accountId: 7, token: 0, amount: 10n ** 18n, to: addr("11") };
    expect(hexlify(encodeOperationPubdata(deposit))).toBe(pad(`01 00000007 00000000 00000000000000000de0b6b3a7640000 ${"11".repeat(20)}`, 6));
    const swap: Operation = {
      type: "Swap",
      accountA: 1,
      recipientA: 2,
      accountB: 3,
      recipientB: 4,
      submitterId: 5,
      tokenA: 6,
      tokenB: 7,
      feeToken: 8,
      amountA: 1000n,
      amountB: 10n ** 13n,
      fee: 0n,
      nonceMask: 3,
    };
    expect(hexlify(encodeOperationPubdata(swap))).toBe(
      pad("0b 00000001 00000002 00000003 00000004 00000005 00000006 00000007 00000008 0000007d00 4a817c8003 0000 03", 5),
    );
    const changePubKey: Operation = {
      type: "ChangePubKey",
      accountId: 9,
      newPkHash: `sync:${"22".repeat(20)}`,
      account: addr("33"),
      nonce: 4,
      feeToken: 1,
      fee: 1n,
    };
    expect(hexlify(encodeOperationPubdata(changePubKey))).toBe(
      pad(`07 00000009 ${"22".repeat(20)} ${"33".repeat(20)} 00000004 00000001 0020`, 6),
    );
  });

  for (const [type, arb] of Object.entries(operationArbs)) {
    it(`encodes random ${type} operations like an independent layout and decodes them back`, () => {
      fc.assert(
        fc.property(arb, (op) => {
          const bytes = encodeOperationPubdata(op);
          expect(bytes).toEqual(oracleOpPubdata(op as unknown as Record<string, unknown> & { type: string }));
          expect(bytes.length).toBe(operationChunks(op.type) * 10);
          expect(decodeOperationPubdata(bytes)).toEqual(op);
        }),
        { numRuns: 50 },
      );
    });
  }

  it("uses the chunk counts and significant sizes of PROTOCOL.md", () => {
    const significant = { Deposit: 45, TransferToNew: 40, Withdraw: 47, Transfer: 20, FullExit: 105, ChangePubKey: 55, ForcedExit: 51, MintNFT: 47, WithdrawNFT: 95, Swap: 46 };
    for (const [type, size] of Object.entries(significant)) {
      expect(operationPubdataSize(type as Operation["type"])).toBe(size);
      expect(operationChunks(type as Operation["type"])).toBe(ORACLE_OP_CHUNKS[type]);
    }
  });

  it("rejects unknown op codes, Close, truncation, non-zero padding and non-canonical fields", () => {
    fc.assert(
      fc.property(operationArb, fc.integer({ min: 0x0c, max: 0xff }), (op, badCode) => {
        const bytes = encodeOperationPubdata(op);
        expect(() => decodeOperationPubdata(bytes.slice(0, -1))).toThrow(code("INVALID_PUBDATA"));
        const unknown = bytes.slice();
        unknown[0] = badCode;
        expect(() => decodeOperationPubdata(unknown)).toThrow(code("INVALID_PUBDATA"));
        const padded = bytes.slice();
        padded[padded.length - 1] = 1;
        if (operationPubdataSize(op.type) < bytes.length) expect(() => decodeOperationPubdata(padded)).toThrow(/padding/);
        expect(() => decodeOperationPubdata(new Uint8Array([...bytes, 0]))).toThrow(code("INVALID_PUBDATA"));
      }),
      { numRuns: 100 },
    );
    expect(() => decodeOperationPubdata(Uint8Array.of(4, 0, 0, 0, 1, 0, 0, 0, 0, 0))).toThrow(code("INVALID_PUBDATA"));
    expect(() => decodeOperationPubdata(new Uint8Array())).toThrow(code("INVALID_PUBDATA"));
    // Transfer of amount 1000 written as 100 * 10^1 instead of 1000 * 10^0.
    const transfer = encodeOperationPubdata({ type: "Transfer", fromId: 1, token: 2, toId: 3, amount: 1000n, fee: 0n });
    transfer.set([0x00, 0x00, 0x00, 0x0c, 0x81], 13);
    expect(() => decodeOperationPubdata(transfer)).toThrow(/canonical/);
    // Account ids beyond the 24-bit subtree and nonce masks above 3.
    const deposit = encodeOperationPubdata({ type: "Deposit", accountId: 0, token: 0, amount: 0n, to: addr("00") });
    deposit[1] = 1;
    expect(() => decodeOperationPubdata(deposit)).toThrow(code("INVALID_PUBDATA"));
    expect(() => decodeOperationAt(deposit, deposit.length)).toThrow(code("INVALID_PUBDATA"));
    expect(decodeOperationAt(deposit, 10)).toEqual({ type: "Noop" }); // zero bytes inside the amount read as a Noop
  });
});
