import { expect } from "chai";
import { hexlify, randomBytes, ZeroAddress } from "ethers";
import { ethers } from "hardhat";

import { VerifierAdapter__factory, type VerifierAdapter } from "../typechain-types";
import { proveEcho, proveExitEcho } from "../tools/echo-prover";
import { randomStateRoot } from "./helpers/blocks";
import { exitPublicInputs, type ExitClaim } from "./helpers/exit";
import { EXIT_KEY, BLOCK_KEYS, SMALL_BLOCK_CHUNKS, system, testCircuit, testExitCircuit } from "./helpers/fixture";

const INPUT_MASK = (1n << 253n) - 1n;
/** BN254 scalar field order r (EIP-196/197). */
const SCALAR_FIELD = 21888242871839275222246405745257275088548364400416034343698204186575808495617n;

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

  it("passes the exit statement as the exit circuit's ten public inputs", async () => {
    const sys = await system();
    const claim: ExitClaim = {
      owner: sys.users[1]!.address,
      accountId: 17,
      tokenId: 70000,
      amount: 1n,
      nftCreatorAccountId: 3,
      nftCreatorAddress: sys.users[2]!.address,
      nftSerialId: 9,
      nftContentHash: hexlify(randomBytes(32)),
    };
    const root = randomStateRoot();
    const verify = (r: string, c: ExitClaim, proof: readonly bigint[]) =>
      sys.verifier.verifyExitProof(r, c.accountId, c.owner, c.tokenId, c.amount, c.nftCreatorAccountId, c.nftCreatorAddress, c.nftSerialId, c.nftContentHash, [...proof]);
    const proof = await proveExitEcho(testExitCircuit(), EXIT_KEY, exitPublicInputs(root, claim));
    expect(await verify(root, claim, proof)).to.equal(true);
    expect(await verify(root, { ...claim, accountId: 18 }, proof)).to.equal(false);
    expect(await verify(root, { ...claim, amount: 2n }, proof)).to.equal(false);
    // the two content-hash halves are distinct inputs in a fixed order: swapping them is a different statement
    const h = claim.nftContentHash;
    const swapped = `0x${h.slice(34)}${h.slice(2, 34)}`;
    expect(await verify(root, { ...claim, nftContentHash: swapped }, proof)).to.equal(false);
    // a root outside the scalar field is refused by the snarkjs verifier (the root's residue mod r would verify)
    const outOfField = "0x" + (BigInt(root) + SCALAR_FIELD).toString(16).padStart(64, "0");
    expect(await verify(outOfField, claim, proof)).to.equal(false);
  });

  it("orders the exit public inputs exactly as @zklite/circuits' exit statement does", async () => {
    const circuits = await import("@zklite/circuits");
    for (let i = 0; i < 20; i++) {
      const claim: ExitClaim = {
        owner: hexlify(randomBytes(20)),
        accountId: Math.floor(Math.random() * 2 ** 24),
        tokenId: Math.floor(Math.random() * 2 ** 31),
        amount: BigInt(hexlify(randomBytes(16))),
        nftCreatorAccountId: Math.floor(Math.random() * 2 ** 24),
        nftCreatorAddress: hexlify(randomBytes(20)),
        nftSerialId: Math.floor(Math.random() * 2 ** 32),
        nftContentHash: hexlify(randomBytes(32)),
      };
      const root = randomStateRoot();
      expect(exitPublicInputs(root, claim)).to.deep.equal(circuits.exitFieldPublicInputs({ ...claim, root: BigInt(root) }));
    }
  });

  it("treats a verifier that reverts as a rejection", async () => {
    const reverting = await (await ethers.getContractFactory("RejectingReceiver")).deploy();
    const address = await reverting.getAddress();
    const adapter = await adapterWith([4], [address], address);
    expect(await adapter.verifyBlockProof(4, "0x" + "00".repeat(32), [1n, 2n, 3n, 4n, 5n, 6n, 7n, 8n])).to.equal(false);
    const zero32 = "0x" + "00".repeat(32);
    expect(await adapter.verifyExitProof(zero32, 1, address, 0, 1n, 0, ZeroAddress, 0, zero32, [1n, 2n, 3n, 4n, 5n, 6n, 7n, 8n])).to.equal(false);
  });
});
