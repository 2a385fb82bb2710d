import { expect } from "chai";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import { mine } from "@nomicfoundation/hardhat-network-helpers";
import { ZeroAddress } from "ethers";

import {
  buildBlock,
  commit,
  execute,
  genesisBlock,
  prove,
  proveBlock,
  type BuiltBlock,
} from "./helpers/blocks";
import { LARGE_BLOCK_CHUNKS, SMALL_BLOCK_CHUNKS, system, type System } from "./helpers/fixture";
import * as ops from "./helpers/ops";

const WITHDRAWAL = { PartialExit: 0n, ForcedExit: 1n, FullExit: 2n };

async function threeCommittedBlocks(sys: System): Promise<BuiltBlock[]> {
  const alice = sys.users[0]!;
  const b1 = await buildBlock(genesisBlock(sys), [ops.transfer(1, 2)], { chunks: SMALL_BLOCK_CHUNKS });
  const b2 = await buildBlock(b1.stored, [ops.withdraw(1, 0, 5n, alice.address)], { chunks: LARGE_BLOCK_CHUNKS });
  const b3 = await buildBlock(b2.stored, [], { chunks: SMALL_BLOCK_CHUNKS });
  await commit(sys, genesisBlock(sys), [b1, b2, b3]);
  return [b1, b2, b3];
}

describe("proveBlocks", () => {
  it("verifies one real Groth16 proof per block, several blocks of different sizes per call", async () => {
    const sys = await system();
    const blocks = await threeCommittedBlocks(sys);
    await prove(sys, blocks);
    expect(await sys.zkLite.totalBlocksProven()).to.equal(3n);
  });

  it("skips blocks already proven at the start of the list", async () => {
    const sys = await system();
    const [b1, b2, b3] = (await threeCommittedBlocks(sys)) as [BuiltBlock, BuiltBlock, BuiltBlock];
    await prove(sys, [b1]);
    await prove(sys, [b1, b2]);
    expect(await sys.zkLite.totalBlocksProven()).to.equal(2n);
    await expect(prove(sys, [b1, b2])).to.be.revertedWithCustomError(sys.zkLite, "NoUnprovenBlockGiven");
    await prove(sys, [b3]);
    expect(await sys.zkLite.totalBlocksProven()).to.equal(3n);
  });

  it("rejects tampered proofs, proofs of another block and proofs for another block size", async () => {
    const sys = await system();
    const [b1, b2] = (await threeCommittedBlocks(sys)) as [BuiltBlock, BuiltBlock, BuiltBlock];
    const proof = await proveBlock(b1);
    const [a0, a1, b00, b01, b10, b11, c0, c1] = proof.proof;
    const tampered = { ...proof, proof: [a0, a1, b00, b01, b10, b11, BigInt(c0!) ^ 1n, c1] as typeof proof.proof };
    await expect(sys.zkLite.proveBlocks([b1.stored], [tampered])).to.be.revertedWithCustomError(sys.zkLite, "InvalidProof").withArgs(1);
    const swapped = { ...proof, proof: [a0, a1, b01, b00, b10, b11, c0, c1] as typeof proof.proof };
    await expect(sys.zkLite.proveBlocks([b1.stored], [swapped])).to.be.revertedWithCustomError(sys.zkLite, "InvalidProof");
    const otherBlockProof = await proveBlock({ stored: b2.stored, chunks: b1.chunks });
    await expect(sys.zkLite.proveBlocks([b1.stored], [otherBlockProof])).to.be.revertedWithCustomError(sys.zkLite, "InvalidProof");
    await expect(sys.zkLite.proveBlocks([b1.stored], [{ ...proof, chunks: LARGE_BLOCK_CHUNKS }]))
      .to.be.revertedWithCustomError(sys.zkLite, "InvalidProof");
    await expect(sys.zkLite.proveBlocks([b1.stored], [{ ...proof, chunks: 13 }]))
      .to.be.revertedWithCustomError(sys.verifier, "UnsupportedBlockSize")
      .withArgs(13);
    await sys.zkLite.proveBlocks([b1.stored], [proof]);
  });

  it("rejects mismatched inputs, blocks out of order and exodus mode", async () => {
    const sys = await system();
    const [b1, b2, b3] = (await threeCommittedBlocks(sys)) as [BuiltBlock, BuiltBlock, BuiltBlock];
    const [p1, p3] = [await proveBlock(b1), await proveBlock(b3)];
    await expect(sys.zkLite.proveBlocks([b1.stored], [])).to.be.revertedWithCustomError(sys.zkLite, "ProofCountMismatch");
    await expect(sys.zkLite.proveBlocks([b2.stored, b3.stored], [p1, p3])).to.be.revertedWithCustomError(sys.zkLite, "NoUnprovenBlockGiven");
    await expect(sys.zkLite.proveBlocks([b1.stored, b3.stored], [p1, p3]))
      .to.be.revertedWithCustomError(sys.zkLite, "ProvenBlockMismatch")
      .withArgs(2);
    const beyond = await buildBlock(b3.stored, [], { chunks: SMALL_BLOCK_CHUNKS });
    await prove(sys, [b1, b2, b3]);
    await expect(sys.zkLite.proveBlocks([beyond.stored], [await proveBlock(beyond)])).to.be.revertedWithCustomError(sys.zkLite, "NoUnprovenBlockGiven");
    await sys.zkLite.depositETH(sys.users[0]!.address, { value: 1n });
    await mine(80640);
    await sys.zkLite.activateExodusMode();
    await expect(sys.zkLite.proveBlocks([b1.stored], [p1])).to.be.revertedWithCustomError(sys.zkLite, "ExodusModeActive");
  });
});

describe("executeBlocks", () => {
  it("credits pending balances and NFTs, pops priority requests and emits per block", async () => {
    const sys = await system();
    const [alice, bob, carol] = sys.users as [HardhatEthersSigner, HardhatEthersSigner, HardhatEthersSigner];
    const tokenId = await sys.tokenId(sys.tokens.standard);
    await sys.zkLite.connect(alice).depositETH(alice.address, { value: 1000n });
    await sys.zkLite.connect(bob).requestFullExit(2, ZeroAddress);
    await sys.zkLite.connect(carol).requestFullExitNFT(3, 70000);
    await sys.zkLite.connect(carol).requestFullExitNFT(3, 70001);
    const nft = ops.randomNft(alice.address);
    const nft2 = ops.randomNft(bob.address);
    const b1 = await buildBlock(genesisBlock(sys), [
      ops.deposit(1, 0, 1000n, alice.address),
      ops.withdraw(1, 0, 400n, alice.address),
      ops.fullExit(2, bob.address, 0, 300n),
      ops.fullExitNft(3, carol.address, 70000, 1n, nft),
      ops.fullExitNft(3, carol.address, 70001, 0n, ops.randomNft(alice.address)),
      ops.withdrawNft(1, 70002, bob.address, nft2),
    ], { chunks: LARGE_BLOCK_CHUNKS });
    const b2 = await buildBlock(b1.stored, [ops.withdraw(1, 0, 1n, alice.address), ops.forcedExit(1, 4, tokenId, 50n, bob.address)], { chunks: SMALL_BLOCK_CHUNKS });
    await commit(sys, genesisBlock(sys), [b1, b2]);
    await prove(sys, [b1, b2]);

    const tx = sys.zkLite.connect(sys.validator).executeBlocks([
      { storedBlock: b1.stored, pendingOnchainOpsPubdata: b1.pendingOnchainOpsPubdata },
      { storedBlock: b2.stored, pendingOnchainOpsPubdata: b2.pendingOnchainOpsPubdata },
    ]);
    await expect(tx).to.emit(sys.zkLite, "BlockVerification").withArgs(1);
    await expect(tx).to.emit(sys.zkLite, "BlockVerification").withArgs(2);
    await expect(tx).to.emit(sys.zkLite, "WithdrawalPending").withArgs(0, alice.address, 400n, WITHDRAWAL.PartialExit);
    await expect(tx).to.emit(sys.zkLite, "WithdrawalPending").withArgs(tokenId, bob.address, 50n, WITHDRAWAL.ForcedExit);
    await expect(tx).to.emit(sys.zkLite, "WithdrawalPending").withArgs(0, bob.address, 300n, WITHDRAWAL.FullExit);
    await expect(tx).to.emit(sys.zkLite, "WithdrawalNFTPending").withArgs(70000);
    await expect(tx).to.emit(sys.zkLite, "WithdrawalNFTPending").withArgs(70002);

    expect(await sys.zkLite.getPendingBalance(alice.address, ZeroAddress)).to.equal(401n);
    expect(await sys.zkLite.getPendingBalance(bob.address, ZeroAddress)).to.equal(300n);
    expect(await sys.zkLite.getPendingBalance(bob.address, sys.tokens.standard)).to.equal(50n);
    const pending = await sys.zkLite.getPendingWithdrawnNFT(70000);
    expect([pending.creatorAccountId, pending.creatorAddress.toLowerCase(), pending.serialId, pending.contentHash, pending.receiver, pending.tokenId])
      .to.deep.equal([BigInt(nft.creatorId), nft.creatorAddress, BigInt(nft.serialId), nft.contentHash, carol.address, 70000n]);
    expect((await sys.zkLite.getPendingWithdrawnNFT(70001)).tokenId).to.equal(0n);
    expect((await sys.zkLite.getPendingWithdrawnNFT(70002)).receiver).to.equal(bob.address);

    expect(await sys.zkLite.totalBlocksExecuted()).to.equal(2n);
    expect(await sys.zkLite.firstPriorityRequestId()).to.equal(4n);
    expect(await sys.zkLite.totalOpenPriorityRequests()).to.equal(0n);
    expect(await sys.zkLite.totalCommittedPriorityRequests()).to.equal(0n);
  });

  it("rejects unproven blocks, wrong order, altered data and callers that are not validators", async () => {
    const sys = await system();
    const alice = sys.users[0]!;
    const b1 = await buildBlock(genesisBlock(sys), [ops.withdraw(1, 0, 4n, alice.address), ops.withdraw(1, 0, 5n, alice.address)], { chunks: SMALL_BLOCK_CHUNKS });
    const b2 = await buildBlock(b1.stored, [], { chunks: SMALL_BLOCK_CHUNKS });
    await commit(sys, genesisBlock(sys), [b1, b2]);
    const run = (blocks: { storedBlock: typeof b1.stored; pendingOnchainOpsPubdata: string[] }[], from = sys.validator) =>
      sys.zkLite.connect(from).executeBlocks(blocks);
    const ok1 = { storedBlock: b1.stored, pendingOnchainOpsPubdata: b1.pendingOnchainOpsPubdata };

    await expect(run([ok1])).to.be.revertedWithCustomError(sys.zkLite, "BlockNotProven");
    await prove(sys, [b1]);
    await expect(run([ok1], alice)).to.be.revertedWithCustomError(sys.governance, "NotActiveValidator");
    await expect(run([{ storedBlock: b2.stored, pendingOnchainOpsPubdata: [] }]))
      .to.be.revertedWithCustomError(sys.zkLite, "BlocksNotInOrder")
      .withArgs(1, 2);
    await expect(run([{ ...ok1, storedBlock: { ...b1.stored, timestamp: b1.stored.timestamp + 1n } }]))
      .to.be.revertedWithCustomError(sys.zkLite, "ExecutedBlockMismatch")
      .withArgs(1);
    await expect(run([{ ...ok1, pendingOnchainOpsPubdata: [b1.pendingOnchainOpsPubdata[0]!] }]))
      .to.be.revertedWithCustomError(sys.zkLite, "PendingOpsHashMismatch")
      .withArgs(1);
    await expect(run([{ ...ok1, pendingOnchainOpsPubdata: [b1.pendingOnchainOpsPubdata[1]!, b1.pendingOnchainOpsPubdata[0]!] }]))
      .to.be.revertedWithCustomError(sys.zkLite, "PendingOpsHashMismatch");
    await expect(run([{ ...ok1, pendingOnchainOpsPubdata: [b1.pendingOnchainOpsPubdata[0]!.slice(0, -2)] }]))
      .to.be.revertedWithCustomError(sys.zkLite, "InvalidPendingOpLength")
      .withArgs(3, 59);
    await expect(run([{ ...ok1, pendingOnchainOpsPubdata: ["0x"] }]))
      .to.be.revertedWithCustomError(sys.zkLite, "UnsupportedPendingOp")
      .withArgs(0);
    await expect(run([{ ...ok1, pendingOnchainOpsPubdata: ["0x01" + "00".repeat(59)] }]))
      .to.be.revertedWithCustomError(sys.zkLite, "UnsupportedPendingOp")
      .withArgs(1);
    await run([ok1]);
    await expect(run([ok1])).to.be.revertedWithCustomError(sys.zkLite, "BlocksNotInOrder").withArgs(2, 1);
  });

  it("refuses withdrawals of NFT token ids through Withdraw and ForcedExit", async () => {
    const sys = await system();
    const alice = sys.users[0]!;
    for (const op of [ops.withdraw(1, 65536, 1n, alice.address), ops.forcedExit(1, 2, 70000, 1n, alice.address)]) {
      const block = await buildBlock(genesisBlock(sys), [op], { chunks: SMALL_BLOCK_CHUNKS });
      await commit(sys, genesisBlock(sys), [block]);
      await prove(sys, [block]);
      await expect(execute(sys, [block]))
        .to.be.revertedWithCustomError(sys.zkLite, "NonFungibleWithdrawal")
        .withArgs(op.token);
      await sys.zkLite.connect(sys.validator).revertBlocks([block.stored]);
    }
  });

  it("is frozen in exodus mode", async () => {
    const sys = await system();
    const alice = sys.users[0]!;
    const b1 = await buildBlock(genesisBlock(sys), [], { chunks: SMALL_BLOCK_CHUNKS });
    await commit(sys, genesisBlock(sys), [b1]);
    await prove(sys, [b1]);
    await sys.zkLite.depositETH(alice.address, { value: 1n });
    await mine(80640);
    await sys.zkLite.activateExodusMode();
    await expect(execute(sys, [b1])).to.be.revertedWithCustomError(sys.zkLite, "ExodusModeActive");
  });
});

describe("revertBlocks", () => {
  it("removes unexecuted blocks newest first and releases their priority requests", async () => {
    const sys = await system();
    const alice = sys.users[0]!;
    await sys.zkLite.connect(alice).depositETH(alice.address, { value: 3n });
    const b1 = await buildBlock(genesisBlock(sys), [], { chunks: SMALL_BLOCK_CHUNKS });
    const b2 = await buildBlock(b1.stored, [ops.deposit(1, 0, 3n, alice.address)], { chunks: SMALL_BLOCK_CHUNKS });
    const b3 = await buildBlock(b2.stored, [], { chunks: SMALL_BLOCK_CHUNKS });
    await commit(sys, genesisBlock(sys), [b1, b2, b3]);
    await prove(sys, [b1, b2]);
    await execute(sys, [b1]);
    expect(await sys.zkLite.totalCommittedPriorityRequests()).to.equal(1n);

    // the list may be longer than what can be reverted: executed blocks stay
    await expect(sys.zkLite.connect(sys.validator).revertBlocks([b3.stored, b2.stored, b1.stored]))
      .to.emit(sys.zkLite, "BlocksRevert")
      .withArgs(1, 1);
    expect(await sys.zkLite.totalBlocksCommitted()).to.equal(1n);
    expect(await sys.zkLite.totalBlocksProven()).to.equal(1n);
    expect(await sys.zkLite.totalCommittedPriorityRequests()).to.equal(0n);
    expect(await sys.zkLite.storedBlockHashes(2)).to.equal("0x" + "00".repeat(32));

    // the deposit can be committed again, in a different block
    const again = await buildBlock(b1.stored, [ops.transfer(1, 1), ops.deposit(7, 0, 3n, alice.address)], { chunks: SMALL_BLOCK_CHUNKS });
    await commit(sys, b1.stored, [again]);
    expect(await sys.zkLite.totalCommittedPriorityRequests()).to.equal(1n);
  });

  it("keeps proven blocks below the new tip proven", async () => {
    const sys = await system();
    const [b1, b2, b3] = (await threeCommittedBlocks(sys)) as [BuiltBlock, BuiltBlock, BuiltBlock];
    await prove(sys, [b1, b2]);
    await sys.zkLite.connect(sys.validator).revertBlocks([b3.stored]);
    expect(await sys.zkLite.totalBlocksProven()).to.equal(2n);
    expect(await sys.zkLite.totalBlocksCommitted()).to.equal(2n);
  });

  it("rejects a wrong block, non-validators and exodus mode", async () => {
    const sys = await system();
    const alice = sys.users[0]!;
    const [b1, b2] = (await threeCommittedBlocks(sys)) as [BuiltBlock, BuiltBlock, BuiltBlock];
    await expect(sys.zkLite.connect(sys.validator).revertBlocks([b2.stored]))
      .to.be.revertedWithCustomError(sys.zkLite, "RevertedBlockMismatch")
      .withArgs(3);
    await expect(sys.zkLite.connect(alice).revertBlocks([b1.stored]))
      .to.be.revertedWithCustomError(sys.governance, "NotActiveValidator");
    await sys.zkLite.depositETH(alice.address, { value: 1n });
    await mine(80640);
    await sys.zkLite.activateExodusMode();
    await expect(sys.zkLite.connect(sys.validator).revertBlocks([b1.stored]))
      .to.be.revertedWithCustomError(sys.zkLite, "ExodusModeActive");
  });
});
