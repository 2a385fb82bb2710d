import fc from "fast-check";
import { hexlify } from "ethers";
import { rescueHashOrders } from "zksync-crypto";
import { describe, expect, it } from "vitest";
import { txArbs, orderArb } from "../testing/arbitraries.js";
import { oracleSignBytes } from "../testing/oracles.js";
import { txFromSignerData } from "../testing/vector-txs.js";
import { withVectors } from "../testing/vector-file.js";
import {
  serializeOrder,
  serializeOrders,
  serializeSwap,
  serializeTransfer,
  serializeTx,
  serializeWithdraw,
  type OrdersHasher,
} from "./sign-bytes.js";
import type { OrderInput, TxInput } from "./types.js";

const hashOrders: OrdersHasher = (bytes) => rescueHashOrders(bytes);
const code = (c: string) => expect.objectContaining({ code: c });

describe("sign bytes", () => {
  it(
    "reproduce every txTest signBytes (all 8 types)",
    withVectors((vectors) => {
      const seen = new Set<string>();
      for (const { inputs, outputs } of vectors.txTest.items) {
        const tx = txFromSignerData(inputs.type, inputs.data);
        const bytes =
          inputs.type === "Order" ? serializeOrder(tx as unknown as OrderInput) : serializeTx({ ...tx, type: inputs.type } as TxInput, hashOrders);
        expect(hexlify(bytes), inputs.type).toBe(outputs.signBytes);
        seen.add(inputs.type);
      }
      expect([...seen].sort()).toEqual(["ChangePubKey", "ForcedExit", "MintNFT", "Order", "Swap", "Transfer", "Withdraw", "WithdrawNFT"]);
    }),
  );

  for (const [type, arb] of Object.entries(txArbs)) {
    it(`match an independent layout on random ${type} transactions`, () => {
      fc.assert(
        fc.property(arb, fc.uint8Array({ minLength: 31, maxLength: 31 }), (tx, ordersHash) => {
          const expected = oracleSignBytes(type, tx as unknown as Record<string, unknown>, hexlify(ordersHash));
          expect(hexlify(serializeTx(tx, () => ordersHash))).toBe(expected);
        }),
        { numRuns: 60 },
      );
    });
  }

  it("match an independent layout on random orders; the orders hash input is both orders", () => {
    fc.assert(
      fc.property(orderArb, orderArb, (a, b) => {
        expect(hexlify(serializeOrder(a))).toBe(oracleSignBytes("Order", a as unknown as Record<string, unknown>));
        expect(serializeOrders([a, b])).toEqual(new Uint8Array([...serializeOrder(a), ...serializeOrder(b)]));
      }),
      { numRuns: 60 },
    );
  });

  it("give the Swap the orders hash it was given or computed", () => {
    fc.assert(
      fc.property(txArbs.Swap, fc.uint8Array({ minLength: 31, maxLength: 31 }), (swap, hash) => {
        let hashedInput: Uint8Array | undefined;
        const viaFunction = serializeSwap(swap, (bytes) => ((hashedInput = bytes), hash));
        expect(hashedInput).toEqual(serializeOrders(swap.orders));
        expect(serializeSwap(swap, hash)).toEqual(viaFunction);
        expect(viaFunction.subarray(30, 61)).toEqual(hash);
      }),
      { numRuns: 20 },
    );
  });

  it("reject bad fields with field-specific codes", () => {
    fc.assert(
      fc.property(txArbs.Transfer, (transfer) => {
        expect(() => serializeTransfer({ ...transfer, accountId: 2 ** 24 })).toThrow(code("ACCOUNT_ID_OUT_OF_RANGE"));
        expect(() => serializeTransfer({ ...transfer, token: 2 ** 31 })).toThrow(code("TOKEN_ID_OUT_OF_RANGE"));
        expect(() => serializeTransfer({ ...transfer, nonce: -1 })).toThrow(code("NONCE_OUT_OF_RANGE"));
        expect(() => serializeTransfer({ ...transfer, validUntil: 2 ** 32 })).toThrow(code("TIMESTAMP_OUT_OF_RANGE"));
        expect(() => serializeTransfer({ ...transfer, to: "0x1234" })).toThrow(code("INVALID_ADDRESS"));
        expect(() => serializeTransfer({ ...transfer, amount: 10n ** 11n + 1n })).toThrow(code("AMOUNT_NOT_PACKABLE"));
        expect(() => serializeTransfer({ ...transfer, fee: 2049n })).toThrow(code("FEE_NOT_PACKABLE"));
        expect(() => serializeWithdraw({ ...transfer, amount: 2n ** 128n })).toThrow(code("INVALID_AMOUNT"));
      }),
      { numRuns: 10 },
    );
    expect(() => serializeTx({ type: "Close" } as unknown as TxInput)).toThrow(code("INVALID_TRANSACTION"));
  });

  it("need an orders hasher for a Swap and a 31-byte hash from it", () => {
    fc.assert(
      fc.property(txArbs.Swap, (swap) => {
        expect(() => serializeTx(swap)).toThrow(code("INVALID_ORDERS_HASH"));
        expect(() => serializeSwap(swap, new Uint8Array(32))).toThrow(code("INVALID_ORDERS_HASH"));
        expect(() => serializeSwap(swap, () => new Uint8Array(30))).toThrow(code("INVALID_ORDERS_HASH"));
      }),
      { numRuns: 5 },
    );
  });
});
