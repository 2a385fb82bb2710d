import { expect, it } from "vitest";
import { DEFAULT_RUNS_PER_TYPE, parseRunsPerType } from "./runs-per-type.js";

it("ZKLITE_DIFFERENTIAL_RUNS: a positive integer, else the suite fails loudly", () => {
  expect(parseRunsPerType(undefined)).toBe(DEFAULT_RUNS_PER_TYPE);
  expect(parseRunsPerType("20")).toBe(20);
  expect(parseRunsPerType(" 3 ")).toBe(3);
  for (const bad of ["0", "", " ", "-5", "1.5", "1e3", "abc", "20x", "0x10", "99999999999999999999"]) {
    expect(() => parseRunsPerType(bad), JSON.stringify(bad)).toThrow(expect.objectContaining({ name: "ZkLiteError", code: "INVALID_TEST_CONFIG" }));
  }
});
