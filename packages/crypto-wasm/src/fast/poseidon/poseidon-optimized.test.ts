import { describe, expect, it } from "vitest";
import { FR_MODULUS } from "../../ts/field.js";
import { buildCircomlibPoseidon } from "../testing/circomlib-oracle.js";
import { SeededRandom } from "../testing/seeded-random.js";
import { poseidonOptimizedReference } from "./poseidon-optimized.js";
import { POSEIDON_MAX_INPUTS } from "./poseidon-params.js";

describe("optimized Poseidon form (BigInt)", () => {
  it("equals circomlibjs for every width, on random inputs", async () => {
    const circomlib = await buildCircomlibPoseidon();
    const random = SeededRandom.fromEnvironment();
    for (let count = 1; count <= POSEIDON_MAX_INPUTS; count++) {
      for (let i = 0; i < 5; i++) {
        const inputs = Array.from({ length: count }, () => random.bigint(256) % FR_MODULUS);
        expect(poseidonOptimizedReference(inputs), `seed ${random.seed}, ${count} inputs`).toBe(circomlib(inputs));
      }
    }
  });
});
