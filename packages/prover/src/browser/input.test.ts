import { describe, expect, it } from "vitest";
import { classifyProverError, classifyWitnessError } from "./error-codes.js";
import { normalizeCircuitInput, SNARK_SCALAR_FIELD } from "./input.js";
import { normalizeSha256 } from "./key-store.js";

describe("circuit input normalisation (client side, before the worker)", () => {
  it("turns bigints, safe integers, decimal and 0x strings, nested arrays into decimal strings", () => {
    expect(normalizeCircuitInput({ a: 5n, b: 7, c: "0x10", d: [[1n, "2"], ["3", 4]] })).toEqual({ a: "5", b: "7", c: "16", d: [["1", "2"], ["3", "4"]] });
    expect(normalizeCircuitInput({ p: SNARK_SCALAR_FIELD - 1n })).toEqual({ p: (SNARK_SCALAR_FIELD - 1n).toString() });
  });

  it.each([
    ["not an object", 5],
    ["an array", [1]],
    ["no signals", {}],
    ["a non-numeric string", { a: "12abc" }],
    ["the field order", { a: SNARK_SCALAR_FIELD }],
    ["a negative value", { a: -1n }],
    ["a fraction", { a: 1.5 }],
    ["an unsafe integer", { a: 2 ** 60 }],
    ["null", { a: null }],
    ["an empty array", { a: [] }],
    ["a bad element deep inside", { a: [[1n], [true]] }],
  ])("refuses %s with BAD_INPUT", (_what, input) => {
    expect(() => normalizeCircuitInput(input)).toThrow(expect.objectContaining({ code: "BAD_INPUT" }));
  });

  it("checks SHA-256 digests", () => {
    expect(normalizeSha256(`0x${"AB".repeat(32)}`)).toBe("ab".repeat(32));
    expect(() => normalizeSha256("abc")).toThrow(expect.objectContaining({ code: "BAD_INPUT" }));
  });
});

describe("snarkjs / circom messages → codes", () => {
  it("maps the witness calculator's messages", () => {
    expect(classifyWitnessError(new Error("Error: Assert Failed.\nError in template ExitCore_12 line: 40")).code).toBe("CIRCUIT_UNSATISFIED");
    expect(classifyWitnessError(new Error("Signal surprise not found\n")).code).toBe("BAD_INPUT");
    expect(classifyWitnessError(new Error("Not all inputs have been set. Only 9 out of 10")).code).toBe("BAD_INPUT");
    expect(classifyWitnessError(new Error("Too many values for input signal amount\n")).code).toBe("BAD_INPUT");
    expect(classifyWitnessError(new Error("something else")).code).toBe("PROVER_FAILED");
  });

  it("maps the prover's messages", () => {
    expect(classifyProverError(new Error("Invalid witness length. Circuit: 5000, witness: 24461")).code).toBe("KEY_MISMATCH");
    expect(classifyProverError(new Error("zkey file is not groth16")).code).toBe("KEY_INVALID");
    expect(classifyProverError(new Error("Invalid File format")).code).toBe("KEY_INVALID");
  });
});
