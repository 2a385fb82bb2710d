/**
 * The engines' Poseidon against circomlibjs (the oracle) on 10,000 random inputs per engine, widths
 * 1–5 inputs mostly and 6–16 inputs sometimes, plus the bigint reference and input checks.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { isZkLiteError } from "../../errors.js";
import { FR_MODULUS } from "../../ts/field.js";
import { poseidonReference } from "../poseidon/poseidon-reference.js";
import { buildCircomlibPoseidon } from "../testing/circomlib-oracle.js";
import { SeededRandom } from "../testing/seeded-random.js";
import { enginesForThisMachine, loadEngineUnderTest } from "../testing/engines-under-test.js";
import type { FastEngine } from "./fast-engine.js";

const CASES = 10_000;
const random = SeededRandom.fromEnvironment();
let circomlib: (inputs: readonly bigint[]) => bigint;

beforeAll(async () => {
  console.log(`poseidon.test.ts seed: ZKLITE_TEST_SEED=${random.seed}`);
  circomlib = await buildCircomlibPoseidon();
});


function randomElement(): bigint {
  switch (random.int(8)) {
    case 0:
      return 0n;
    case 1:
      return FR_MODULUS - 1n - BigInt(random.int(4));
    case 2:
      return BigInt(random.int(1000));
    default:
      return random.bigint(256) % FR_MODULUS;
  }
}

function randomInputs(): bigint[] {
  const count = random.int(10) === 0 ? 6 + random.int(11) : 1 + random.int(5);
  return Array.from({ length: count }, randomElement);
}

// Poseidon does not use Rescue, so the two x64 kernels would test the same code twice.
const POSEIDON_ENGINES = enginesForThisMachine().filter((name) => name !== "native-x64-scalar-rescue");

describe.each(POSEIDON_ENGINES)("%s engine: poseidon", (name) => {
  let engine: FastEngine;
  beforeAll(async () => {
    engine = await loadEngineUnderTest(name);
  });

  it(`equals circomlibjs on ${CASES} random inputs`, () => {
    let mismatches = 0;
    for (let i = 0; i < CASES; i++) {
      const inputs = randomInputs();
      const expected = circomlib(inputs);
      if (engine.poseidon(inputs) !== expected) {
        mismatches++;
        expect.soft(engine.poseidon(inputs), `poseidon([${inputs.join(", ")}])`).toBe(expected);
      }
    }
    expect(mismatches).toBe(0);
  });

  it("rejects bad inputs with typed errors", () => {
    const codeOf = (inputs: unknown): string | undefined => {
      try {
        engine.poseidon(inputs as bigint[]);
        return undefined;
      } catch (error) {
        return isZkLiteError(error) ? error.code : `untyped: ${String(error)}`;
      }
    };
    expect(codeOf([])).toBe("INVALID_LENGTH");
    expect(codeOf(new Array<bigint>(17).fill(1n))).toBe("INVALID_LENGTH");
    expect(codeOf([FR_MODULUS])).toBe("INVALID_FIELD_ELEMENT");
    expect(codeOf([1n, -1n])).toBe("INVALID_FIELD_ELEMENT");
    expect(codeOf([1n << 300n])).toBe("INVALID_FIELD_ELEMENT");
    expect(codeOf([1, 2])).toBe("INVALID_INPUT_TYPE");
    expect(codeOf("12")).toBe("INVALID_INPUT_TYPE");
    expect(codeOf(undefined)).toBe("INVALID_INPUT_TYPE");
    expect(engine.poseidon([1n, 2n])).toBe(circomlib([1n, 2n]));
  });
});

describe("poseidonReference (BigInt)", () => {
  it("equals circomlibjs on 200 random inputs", () => {
    for (let i = 0; i < 200; i++) {
      const inputs = randomInputs();
      expect(poseidonReference(inputs)).toBe(circomlib(inputs));
    }
  });
});
