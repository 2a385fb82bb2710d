import { randomBytes, randomInt } from "node:crypto";
import { solidityPacked, solidityPackedSha256 } from "ethers";
import { describe, expect, it } from "vitest";
import { FIELD_MODULUS } from "@zklite/state";
import { exitCommitmentBytes, exitFieldPublicInputs, exitSha256PublicInput, PUBLIC_INPUT_MASK, type ExitStatement } from "./exit-statement.js";

const TYPES = ["bytes32", "uint32", "address", "uint32", "uint128", "uint32", "address", "uint32", "bytes32"];

function randomStatement(): ExitStatement {
  return {
    root: BigInt(`0x${randomBytes(32).toString("hex")}`) % FIELD_MODULUS,
    accountId: randomInt(2 ** 24),
    owner: `0x${randomBytes(20).toString("hex")}`,
    tokenId: randomInt(2 ** 32 - 1),
    amount: BigInt(`0x${randomBytes(16).toString("hex")}`),
    nftCreatorAccountId: randomInt(2 ** 24),
    nftCreatorAddress: `0x${randomBytes(20).toString("hex")}`,
    nftSerialId: randomInt(2 ** 32 - 1),
    nftContentHash: `0x${randomBytes(32).toString("hex")}`,
  };
}

function packedValues(s: ExitStatement): unknown[] {
  return [`0x${s.root.toString(16).padStart(64, "0")}`, s.accountId, s.owner, s.tokenId, s.amount, s.nftCreatorAccountId, s.nftCreatorAddress, s.nftSerialId, s.nftContentHash];
}

describe("exit statement encoding (VerifierAdapter.verifyExitProof's abi.encodePacked, via ethers)", () => {
  it("matches Solidity's packed encoding and its SHA-256 masked to 253 bits", () => {
    for (let i = 0; i < 50; i++) {
      const statement = randomStatement();
      expect(Buffer.from(exitCommitmentBytes(statement)).toString("hex")).toBe(solidityPacked(TYPES, packedValues(statement)).slice(2));
      expect(exitSha256PublicInput(statement)).toBe(BigInt(solidityPackedSha256(TYPES, packedValues(statement))) & PUBLIC_INPUT_MASK);
    }
  });

  it("splits the content hash into 128-bit halves for the field-input form", () => {
    const statement = randomStatement();
    const inputs = exitFieldPublicInputs(statement);
    expect(inputs).toHaveLength(10);
    expect((inputs[8]! << 128n) | inputs[9]!).toBe(BigInt(statement.nftContentHash));
    expect(inputs[2]).toBe(BigInt(statement.owner));
  });

  it("rejects fields that do not fit", () => {
    expect(() => exitCommitmentBytes({ ...randomStatement(), amount: 1n << 128n })).toThrow(expect.objectContaining({ code: "EXIT_FIELD_OUT_OF_RANGE" }));
    expect(() => exitCommitmentBytes({ ...randomStatement(), owner: "0x1234" })).toThrow(expect.objectContaining({ code: "EXIT_FIELD_OUT_OF_RANGE" }));
  });
});
