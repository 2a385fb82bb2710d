import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { orderArb, txArb } from "../testing/arbitraries.js";
import { amountsAsStrings } from "../testing/vector-txs.js";
import { withVectors } from "../testing/vector-file.js";
import { parseOrder, parsePriorityOp, parseTx, parseTxEthSignature, toJson } from "./schemas.js";
import { serializeTx } from "./sign-bytes.js";
import type { Transfer } from "./types.js";

const code = (c: string) => expect.objectContaining({ code: c });
const zeroHash = () => new Uint8Array(31);

/** Upper-cases the hex digits of every address so parsing must normalize them. */
function shout(json: unknown): unknown {
  if (typeof json === "string" && /^0x[0-9a-f]{40}$/.test(json)) return `0x${json.slice(2).toUpperCase()}`;
  if (Array.isArray(json)) return json.map(shout);
  if (typeof json === "object" && json !== null) return Object.fromEntries(Object.entries(json).map(([k, v]) => [k, shout(v)]));
  return json;
}

describe("transaction schemas", () => {
  it("parse the JSON form of random transactions back to the same transaction", () => {
    fc.assert(
      fc.property(txArb, (tx) => {
        const json = toJson(tx);
        expect(JSON.parse(JSON.stringify(json))).toEqual(json);
        expect(parseTx(shout(json))).toEqual(tx);
        expect(() => serializeTx(parseTx(json), zeroHash)).not.toThrow();
      }),
      { numRuns: 200 },
    );
    fc.assert(
      fc.property(orderArb, (order) => {
        expect(parseOrder(toJson(order))).toEqual(order);
      }),
    );
  });

  it(
    "accept the txHashTest transactions once their amounts are decimal strings",
    withVectors((vectors) => {
      for (const { inputs } of vectors.txHashTest.items) {
        const tx = amountsAsStrings(inputs.tx);
        if (tx.type === "ChangePubKey") tx.newPkHash = String(tx.newPkHash).replace("0x", "sync:");
        expect(parseTx(tx).type).toBe(tx.type);
        if (typeof inputs.tx.fee === "number") {
          expect(() => parseTx(inputs.tx)).toThrow(code("INVALID_TRANSACTION"));
        }
      }
    }),
  );

  it("reject invalid fields with INVALID_TRANSACTION naming the field", () => {
    fc.assert(
      fc.property(txArb.filter((tx): tx is Transfer => tx.type === "Transfer"), (transfer) => {
        const json = toJson(transfer);
        const cases: [Record<string, unknown>, RegExp][] = [
          [{ ...json, amount: "1000000000001" }, /amount/],
          [{ ...json, fee: "2049" }, /fee/],
          [{ ...json, amount: 5 }, /amount/],
          [{ ...json, accountId: 2 ** 24 }, /accountId/],
          [{ ...json, to: "0xabc" }, /to/],
          [{ ...json, type: "Close" }, /type/],
          [{ ...json, signature: { pubKey: "00", signature: "00" } }, /signature/],
        ];
        for (const [bad, field] of cases) {
          expect(() => parseTx(bad)).toThrow(code("INVALID_TRANSACTION"));
          expect(() => parseTx(bad)).toThrow(field);
        }
      }),
      { numRuns: 5 },
    );
  });

  it("parse priority operations and eth signatures", () => {
    const to = "0x19AA2ED8712072E918632259780E587698EF58DF";
    expect(parsePriorityOp({ type: "Deposit", from: to, token: 0, amount: "5", to })).toEqual({
      type: "Deposit",
      from: to.toLowerCase(),
      token: 0,
      amount: 5n,
      to: to.toLowerCase(),
    });
    expect(parsePriorityOp({ type: "FullExit", accountId: 3, ethAddress: to, token: 70000 })).toEqual({
      type: "FullExit",
      accountId: 3,
      ethAddress: to.toLowerCase(),
      token: 70000,
    });
    expect(() => parsePriorityOp({ type: "Deposit", from: to, token: 0, amount: "-5", to })).toThrow(code("INVALID_TRANSACTION"));
    const signature = `0x${"AB".repeat(65)}`;
    expect(parseTxEthSignature({ type: "EthereumSignature", signature })).toEqual({ type: "EthereumSignature", signature: signature.toLowerCase() });
    expect(() => parseTxEthSignature({ type: "Other", signature })).toThrow(code("INVALID_TRANSACTION"));
  });
});
