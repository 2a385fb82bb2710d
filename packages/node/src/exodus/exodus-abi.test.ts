import { describe, expect, it } from "vitest";
import { Governance__factory, ZkLite__factory, ZkLiteExtension__factory } from "@zklite/contracts";
import { Interface } from "ethers";
import { describeRevert } from "../eth-sender/rollup-abi.js";
import { EXODUS_ERRORS, EXODUS_FUNCTIONS, exodusInterface } from "./exodus-abi.js";

const compiled = [ZkLite__factory.abi, ZkLiteExtension__factory.abi, Governance__factory.abi].map((abi) => new Interface(abi as never));

describe("exodus ABI fragments", () => {
  it("match the compiled rollup's functions", () => {
    const rollup = new Interface(ZkLite__factory.abi as never);
    for (const fragment of EXODUS_FUNCTIONS) {
      const name = fragment.slice("function ".length, fragment.indexOf("("));
      expect(exodusInterface.getFunction(name)?.format("sighash"), name).toBe(rollup.getFunction(name)?.format("sighash"));
    }
  });

  it("list errors the contracts really have, and name them in a revert", () => {
    for (const fragment of EXODUS_ERRORS) {
      const name = fragment.slice("error ".length, fragment.indexOf("("));
      const selector = exodusInterface.getError(name)?.selector;
      expect(compiled.some((iface) => iface.getError(name)?.selector === selector), name).toBe(true);
    }
    expect(describeRevert(exodusInterface.encodeErrorResult("ExodusAlreadyPerformed", [3, 0]), exodusInterface)).toBe("ExodusAlreadyPerformed(3, 0)");
  });
});
