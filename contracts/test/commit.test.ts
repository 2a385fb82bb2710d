import { expect } from "chai";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import { mine, time } from "@nomicfoundation/hardhat-network-helpers";
import { concat, getBytes, hexlify, keccak256, randomBytes, ZeroAddress } from "ethers";
import { ethers } from "hardhat";

import type { Operation } from "@zklite/protocol";
import { buildBlock, genesisBlock, storedBlockHash, type BlockOp, type StoredBlock } from "./helpers/blocks";
import { LARGE_BLOCK_CHUNKS, SMALL_BLOCK_CHUNKS, system, type System } from "./helpers/fixture";
import * as ops from "./helpers/ops";
import { loadProtocol } from "./helpers/protocol";

async function depositEth(sys: System, from: HardhatEthersSigner, amount: bigint): Promise<void> {
  await sys.zkLite.connect(from).depositETH(from.address, { value: amount });
}

/** Commits one block and checks the contract stored exactly the StoredBlockInfo the SDK computes. */
async function commitAndCheck(sys: System, previous: StoredBlock, blockOps: readonly BlockOp[], chunks: number) {
  const block = await buildBlock(previous, blockOps, { chunks });
  await expect(sys.zkLite.connect(sys.validator).commitBlocks(previous, [block.info]))
    .to.emit(sys.zkLite, "BlockCommit")
    .withArgs(block.stored.blockNumber);
  expect(await sys.zkLite.storedBlockHashes(block.stored.blockNumber)).to.equal(await storedBlockHash(block.stored));
  return block;
}

describe("commitBlocks", () => {
  it("stores the SDK's commitment for a block with every op type, and consumes its priority requests", async () => {
    const sys = await system();
    const [alice, bob] = sys.users as [HardhatEthersSigner, HardhatEthersSigner];
    await depositEth(sys, alice, 10n ** 18n);
    await sys.zkLite.connect(bob).requestFullExit(2, ZeroAddress);
    const pkh = ops.randomPubKeyHash();
    const p = await loadProtocol();
    const signature = await alice.signMessage(p.getChangePubkeyMessage(pkh, 0, 1));
    const nft = ops.randomNft(bob.address);
    const blockOps: BlockOp[] = [
      ops.deposit(1, 0, 10n ** 18n, alice.address),
      ops.transfer(1, 2),
      ops.transferToNew(1, bob.address, 3),
      ops.withdraw(1, 0, 12345n, alice.address),
      { op: ops.changePubKey(1, alice.address, pkh, 0), ethWitness: p.getChangePubKeyEthWitness({ ethAuthData: { type: "ECDSA", ethSignature: signature, batchHash: undefined } as never }) },
      ops.fullExit(2, bob.address, 0, 777n),
      ops.forcedExit(1, 3, 0, 99n, bob.address),
      ops.mintNft(1, 2),
      ops.withdrawNft(2, 65536, bob.address, nft),
    ];
    const block = await commitAndCheck(sys, genesisBlock(sys), blockOps, LARGE_BLOCK_CHUNKS);
    expect(block.stored.priorityOperations).to.equal(2n);
    expect(block.pendingOnchainOpsPubdata).to.have.length(4);
    expect(await sys.zkLite.totalBlocksCommitted()).to.equal(1n);
    expect(await sys.zkLite.totalCommittedPriorityRequests()).to.equal(2n);
    expect(await sys.zkLite.totalBlocksProven()).to.equal(0n);
  });

  it("commits several blocks in one call, chaining their state roots", async () => {
    const sys = await system();
    const alice = sys.users[0]!;
    await depositEth(sys, alice, 5n);
    await depositEth(sys, alice, 6n);
    const first = await buildBlock(genesisBlock(sys), [ops.deposit(1, 0, 5n, alice.address), ops.swap()], { chunks: SMALL_BLOCK_CHUNKS });
    const second = await buildBlock(first.stored, [ops.deposit(1, 0, 6n, alice.address)], { chunks: SMALL_BLOCK_CHUNKS });
    const tx = sys.zkLite.connect(sys.validator).commitBlocks(genesisBlock(sys), [first.info, second.info]);
    await expect(tx).to.emit(sys.zkLite, "BlockCommit").withArgs(1n);
    await expect(tx).to.emit(sys.zkLite, "BlockCommit").withArgs(2n);
    expect(await sys.zkLite.storedBlockHashes(2)).to.equal(await storedBlockHash(second.stored));
    expect(await sys.zkLite.totalCommittedPriorityRequests()).to.equal(2n);
  });

  it("accepts a block of Noops only and a block without pubdata", async () => {
    const sys = await system();
    const noops = await commitAndCheck(sys, genesisBlock(sys), [], SMALL_BLOCK_CHUNKS);
    await commitAndCheck(sys, noops.stored, [], 0);
  });

  it("commitments agree with the SDK on random blocks of transfers and withdrawals", async () => {
    const sys = await system();
    let previous = genesisBlock(sys);
    for (let round = 0; round < 4; round++) {
      const blockOps: Operation[] = [];
      let chunks = 0;
      while (chunks + 6 <= LARGE_BLOCK_CHUNKS) {
        const r = randomBytes(4);
        if (r[0]! % 2 === 0) {
          blockOps.push(ops.transfer(r[1]!, r[2]!, r[3]! % 3, BigInt(r[1]!) * 1000n, BigInt(r[2]!)));
          chunks += 2;
        } else {
          blockOps.push(ops.withdraw(r[1]!, r[2]! % 1024, BigInt(hexlify(randomBytes(15))), hexlify(randomBytes(20))));
          chunks += 6;
        }
      }
      previous = (await commitAndCheck(sys, previous, blockOps, LARGE_BLOCK_CHUNKS)).stored;
    }
  });

  describe("ChangePubKey authorization", () => {
    async function commitCpk(sys: System, op: Operation, ethWitness: Uint8Array | string) {
      const block = await buildBlock(genesisBlock(sys), [{ op, ethWitness: getBytes(ethWitness) }], { chunks: SMALL_BLOCK_CHUNKS });
      return sys.zkLite.connect(sys.validator).commitBlocks(genesisBlock(sys), [block.info]);
    }

    it("accepts an ECDSA personal_sign of the SDK's 60-byte message, and rejects another signer", async () => {
      const sys = await system();
      const [alice, mallory] = sys.users as [HardhatEthersSigner, HardhatEthersSigner];
      const p = await loadProtocol();
      const pkh = ops.randomPubKeyHash();
      const op = ops.changePubKey(4, alice.address, pkh, 3);
      const witness = (signature: string) => concat(["0x00", signature]);
      await expect(commitCpk(sys, op, witness(await mallory.signMessage(p.getChangePubkeyMessage(pkh, 3, 4)))))
        .to.be.revertedWithCustomError(sys.zkLite, "ChangePubKeyWitnessInvalid")
        .withArgs(4);
      await expect(commitCpk(sys, op, witness(await alice.signMessage(p.getChangePubkeyMessage(pkh, 3, 5)))))
        .to.be.revertedWithCustomError(sys.zkLite, "ChangePubKeyWitnessInvalid");
      await expect(commitCpk(sys, op, witness(await alice.signMessage(p.getChangePubkeyMessage(pkh, 3, 4))))).to.emit(
        sys.zkLite,
        "BlockCommit",
      );
    });

    it("accepts ECRECOVERV2 with a batch hash", async () => {
      const sys = await system();
      const alice = sys.users[0]!;
      const p = await loadProtocol();
      const pkh = ops.randomPubKeyHash();
      const batchHash = hexlify(randomBytes(32));
      const signature = await alice.signMessage(p.getChangePubkeyMessage(pkh, 1, 2, batchHash));
      const op = ops.changePubKey(2, alice.address, pkh, 1);
      await expect(commitCpk(sys, op, concat(["0x03", signature, hexlify(randomBytes(32))])))
        .to.be.revertedWithCustomError(sys.zkLite, "ChangePubKeyWitnessInvalid");
      await expect(commitCpk(sys, op, concat(["0x03", signature, batchHash]))).to.emit(sys.zkLite, "BlockCommit");
    });

    it("accepts an EIP-712 signature of the SDK's typed data", async () => {
      const sys = await system();
      const [alice, mallory] = sys.users as [HardhatEthersSigner, HardhatEthersSigner];
      const p = await loadProtocol();
      const pkh = ops.randomPubKeyHash();
      const chainId = Number((await ethers.provider.getNetwork()).chainId);
      const typed = p.getChangePubKeyTypedData(pkh, 7, 8, chainId);
      const op = ops.changePubKey(8, alice.address, pkh, 7);
      const badSignature = await mallory.signTypedData(typed.domain, typed.types, typed.message);
      const witness = (signature: string) =>
        p.getChangePubKeyEthWitness({ ethAuthData: { type: "EIP712", ethSignature: signature, batchHash: undefined } as never });
      await expect(commitCpk(sys, op, witness(badSignature))).to.be.revertedWithCustomError(sys.zkLite, "ChangePubKeyWitnessInvalid");
      const goodSignature = await alice.signTypedData(typed.domain, typed.types, typed.message);
      await expect(commitCpk(sys, op, witness(goodSignature))).to.emit(sys.zkLite, "BlockCommit");
    });

    it("accepts the legacy 'Register zkSync pubkey' message", async () => {
      const sys = await system();
      const alice = sys.users[0]!;
      const p = await loadProtocol();
      const pkh = ops.randomPubKeyHash();
      const signature = await alice.signMessage(p.getChangePubkeyLegacyMessage(pkh, 0x1234, 0xabcd));
      const witness = p.getChangePubKeyEthWitness({ ethSignature: signature });
      await expect(commitCpk(sys, ops.changePubKey(0xabcd, alice.address, pkh, 0x1235), witness))
        .to.be.revertedWithCustomError(sys.zkLite, "ChangePubKeyWitnessInvalid");
      await expect(commitCpk(sys, ops.changePubKey(0xabcd, alice.address, pkh, 0x1234), witness)).to.emit(sys.zkLite, "BlockCommit");
    });

    it("accepts a CREATE2 owner at nonce 0 only", async () => {
      const sys = await system();
      const p = await loadProtocol();
      const pkh = ops.randomPubKeyHash();
      const create2 = { creatorAddress: hexlify(randomBytes(20)), saltArg: hexlify(randomBytes(32)), codeHash: hexlify(randomBytes(32)) };
      const { address } = p.getCreate2AddressAndSalt(pkh, create2);
      const witness = p.getChangePubKeyEthWitness({ ethAuthData: { type: "CREATE2", ...create2 } });
      await expect(commitCpk(sys, ops.changePubKey(3, address, pkh, 1), witness))
        .to.be.revertedWithCustomError(sys.zkLite, "ChangePubKeyWitnessInvalid");
      await expect(commitCpk(sys, ops.changePubKey(3, hexlify(randomBytes(20)), pkh, 0), witness))
        .to.be.revertedWithCustomError(sys.zkLite, "ChangePubKeyWitnessInvalid");
      await expect(commitCpk(sys, ops.changePubKey(3, address, pkh, 0), witness)).to.emit(sys.zkLite, "BlockCommit");
    });

    it("accepts an on-chain authorization made with setAuthPubkeyHash, and nothing else without a witness", async () => {
      const sys = await system();
      const alice = sys.users[0]!;
      const p = await loadProtocol();
      const pkh = ops.randomPubKeyHash();
      const op = ops.changePubKey(6, alice.address, pkh, 2);
      await expect(commitCpk(sys, op, "0x")).to.be.revertedWithCustomError(sys.zkLite, "ChangePubKeyNotAuthorized").withArgs(6);
      await sys.zkLite.connect(alice).setAuthPubkeyHash(p.pubKeyHashToBytes(pkh), 1);
      await expect(commitCpk(sys, op, "0x")).to.be.revertedWithCustomError(sys.zkLite, "ChangePubKeyNotAuthorized");
      await sys.zkLite.connect(alice).setAuthPubkeyHash(p.pubKeyHashToBytes(pkh), 2);
      await expect(commitCpk(sys, op, "0x")).to.emit(sys.zkLite, "BlockCommit");
    });

    it("rejects unknown witness types and witnesses of the wrong length", async () => {
      const sys = await system();
      const alice = sys.users[0]!;
      const op = ops.changePubKey(1, alice.address, ops.randomPubKeyHash(), 0);
      await expect(commitCpk(sys, op, concat(["0x05", randomBytes(65)])))
        .to.be.revertedWithCustomError(sys.zkLite, "UnsupportedChangePubKeyType")
        .withArgs(5);
      for (const witness of [concat(["0x00", randomBytes(64)]), concat(["0x04", randomBytes(66)]), concat(["0x01", randomBytes(20)]), concat(["0x03", randomBytes(65)])]) {
        await expect(commitCpk(sys, op, witness)).to.be.revertedWithCustomError(sys.zkLite, "InvalidWitnessLength");
      }
      await expect(commitCpk(sys, op, concat(["0x00", "0x" + "00".repeat(65)])))
        .to.be.revertedWithCustomError(sys.zkLite, "ChangePubKeyWitnessInvalid");
    });
  });

  describe("priority queue matching", () => {
    it("rejects a deposit that differs from the queued one in token, amount or owner, and accepts any account id", async () => {
      const sys = await system();
      const [alice, bob] = sys.users as [HardhatEthersSigner, HardhatEthersSigner];
      await depositEth(sys, alice, 100n);
      for (const wrong of [ops.deposit(1, 1, 100n, alice.address), ops.deposit(1, 0, 101n, alice.address), ops.deposit(1, 0, 100n, bob.address)]) {
        const block = await buildBlock(genesisBlock(sys), [wrong], { chunks: SMALL_BLOCK_CHUNKS });
        await expect(sys.zkLite.connect(sys.validator).commitBlocks(genesisBlock(sys), [block.info]))
          .to.be.revertedWithCustomError(sys.zkLite, "PriorityOpPubdataMismatch")
          .withArgs(0n);
      }
      await commitAndCheck(sys, genesisBlock(sys), [ops.deposit(12345, 0, 100n, alice.address)], SMALL_BLOCK_CHUNKS);
    });

    it("rejects a full exit for another account, owner or token, and accepts any amount", async () => {
      const sys = await system();
      const [alice, bob] = sys.users as [HardhatEthersSigner, HardhatEthersSigner];
      await sys.zkLite.connect(alice).requestFullExit(4, ZeroAddress);
      for (const wrong of [ops.fullExit(5, alice.address, 0, 0n), ops.fullExit(4, bob.address, 0, 0n), ops.fullExit(4, alice.address, 1, 0n)]) {
        const block = await buildBlock(genesisBlock(sys), [wrong], { chunks: SMALL_BLOCK_CHUNKS });
        await expect(sys.zkLite.connect(sys.validator).commitBlocks(genesisBlock(sys), [block.info]))
          .to.be.revertedWithCustomError(sys.zkLite, "PriorityOpPubdataMismatch");
      }
      await commitAndCheck(sys, genesisBlock(sys), [ops.fullExit(4, alice.address, 0, 123456n)], SMALL_BLOCK_CHUNKS);
    });

    it("requires priority ops in queue order and rejects ops that are not queued", async () => {
      const sys = await system();
      const alice = sys.users[0]!;
      await depositEth(sys, alice, 1n);
      await sys.zkLite.connect(alice).requestFullExit(1, ZeroAddress);
      const reversed = await buildBlock(genesisBlock(sys), [ops.fullExit(1, alice.address, 0, 0n), ops.deposit(1, 0, 1n, alice.address)], { chunks: LARGE_BLOCK_CHUNKS });
      await expect(sys.zkLite.connect(sys.validator).commitBlocks(genesisBlock(sys), [reversed.info]))
        .to.be.revertedWithCustomError(sys.zkLite, "PriorityOpTypeMismatch")
        .withArgs(0n);
      const tooMany = await buildBlock(genesisBlock(sys), [ops.deposit(1, 0, 1n, alice.address), ops.fullExit(1, alice.address, 0, 0n), ops.deposit(1, 0, 1n, alice.address)], { chunks: LARGE_BLOCK_CHUNKS });
      await expect(sys.zkLite.connect(sys.validator).commitBlocks(genesisBlock(sys), [tooMany.info]))
        .to.be.revertedWithCustomError(sys.zkLite, "PriorityOpTypeMismatch")
        .withArgs(2n);
    });

    it("continues the queue where the previous committed block stopped", async () => {
      const sys = await system();
      const alice = sys.users[0]!;
      await depositEth(sys, alice, 1n);
      await depositEth(sys, alice, 2n);
      const first = await commitAndCheck(sys, genesisBlock(sys), [ops.deposit(1, 0, 1n, alice.address)], SMALL_BLOCK_CHUNKS);
      const again = await buildBlock(first.stored, [ops.deposit(1, 0, 1n, alice.address)], { chunks: SMALL_BLOCK_CHUNKS });
      await expect(sys.zkLite.connect(sys.validator).commitBlocks(first.stored, [again.info]))
        .to.be.revertedWithCustomError(sys.zkLite, "PriorityOpPubdataMismatch")
        .withArgs(1n);
      await commitAndCheck(sys, first.stored, [ops.deposit(1, 0, 2n, alice.address)], SMALL_BLOCK_CHUNKS);
    });
  });

  describe("rejections", () => {
    it("only an active validator commits, and not in exodus mode", async () => {
      const sys = await system();
      const alice = sys.users[0]!;
      const block = await buildBlock(genesisBlock(sys), [], { chunks: SMALL_BLOCK_CHUNKS });
      await expect(sys.zkLite.connect(alice).commitBlocks(genesisBlock(sys), [block.info]))
        .to.be.revertedWithCustomError(sys.governance, "NotActiveValidator")
        .withArgs(alice.address);
      await sys.zkLite.connect(alice).depositETH(alice.address, { value: 1n });
      await mine(80640);
      await sys.zkLite.activateExodusMode();
      await expect(sys.zkLite.connect(sys.validator).commitBlocks(genesisBlock(sys), [block.info]))
        .to.be.revertedWithCustomError(sys.zkLite, "ExodusModeActive");
    });

    it("rejects a wrong previous block, a skipped number and bad timestamps", async () => {
      const sys = await system();
      const genesis = genesisBlock(sys);
      const block = await buildBlock(genesis, [], { chunks: SMALL_BLOCK_CHUNKS });
      await expect(sys.zkLite.connect(sys.validator).commitBlocks({ ...genesis, stateHash: keccak256("0x01") }, [block.info]))
        .to.be.revertedWithCustomError(sys.zkLite, "PreviousBlockMismatch");
      await expect(sys.zkLite.connect(sys.validator).commitBlocks(genesis, [{ ...block.info, blockNumber: 2 }]))
        .to.be.revertedWithCustomError(sys.zkLite, "NonSequentialBlock")
        .withArgs(1, 2);
      const now = BigInt(await time.latest());
      for (const timestamp of [now - 24n * 3600n - 60n, now + 16n * 60n]) {
        await expect(sys.zkLite.connect(sys.validator).commitBlocks(genesis, [{ ...block.info, timestamp }]))
          .to.be.revertedWithCustomError(sys.zkLite, "TimestampOutOfRange")
          .withArgs(timestamp);
      }
      const first = await commitAndCheck(sys, genesis, [], SMALL_BLOCK_CHUNKS);
      const earlier = await buildBlock(first.stored, [], { chunks: SMALL_BLOCK_CHUNKS, timestamp: first.stored.timestamp - 1n });
      await expect(sys.zkLite.connect(sys.validator).commitBlocks(first.stored, [earlier.info]))
        .to.be.revertedWithCustomError(sys.zkLite, "TimestampBeforePreviousBlock");
    });

    it("rejects pubdata and offsets that break the chunk layout", async () => {
      const sys = await system();
      const alice = sys.users[0]!;
      const genesis = genesisBlock(sys);
      const block = await buildBlock(genesis, [ops.transfer(1, 2), ops.withdraw(1, 0, 5n, alice.address), ops.withdraw(1, 0, 6n, alice.address)], { chunks: SMALL_BLOCK_CHUNKS + 2 });
      const info = block.info;
      const commitWith = (changes: Partial<typeof info>) => sys.zkLite.connect(sys.validator).commitBlocks(genesis, [{ ...info, ...changes }]);
      const withOffsets = (...offsets: number[]) => commitWith({ onchainOperations: offsets.map((publicDataOffset) => ({ ethWitness: "0x", publicDataOffset })) });

      await expect(commitWith({ publicData: concat([info.publicData, "0x00"]) }))
        .to.be.revertedWithCustomError(sys.zkLite, "PubdataNotChunkAligned")
        .withArgs(141);
      await expect(withOffsets(25)).to.be.revertedWithCustomError(sys.zkLite, "OffsetNotChunkAligned").withArgs(25);
      await expect(withOffsets(80, 20)).to.be.revertedWithCustomError(sys.zkLite, "OnchainOpsOutOfOrder").withArgs(20);
      await expect(withOffsets(20, 20)).to.be.revertedWithCustomError(sys.zkLite, "OnchainOpsOutOfOrder").withArgs(20);
      await expect(withOffsets(20, 30)).to.be.revertedWithCustomError(sys.zkLite, "OnchainOpsOutOfOrder").withArgs(30);
      await expect(withOffsets(140)).to.be.revertedWithCustomError(sys.zkLite, "OnchainOpOutOfBounds").withArgs(140);
      await expect(withOffsets(0)).to.be.revertedWithCustomError(sys.zkLite, "UnsupportedOnchainOp").withArgs(5);
      await expect(withOffsets(130)).to.be.revertedWithCustomError(sys.zkLite, "UnsupportedOnchainOp").withArgs(0);
      // a Withdraw whose 6 chunks would run past the end of the pubdata
      const truncated = getBytes(info.publicData as string).slice(0, 130);
      truncated[100] = 3;
      await expect(commitWith({ publicData: hexlify(truncated), onchainOperations: [{ ethWitness: "0x", publicDataOffset: 100 }] }))
        .to.be.revertedWithCustomError(sys.zkLite, "OnchainOpOutOfBounds")
        .withArgs(100);
      await expect(withOffsets(20, 80)).to.emit(sys.zkLite, "BlockCommit");
    });
  });
});
