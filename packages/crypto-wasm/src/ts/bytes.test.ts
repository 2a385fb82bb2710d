import { describe, expect, it } from "vitest";
import { TestRandom } from "../../test/random.js";
import {
  bigIntToBytesBE,
  bigIntToBytesLE,
  bytesToBigIntBE,
  bytesToBigIntLE,
  bytesToBitsMsbFirst,
  reverseBitsInByte,
} from "./bytes.js";
import { multipackBits } from "./multipack.js";

const random = new TestRandom();

describe(`byte, bit and integer conversions (seed ${random.seed})`, () => {
  it("reads and writes big- and little-endian integers", () => {
    expect(bytesToBigIntBE(Uint8Array.of(1, 2))).toBe(0x0102n);
    expect(bytesToBigIntLE(Uint8Array.of(1, 2))).toBe(0x0201n);
    expect(bigIntToBytesBE(0x0102n, 3)).toEqual(Uint8Array.of(0, 1, 2));
    expect(bigIntToBytesLE(0x0102n, 3)).toEqual(Uint8Array.of(2, 1, 0));
    for (let i = 0; i < 20; i++) {
      const bytes = random.bytes(32);
      expect(bigIntToBytesBE(bytesToBigIntBE(bytes), 32)).toEqual(bytes);
      expect(bigIntToBytesLE(bytesToBigIntLE(bytes), 32)).toEqual(bytes);
    }
  });

  it("expands bytes most significant bit first and reverses bits in a byte", () => {
    expect([...bytesToBitsMsbFirst(Uint8Array.of(0x80, 0x01))]).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect(reverseBitsInByte(0x01)).toBe(0x80);
    expect(reverseBitsInByte(0xc0)).toBe(0x03);
    expect(reverseBitsInByte(0xa5)).toBe(0xa5);
  });
});

describe("253-bit multipacking", () => {
  it("gives bit i of a chunk the weight 2^i", () => {
    expect(multipackBits([1, 0, 0])).toEqual([1n]);
    expect(multipackBits([0, 1])).toEqual([2n]);
    expect(multipackBits([1, 1, 0, 1])).toEqual([11n]);
  });

  it("starts a new element every 253 bits", () => {
    const bits = new Array<number>(253).fill(1).concat([0, 1]);
    expect(multipackBits(bits)).toEqual([(1n << 253n) - 1n, 2n]);
    expect(multipackBits(new Array<number>(736).fill(0))).toEqual([0n, 0n, 0n]);
    expect(multipackBits([])).toEqual([]);
  });
});
