import fc from "fast-check";
import { concat, sha256 } from "ethers";
import { rescueHashOrders } from "zksync-crypto";
import { describe, expect, it } from "vitest";
import { txArb } from "../testing/arbitraries.js";
import { amountsAsStrings } from "../testing/vector-txs.js";
import { withVectors } from "../testing/vector-file.js";
import { getBatchHash, getTxHash, parseTxHash, txHashFromSignBytes } from "./hash.js";
import { serializeTx } from "./sign-bytes.js";
import type { TxInput } from "./types.js";

const code = (c: string) => expect.objectContaining({ code: c });

describe("tx hashes", () => {
  it(
    "reproduce every txHashTest hash (zksync.js form, Swap included)",
    withVectors((vectors) => {
      const items = vectors.txHashTest.items;
      expect(items.map((item) => item.inputs.tx.type)).toContain("Swap");
      for (const { inputs, outputs } of items) {
        const tx = amountsAsStrings(inputs.tx) as unknown as TxInput;
        expect(getTxHash(tx, (bytes) => rescueHashOrders(bytes)), String(inputs.tx.type)).toBe(outputs.hash);
      }
    }),
  );

  it("are sha256 of the sign bytes; batch hash is sha256 of the concatenated hashes", () => {
    const hashOrders = () => new Uint8Array(31).fill(7);
    fc.assert(
      fc.property(fc.array(txArb, { minLength: 1, maxLength: 4 }), (txs) => {
        const hashes = txs.map((tx) => getTxHash(tx, hashOrders));
        hashes.forEach((hash, i) => {
          expect(hash).toBe(sha256(serializeTx(txs[i] as TxInput, hashOrders)).replace("0x", "sync-tx:"));
          expect(parseTxHash(hash)).toEqual(parseTxHash(hash.replace("sync-tx:", "0x")));
        });
        const expected = sha256(concat(hashes.map((hash) => hash.replace("sync-tx:", "0x"))));
        expect(getBatchHash(hashes)).toBe(expected.replace("0x", "sync-tx:"));
      }),
      { numRuns: 30 },
    );
    expect(txHashFromSignBytes(new Uint8Array())).toBe(sha256(new Uint8Array()).replace("0x", "sync-tx:"));
  });

  it("reject malformed hashes and empty batches", () => {
    expect(() => getBatchHash([])).toThrow(code("INVALID_TRANSACTION"));
    expect(() => parseTxHash("sync-tx:1234")).toThrow(code("INVALID_HEX"));
    expect(() => parseTxHash(`sync-tx:0x${"00".repeat(32)}`)).toThrow(code("INVALID_HEX"));
  });
});
