import { describe, expect, it } from "vitest";
import { groth16SolidityProof } from "./groth16-proof.js";

const proof = { pi_a: ["1", "2", "1"], pi_b: [["3", "4"], ["5", "6"], ["1", "0"]], pi_c: ["7", "0x8", "1"], protocol: "groth16", curve: "bn128" };

describe("groth16SolidityProof", () => {
  it("orders A, B (each G2 coordinate's two limbs swapped) and C as the verifiers take them, alone or with public signals", () => {
    expect(groth16SolidityProof(proof)).toEqual([1n, 2n, 4n, 3n, 6n, 5n, 7n, 8n]);
    expect(groth16SolidityProof({ proof, publicSignals: ["9"] })).toEqual([1n, 2n, 4n, 3n, 6n, 5n, 7n, 8n]);
  });

  it("refuses what is not a proof with integer coordinates", () => {
    for (const bad of [null, 7, {}, { proof: {} }, { ...proof, pi_a: ["1"] }, { ...proof, pi_c: ["x", "1"] }, { ...proof, pi_b: [[1, 2]] }]) {
      expect(() => groth16SolidityProof(bad), JSON.stringify(bad)).toThrow(expect.objectContaining({ code: "INVALID_PROOF" }));
    }
  });
});
