import fc from "fast-check";
import { getAddress, hexlify, toBeArray, zeroPadValue } from "ethers";
import { describe, expect, it } from "vitest";
import { addressToBytes, parseAddress, parsePubKeyHash, pubKeyHashToBytes, serializeAddress } from "./address.js";
import { parseAmount } from "./amount.js";
import { parseHex, toHex } from "./bytes.js";
import { MAX_AMOUNT } from "./constants.js";
import { decodeUintBE, encodeUintBE } from "./integers.js";

const code = (c: string) => expect.objectContaining({ code: c });

describe("addresses and pubkey hashes", () => {
  it("accepts any letter case and returns lowercase", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 20, maxLength: 20 }), (bytes) => {
        const lower = hexlify(bytes);
        expect(parseAddress(getAddress(lower))).toBe(lower);
        expect(parseAddress(lower.toUpperCase().replace("0X", "0x"))).toBe(lower);
        expect(hexlify(addressToBytes(lower))).toBe(lower);
        const pkh = `sync:${lower.slice(2)}`;
        expect(parsePubKeyHash(pkh.toUpperCase().replace("SYNC:", "sync:"))).toBe(pkh);
        expect(hexlify(pubKeyHashToBytes(pkh))).toBe(lower);
        expect(hexlify(serializeAddress(pkh))).toBe(lower);
      }),
    );
  });

  it("rejects malformed values with typed errors", () => {
    for (const bad of ["", "0x", "0x123", `0x${"g".repeat(40)}`, `0x${"a".repeat(42)}`, "a".repeat(40), 5, null]) {
      expect(() => parseAddress(bad)).toThrow(code("INVALID_ADDRESS"));
    }
    for (const bad of [`0x${"a".repeat(40)}`, `sync:0x${"a".repeat(40)}`, `sync:${"a".repeat(38)}`, undefined]) {
      expect(() => parsePubKeyHash(bad)).toThrow(code("INVALID_PUBKEY_HASH"));
    }
  });
});

describe("hex and integers", () => {
  it("round-trips hex and honours the prefix rule", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        expect(parseHex(toHex(bytes))).toEqual(bytes);
        expect(parseHex(toHex(bytes).slice(2), { prefix: "none" })).toEqual(bytes);
      }),
    );
    expect(() => parseHex("abcd")).toThrow(code("INVALID_HEX"));
    expect(() => parseHex("0xabc")).toThrow(code("INVALID_HEX"));
    expect(() => parseHex("0xabcd", { length: 3 })).toThrow(code("INVALID_HEX"));
  });

  it("encodes big-endian like ethers and rejects what does not fit", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 32 }), fc.bigInt({ min: 0n, max: 2n ** 256n - 1n }), (width, raw) => {
        const value = raw % 2n ** BigInt(8 * width);
        const encoded = encodeUintBE(value, width);
        expect(hexlify(encoded)).toBe(zeroPadValue(toBeArray(value), width));
        expect(decodeUintBE(encoded, 0, width)).toBe(value);
        expect(() => encodeUintBE(2n ** BigInt(8 * width), width)).toThrow(code("VALUE_OUT_OF_RANGE"));
      }),
    );
    expect(() => encodeUintBE(-1, 4)).toThrow(code("VALUE_OUT_OF_RANGE"));
    expect(() => encodeUintBE(0.5, 4)).toThrow(code("VALUE_OUT_OF_RANGE"));
    expect(() => decodeUintBE(new Uint8Array(3), 0, 4)).toThrow(code("VALUE_OUT_OF_RANGE"));
  });
});

describe("amounts", () => {
  it("takes bigints and decimal strings up to u128", () => {
    expect(parseAmount("000123")).toBe(123n);
    expect(parseAmount(MAX_AMOUNT.toString())).toBe(MAX_AMOUNT);
    for (const bad of [123, "12.5", "-1", "0x10", "", " 1", (MAX_AMOUNT + 1n).toString(), -1n, "9".repeat(200)]) {
      expect(() => parseAmount(bad)).toThrow(code("INVALID_AMOUNT"));
    }
  });
});
