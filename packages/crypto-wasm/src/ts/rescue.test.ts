import { describe, expect, it } from "vitest";
import { TestRandom } from "../../test/random.js";
import { bigIntToBytesLE, bytesToBigIntBE, bytesToBitsMsbFirst } from "./bytes.js";
import { FR_MODULUS, frMul, frPow, frSub, modularInverse } from "./field.js";
import { multipackBits } from "./multipack.js";
import { rescueHash, rescuePermutation } from "./rescue.js";
import { RESCUE_ALPHA_INVERSE, RESCUE_MDS, RESCUE_ROUND_CONSTANT_COUNT, rescueRoundConstants } from "./rescue-params.js";
import { SpecializedRescueSponge } from "./rescue-sponge.js";

const random = new TestRandom();
const randomElement = (): bigint => bytesToBigIntBE(random.bytes(40)) % FR_MODULUS;
const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString("hex");

describe("Rescue parameters", () => {
  it("derives the round constants listed in PROTOCOL.md §2.3", () => {
    const constants = rescueRoundConstants();
    expect(constants).toHaveLength(RESCUE_ROUND_CONSTANT_COUNT);
    expect(RESCUE_ROUND_CONSTANT_COUNT).toBe(135);
    expect(constants[0]).toBe(0x2e827c42545887ff44c8e94bc429a6b9fba992c691596d3e97216a720f7b48acn);
    expect(constants[1]).toBe(0x03c75f89abe4ca0baf0d7fa782a1c0b7d06953671bbbf7de43257c6dc6e54dcan);
    expect(constants[2]).toBe(0x19774ac9566bf383567f7362d1c8e62d4bba886dec26174637c734be0df06cc0n);
    expect(constants[134]).toBe(0x164ed456b62365fbf715619f80da62933b86aed7522914928a7cfdc1ba3d7645n);
  });

  it("uses 5^-1 mod (p - 1) as listed in PROTOCOL.md, which inverts x^5", () => {
    expect(RESCUE_ALPHA_INVERSE).toBe(0x26b6a528b427b35493736af8679aad17535cb9d394945a0dcfe7f7a98ccccccdn);
    expect((5n * RESCUE_ALPHA_INVERSE) % (FR_MODULUS - 1n)).toBe(1n);
    const x = randomElement();
    expect(frPow(frPow(x, 5n), RESCUE_ALPHA_INVERSE)).toBe(x);
  });

  it("has an MDS matrix: every square submatrix is invertible", () => {
    const m = RESCUE_MDS;
    const rows = [0, 1, 2];
    for (const i of rows) for (const j of rows) expect(m[i]?.[j]).not.toBe(0n);
    for (const [i1, i2] of [[0, 1], [0, 2], [1, 2]] as const) {
      for (const [j1, j2] of [[0, 1], [0, 2], [1, 2]] as const) {
        const minor = frSub(frMul(m[i1][j1], m[i2][j2]), frMul(m[i1][j2], m[i2][j1]));
        expect(minor).not.toBe(0n);
      }
    }
    const det = [0, 1, 2].reduce((sum, j) => {
      const cofactor = frSub(
        frMul(m[1][(j + 1) % 3] as bigint, m[2][(j + 2) % 3] as bigint),
        frMul(m[1][(j + 2) % 3] as bigint, m[2][(j + 1) % 3] as bigint),
      );
      return (sum + frMul(m[0][j] as bigint, cofactor)) % FR_MODULUS;
    }, 0n);
    expect(det).not.toBe(0n);
    expect(modularInverse(det, FR_MODULUS)).toBeGreaterThan(0n);
  });
});

describe(`Rescue fixed-length sponge (seed ${random.seed})`, () => {
  it("reproduces rescue_hash_tx_msg([1,2,3,4]) from zkSync's primitives.rs test (PROTOCOL.md §2.4)", () => {
    const bits = new Uint8Array(736);
    bits.set(bytesToBitsMsbFirst(Uint8Array.of(1, 2, 3, 4)));
    const digest = bigIntToBytesLE(rescueHash(multipackBits(bits)), 32);
    expect(hex(digest)).toBe("f99ad07b605984ebe73f38c899831bb780471af5d07831f6e948e6544296aa1b");
  });

  it("starts from [0, 0, n], adds two inputs per permutation and pads with ones", () => {
    const [a, b, c] = [randomElement(), randomElement(), randomElement()];
    expect(rescueHash([a])).toBe(rescuePermutation([a, 1n, 1n])[0]);
    const afterFirst = rescuePermutation([a, b, 3n]);
    const expected = rescuePermutation([(afterFirst[0]! + c) % FR_MODULUS, (afterFirst[1]! + 1n) % FR_MODULUS, afterFirst[2]!]);
    expect(rescueHash([a, b, c])).toBe(expected[0]);
    expect(rescueHash([a, b, c])).not.toBe(rescueHash([a, b, c, 1n]));
  });

  it("rejects empty, overlong and out-of-field inputs with ZkLiteError", () => {
    const code = (call: () => unknown): unknown => {
      try {
        call();
      } catch (error) {
        return (error as { code?: string }).code;
      }
      return "no error";
    };
    expect(code(() => rescueHash([]))).toBe("INVALID_LENGTH");
    expect(code(() => rescueHash(new Array<bigint>(256).fill(0n)))).toBe("INVALID_LENGTH");
    expect(code(() => rescueHash([FR_MODULUS]))).toBe("INVALID_FIELD_ELEMENT");
    expect(code(() => rescueHash([-1n]))).toBe("INVALID_FIELD_ELEMENT");
    expect(code(() => rescueHash([1 as unknown as bigint]))).toBe("INVALID_FIELD_ELEMENT");
    expect(code(() => rescuePermutation([0n, 0n]))).toBe("INVALID_LENGTH");
  });
});

describe(`specialized stateful Rescue sponge (seed ${random.seed})`, () => {
  it("squeezes s[0] then s[1] of the state the fixed-length sponge ends in", () => {
    const inputs = [randomElement(), randomElement(), randomElement(), randomElement()];
    const sponge = new SpecializedRescueSponge(4);
    sponge.absorb(inputs);
    const first = sponge.squeeze();
    const second = sponge.squeeze();
    expect(first).toBe(rescueHash(inputs));
    const afterFirst = rescuePermutation([inputs[0]!, inputs[1]!, 4n]);
    const final = rescuePermutation([
      (afterFirst[0]! + inputs[2]!) % FR_MODULUS,
      (afterFirst[1]! + inputs[3]!) % FR_MODULUS,
      afterFirst[2]!,
    ]);
    expect([first, second]).toEqual([final[0], final[1]]);
    expect(() => sponge.squeeze()).toThrow(expect.objectContaining({ code: "CRYPTO_INTERNAL_ERROR" }));
    expect(() => sponge.absorb([1n])).toThrow(expect.objectContaining({ code: "CRYPTO_INTERNAL_ERROR" }));
  });

  it("pads each absorb call with ones and absorbs across calls", () => {
    const inputs = [randomElement(), randomElement(), randomElement()];
    const oneCall = new SpecializedRescueSponge(3);
    oneCall.absorb(inputs);
    expect(oneCall.squeeze()).toBe(rescueHash(inputs));
    const [a, b] = [randomElement(), randomElement()];
    const twoCalls = new SpecializedRescueSponge(4);
    twoCalls.absorb([a]);
    twoCalls.absorb([b]);
    const explicit = new SpecializedRescueSponge(4);
    explicit.absorb([a, 1n, b, 1n]);
    expect(twoCalls.squeeze()).toBe(explicit.squeeze());
    expect(twoCalls.squeeze()).toBe(explicit.squeeze());
  });

  it("rejects bad lengths and squeezing before absorbing", () => {
    expect(() => new SpecializedRescueSponge(0)).toThrow(expect.objectContaining({ code: "INVALID_LENGTH" }));
    expect(() => new SpecializedRescueSponge(256)).toThrow(expect.objectContaining({ code: "INVALID_LENGTH" }));
    expect(() => new SpecializedRescueSponge(2).squeeze()).toThrow(expect.objectContaining({ code: "CRYPTO_INTERNAL_ERROR" }));
    expect(() => new SpecializedRescueSponge(2).absorb([])).toThrow(expect.objectContaining({ code: "INVALID_LENGTH" }));
  });
});
