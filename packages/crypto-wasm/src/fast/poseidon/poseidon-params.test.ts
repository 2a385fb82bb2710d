import { describe, expect, it } from "vitest";
import { loadCircomlibPoseidonConstants } from "../testing/circomlib-oracle.js";
import { POSEIDON_MAX_INPUTS, poseidonParams } from "./poseidon-params.js";

const asBigInts = (values: readonly string[]): bigint[] => values.map((value) => BigInt(value));
const circomlib = loadCircomlibPoseidonConstants();

describe("Poseidon parameters generated with the Grain LFSR", () => {
  it.each(Array.from({ length: POSEIDON_MAX_INPUTS }, (_, i) => i + 1))(
    "equal circomlib's round constants and MDS matrix for %i inputs",
    (inputCount) => {
      const params = poseidonParams(inputCount);
      const expectedConstants = circomlib.C[inputCount - 1];
      const expectedMds = circomlib.M[inputCount - 1];
      if (expectedConstants === undefined || expectedMds === undefined) throw new Error("circomlibjs lacks this width");
      expect(params.roundConstants).toEqual(asBigInts(expectedConstants));
      expect(params.mds).toEqual(expectedMds.map(asBigInts));
    },
  );
});
