import { expect } from "chai";
import { hexlify, randomBytes, sha256, solidityPacked, ZeroAddress } from "ethers";
import { ethers } from "hardhat";

import { VerifierAdapter__factory, type VerifierAdapter } from "../typechain-types";
import { proveEcho } from "../tools/echo-prover";
import { EXIT_KEY, BLOCK_KEYS, SMALL_BLOCK_CHUNKS, system, testCircuit } from "./helpers/fixture";

const INPUT_MASK = (1n << 253n) - 1n;

async function adapterWith(chunks: number[], verifiers: string[], exit: string): Promise<VerifierAdapter> {
  const [deployer] = await ethers.getSigners();
  return new VerifierAdapter__factory(deployer).deploy(chunks, verifiers, exit);
}

describe("VerifierAdapter", () => {
  it("validates its configuration", async () => {
    const sys = await system();
    const v = await sys.verifier.exitVerifier();
    const eoa = sys.users[0]!.address;
    const adapter = sys.verifier;
    await expect(adapterWith([1, 2], [v], v)).to.be.revertedWithCustomError(adapter, "LengthMismatch");
    await expect(adapterWith([0], [v], v)).to.be.revertedWithCustomError(adapter, "InvalidBlockSize").withArgs(0);
    await expect(adapterWith([4, 4], [v, v], v)).to.be.revertedWithCustomError(adapter, "DuplicateBlockSize").withArgs(4);
    await expect(adapterWith([4], [eoa], v)).to.be.revertedWithCustomError(adapter, "NoVerifierCode").withArgs(eoa);
    await expect(adapterWith([4], [v], ZeroAddress)).to.be.revertedWithCustomError(adapter, "NoVerifierCode").withArgs(ZeroAddress);
    const ok = await adapterWith([4, 9], [v, v], v);
    expect(await ok.getSupportedBlockChunks()).to.deep.equal([4n, 9n]);
  });

  it("routes block proofs by size and masks the commitment to 253 bits", async () => {
    const sys = await system();
    const commitment = hexlify(randomBytes(32));
    const proof = await proveEcho(testCircuit(), BLOCK_KEYS[SMALL_BLOCK_CHUNKS]!, BigInt(commitment) & INPUT_MASK);
    expect(await sys.verifier.verifyBlockProof(SMALL_BLOCK_CHUNKS, commitment, [...proof])).to.equal(true);
    const topBitsFlipped = "0x" + (BigInt(commitment) ^ (7n << 253n)).toString(16).padStart(64, "0");
    expect(await sys.verifier.verifyBlockProof(SMALL_BLOCK_CHUNKS, topBitsFlipped, [...proof])).to.equal(true);
    const lowBitFlipped = "0x" + (BigInt(commitment) ^ 1n).toString(16).padStart(64, "0");
    expect(await sys.verifier.verifyBlockProof(SMALL_BLOCK_CHUNKS, lowBitFlipped, [...proof])).to.equal(false);
    await expect(sys.verifier.verifyBlockProof(5, commitment, [...proof])).to.be.revertedWithCustomError(sys.verifier, "UnsupportedBlockSize").withArgs(5);
  });

  it("builds the exit public input of PROTOCOL.md §5.2", async () => {
    const sys = await system();
    const fields = [hexlify(randomBytes(32)), 17, sys.users[1]!.address, 70000, 1n, 3, sys.users[2]!.address, 9, hexlify(randomBytes(32))] as const;
    const input = BigInt(sha256(solidityPacked(["bytes32", "uint32", "address", "uint32", "uint128", "uint32", "address", "uint32", "bytes32"], [...fields]))) & INPUT_MASK;
    const proof = await proveEcho(testCircuit(), EXIT_KEY, input);
    expect(await sys.verifier.verifyExitProof(...fields, [...proof])).to.equal(true);
    expect(await sys.verifier.verifyExitProof(fields[0], 18, ...fields.slice(2) as [string, number, bigint, number, string, number, string], [...proof])).to.equal(false);
  });

  it("treats a verifier that reverts as a rejection", async () => {
    const reverting = await (await ethers.getContractFactory("RejectingReceiver")).deploy();
    const address = await reverting.getAddress();
    const adapter = await adapterWith([4], [address], address);
    expect(await adapter.verifyBlockProof(4, "0x" + "00".repeat(32), [1n, 2n, 3n, 4n, 5n, 6n, 7n, 8n])).to.equal(false);
  });
});
