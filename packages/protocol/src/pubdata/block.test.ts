import fc from "fast-check";
import { concat, getBytes } from "ethers";
import { describe, expect, it } from "vitest";
import { operationArb } from "../testing/arbitraries.js";
import { oracleOpPubdata, ORACLE_OP_CHUNKS } from "../testing/oracles.js";
import { decodeBlockOperations, decodeBlockPubdata, encodeBlockPubdata, padBlockPubdata } from "./block.js";
import type { Operation } from "./operations.js";

const code = (c: string) => expect.objectContaining({ code: c });
const asOracleOp = (op: Operation) => op as unknown as Record<string, unknown> & { type: string };

describe("block pubdata", () => {
  it("concatenates operations, pads with Noop chunks and decodes them back with offsets", () => {
    fc.assert(
      fc.property(fc.array(operationArb, { maxLength: 8 }), fc.integer({ min: 0, max: 20 }), (ops, spare) => {
        const used = ops.reduce((sum, op) => sum + (ORACLE_OP_CHUNKS[op.type] ?? 0), 0);
        const publicData = encodeBlockPubdata(ops, used + spare);
        expect(publicData).toEqual(getBytes(concat([...ops.map((op) => oracleOpPubdata(asOracleOp(op))), new Uint8Array(spare * 10)])));
        const noops: Operation[] = Array.from({ length: spare }, () => ({ type: "Noop" }));
        expect(decodeBlockPubdata(publicData)).toEqual([...ops, ...noops]);
        let offset = 0;
        for (const { op, offset: at } of decodeBlockOperations(publicData)) {
          expect(at).toBe(offset);
          offset += (ORACLE_OP_CHUNKS[op.type] ?? 0) * 10;
        }
        if (used > 0) expect(() => encodeBlockPubdata(ops, used - 1)).toThrow(code("INVALID_BLOCK"));
      }),
      { numRuns: 100 },
    );
  });

  it("rejects pubdata that is not whole chunks or ends inside an operation", () => {
    expect(() => decodeBlockPubdata(new Uint8Array(15))).toThrow(code("INVALID_PUBDATA"));
    const transfer = encodeBlockPubdata([{ type: "Transfer", fromId: 0, token: 0, toId: 0, amount: 0n, fee: 0n }]);
    expect(() => decodeBlockPubdata(transfer.slice(0, 10))).toThrow(/truncated/);
    expect(() => padBlockPubdata(new Uint8Array(10), -1)).toThrow(code("INVALID_BLOCK"));
    expect(decodeBlockPubdata(new Uint8Array())).toEqual([]);
  });
});
