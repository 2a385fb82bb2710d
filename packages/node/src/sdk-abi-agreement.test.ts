/**
 * The SDK's ABI-only contract bindings (`@zklite/sdk`'s ZKLITE_ABI, GOVERNANCE_ABI, ERC20_ABI, human-readable) against
 * the compiled contracts' ABIs from `@zklite/contracts`: every function, event and error the SDK declares must exist
 * in the contract with the same selector, the same input and output types, the same mutability and (events) the same
 * indexed flags. Here rather than in the SDK because the node already depends on both packages: the SDK never
 * depends on the contracts package, not even for tests (the contracts' build pulls the circuits and the prover).
 */
import { Governance__factory, TestERC20__factory, ZkLite__factory, ZkLiteExtension__factory } from "@zklite/contracts";
import { ERC20_ABI, GOVERNANCE_ABI, ZKLITE_ABI } from "@zklite/sdk";
import { ErrorFragment, EventFragment, Fragment, FunctionFragment, Interface, type InterfaceAbi } from "ethers";
import { describe, expect, it } from "vitest";

function describeFragment(fragment: Fragment): string {
  if (fragment instanceof FunctionFragment) {
    return `function ${fragment.format("sighash")} ${fragment.stateMutability} returns (${fragment.outputs.map((output) => output.format("sighash")).join(",")})`;
  }
  if (fragment instanceof EventFragment) {
    return `event ${fragment.format("sighash")} indexed [${fragment.inputs.map((input) => String(input.indexed === true)).join(",")}] anonymous ${fragment.anonymous}`;
  }
  if (fragment instanceof ErrorFragment) return `error ${fragment.format("sighash")}`;
  return `${fragment.type} ${fragment.format("json")}`;
}

/** Every SDK fragment must appear, identically described, in one of the real ABIs. */
function expectAgreement(sdkAbi: readonly string[], realAbis: readonly InterfaceAbi[]): void {
  const real = new Set(realAbis.flatMap((abi) => new Interface(abi).fragments.map(describeFragment)));
  const sdk = new Interface(sdkAbi as string[]).fragments;
  expect(sdk.length).toBe(sdkAbi.length);
  const missing = sdk.map(describeFragment).filter((described) => !real.has(described));
  expect(missing, "SDK ABI fragments that drifted from the compiled contracts").toEqual([]);
}

describe("the SDK's human-readable ABIs match the compiled contracts", () => {
  it("ZkLite (rollup): functions, NewPriorityRequest, errors (its own, its extension's, governance's it forwards)", () => {
    expectAgreement(ZKLITE_ABI, [ZkLite__factory.abi, ZkLiteExtension__factory.abi, Governance__factory.abi]);
    // the event the ETHOperation handle reads must be the rollup's own
    expectAgreement(ZKLITE_ABI.filter((line) => !line.startsWith("error")), [ZkLite__factory.abi]);
  });

  it("Governance", () => {
    expectAgreement(GOVERNANCE_ABI, [Governance__factory.abi]);
  });

  it("ERC-20 (the devnet token)", () => {
    expectAgreement(ERC20_ABI, [TestERC20__factory.abi]);
  });

  it("detects a drifted fragment", () => {
    expect(() => expectAgreement(["function depositERC20(address token, uint128 amount, address zkSyncAddress)"], [ZkLite__factory.abi])).toThrow();
    expect(() => expectAgreement(["function getPendingBalance(address owner, address token) view returns (uint256)"], [ZkLite__factory.abi])).toThrow();
    expect(() => expectAgreement(["event NewPriorityRequest(address indexed sender, uint64 serialId, uint8 opType, bytes pubData, uint256 expirationBlock)"], [ZkLite__factory.abi])).toThrow();
  });
});
