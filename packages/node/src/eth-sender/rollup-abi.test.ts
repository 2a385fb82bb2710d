import { describe, expect, it } from "vitest";
import { Governance__factory, toSolidityProof, VerifierAdapter__factory, ZkLite__factory, ZkLiteExtension__factory } from "@zklite/contracts";
import { Interface } from "ethers";
import { solidityProof } from "./proof-encoding.js";
import { describeRevert, rollupInterface, ROLLUP_ERRORS, ROLLUP_FUNCTIONS } from "./rollup-abi.js";

const compiled = [ZkLite__factory.abi, ZkLiteExtension__factory.abi, Governance__factory.abi, VerifierAdapter__factory.abi].map((abi) => new Interface(abi as never));

describe("rollup ABI fragments", () => {
  it("match the compiled rollup's functions", () => {
    const rollup = new Interface(ZkLite__factory.abi as never);
    for (const fragment of ROLLUP_FUNCTIONS) {
      const name = fragment.slice("function ".length, fragment.indexOf("("));
      expect(rollupInterface.getFunction(name)?.selector, name).toBe(rollup.getFunction(name)?.selector);
      expect(rollupInterface.getFunction(name)?.format("sighash")).toBe(rollup.getFunction(name)?.format("sighash"));
    }
  });

  it("list errors the contracts really have", () => {
    for (const fragment of ROLLUP_ERRORS) {
      const name = fragment.slice("error ".length, fragment.indexOf("("));
      const selector = rollupInterface.getError(name)?.selector;
      expect(compiled.some((iface) => iface.getError(name)?.selector === selector), name).toBe(true);
    }
  });

  it("names a revert", () => {
    const data = rollupInterface.encodeErrorResult("NonSequentialBlock", [5, 7]);
    expect(describeRevert(data)).toBe("NonSequentialBlock(5, 7)");
    expect(describeRevert("0x12345678")).toBe("revert data 0x12345678");
    expect(describeRevert("0x")).toBe("no revert data");
  });
});

describe("proof encoding", () => {
  const proof = { pi_a: ["1", "2", "1"], pi_b: [["3", "4"], ["5", "6"], ["1", "0"]], pi_c: ["7", "8", "1"], protocol: "groth16", curve: "bn128" };

  it("orders a snarkjs proof as the contracts' toSolidityProof does, alone or with its public signals", () => {
    expect(solidityProof(proof, 1)).toEqual(toSolidityProof(proof));
    expect(solidityProof({ proof, publicSignals: ["9"] }, 1)).toEqual(toSolidityProof(proof));
  });

  it("refuses what is not a proof, with a typed error", () => {
    expect(() => solidityProof({ nope: 1 }, 4)).toThrow(expect.objectContaining({ code: "ETH_SENDER_BAD_INPUT" }));
    expect(() => solidityProof({ ...proof, pi_c: ["x", "8"] }, 4)).toThrow(/pi_c\[0\]/);
  });
});
