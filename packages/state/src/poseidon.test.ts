import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { referencePoseidon, type ReferencePoseidon } from "../test/reference-poseidon.js";
import { FIELD_MODULUS, poseidon } from "./poseidon.js";

let reference: ReferencePoseidon;
beforeAll(async () => {
  reference = await referencePoseidon();
});

describe("poseidon", () => {
  it("matches circomlib's published vectors", () => {
    // circomlib test/poseidoncircuit.js: Poseidon([1, 2]) and Poseidon([1, 2, 3, 4]).
    expect(poseidon([1n, 2n])).toBe(0x115cc0f5e7d690413df64c6b9662e9cf2a3617f2743245519e19607a4417189an);
    expect(poseidon([1n, 2n, 3n, 4n])).toBe(0x299c867db6c1fdd79dcefa40e4510b9837e60ebb1ce0663dbaa525df65250465n);
    // and circomlibjs, independently, gives the same published values
    expect(reference([1n, 2n])).toBe(0x115cc0f5e7d690413df64c6b9662e9cf2a3617f2743245519e19607a4417189an);
    expect(reference([1n, 2n, 3n, 4n])).toBe(0x299c867db6c1fdd79dcefa40e4510b9837e60ebb1ce0663dbaa525df65250465n);
  });

  it("agrees with circomlibjs on random inputs of 1 to 5 elements", () => {
    const element = fc.bigInt({ min: 0n, max: FIELD_MODULUS - 1n });
    fc.assert(
      fc.property(fc.array(element, { minLength: 1, maxLength: 5 }), (inputs) => {
        expect(poseidon(inputs)).toBe(reference(inputs));
      }),
      { numRuns: 30 },
    );
  });

  it("rejects non-canonical inputs and bad arity with typed errors", () => {
    expect(() => poseidon([FIELD_MODULUS])).toThrow(expect.objectContaining({ code: "NOT_A_FIELD_ELEMENT" }));
    expect(() => poseidon([-1n])).toThrow(expect.objectContaining({ code: "NOT_A_FIELD_ELEMENT" }));
    expect(() => poseidon([])).toThrow(expect.objectContaining({ code: "INVALID_ARGUMENT" }));
    expect(() => poseidon(new Array<bigint>(17).fill(1n))).toThrow(expect.objectContaining({ code: "INVALID_ARGUMENT" }));
  });

  it("does no work on import, and refuses to hash before initPoseidon() with POSEIDON_NOT_INITIALIZED", () => {
    // A fresh process on the compiled package (`npm run build` first): importing it must not load the
    // engine (no top-level await), hashing must throw the typed error, and initPoseidon() must fix it.
    const entry = fileURLToPath(new URL("../dist/index.js", import.meta.url));
    const script = `
      const { initPoseidon, poseidon, RollupState } = await import(${JSON.stringify(entry)});
      const codes = [];
      for (const attempt of [() => poseidon([1n]), () => RollupState.genesis({ accountTreeDepth: 4, balanceTreeDepth: 32, feeAccountAddress: "0x${"11".repeat(20)}" })]) {
        try { attempt(); codes.push("no error"); } catch (error) { codes.push(error.code); }
      }
      await initPoseidon();
      codes.push(String(poseidon([1n, 2n])));
      console.log(JSON.stringify(codes));`;
    const output = execFileSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
    expect(JSON.parse(output)).toEqual(["POSEIDON_NOT_INITIALIZED", "POSEIDON_NOT_INITIALIZED", String(poseidon([1n, 2n]))]);
  });
});
