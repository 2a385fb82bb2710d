import { expect } from "chai";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import { concat, encodeBase58, ZeroAddress } from "ethers";
import { ethers } from "hardhat";

import type { Operation } from "@zklite/protocol";
import { finalize, genesisBlock } from "./helpers/blocks";
import { LARGE_BLOCK_CHUNKS, system, type System } from "./helpers/fixture";
import * as ops from "./helpers/ops";

/** Executes one block of `withdrawOps`, so that their recipients get pending balances / NFTs. */
async function executeWithdrawals(sys: System, withdrawOps: Operation[]): Promise<void> {
  await finalize(sys, genesisBlock(sys), withdrawOps, LARGE_BLOCK_CHUNKS);
}

async function fundWithToken(sys: System, token: { mint(to: string, amount: bigint): Promise<unknown>; getAddress(): Promise<string> }, amount: bigint) {
  // tokens reach the rollup through a deposit (fee-on-transfer tokens deliver less than sent)
  const funder = sys.users[5]!;
  await token.mint(funder.address, amount);
  const erc20 = await ethers.getContractAt("TestERC20", await token.getAddress(), funder);
  await erc20.approve(await sys.zkLite.getAddress(), amount);
  await sys.zkLite.connect(funder).depositERC20(await token.getAddress(), amount, funder.address);
}

describe("withdrawPendingBalance", () => {
  describe("ETH", () => {
    it("pays min(requested, pending) to the owner, whoever calls", async () => {
      const sys = await system();
      const [alice, bob] = sys.users as [HardhatEthersSigner, HardhatEthersSigner];
      await sys.zkLite.connect(bob).depositETH(bob.address, { value: 1000n });
      await executeWithdrawals(sys, [ops.withdraw(1, 0, 600n, alice.address)]);

      const partial = sys.zkLite.connect(bob).withdrawPendingBalance(alice.address, ZeroAddress, 200n);
      await expect(partial).to.emit(sys.zkLite, "Withdrawal").withArgs(alice.address, 0, 200n);
      await expect(partial).to.changeEtherBalances([alice, sys.zkLite], [200n, -200n]);
      await expect(sys.zkLite.connect(alice).withdrawPendingBalance(alice.address, ZeroAddress, 10_000n)).to.changeEtherBalance(alice, 400n, { includeFee: false });
      expect(await sys.zkLite.getPendingBalance(alice.address, ZeroAddress)).to.equal(0n);
      await expect(sys.zkLite.withdrawPendingBalance(alice.address, ZeroAddress, 1n)).to.be.revertedWithCustomError(sys.zkLite, "NothingToWithdraw");
    });

    it("rejects a zero request and a recipient that refuses ETH", async () => {
      const sys = await system();
      const rejecting = await (await ethers.getContractFactory("RejectingReceiver")).deploy();
      await sys.zkLite.connect(sys.users[0]!).depositETH(sys.users[0]!.address, { value: 100n });
      await executeWithdrawals(sys, [ops.withdraw(1, 0, 50n, await rejecting.getAddress())]);
      await expect(sys.zkLite.withdrawPendingBalance(rejecting, ZeroAddress, 0n)).to.be.revertedWithCustomError(sys.zkLite, "NothingToWithdraw");
      await expect(sys.zkLite.withdrawPendingBalance(rejecting, ZeroAddress, 50n)).to.be.revertedWithCustomError(sys.zkLite, "EthTransferFailed");
      expect(await sys.zkLite.getPendingBalance(rejecting, ZeroAddress)).to.equal(50n);
    });

    it("blocks reentry from the recipient's receive()", async () => {
      const sys = await system();
      const receiver = await (await ethers.getContractFactory("ReentrantReceiver")).deploy();
      const receiverAddress = await receiver.getAddress();
      await sys.zkLite.connect(sys.users[0]!).depositETH(sys.users[0]!.address, { value: 1000n });
      await executeWithdrawals(sys, [ops.withdraw(1, 0, 300n, receiverAddress)]);
      await receiver.arm(sys.zkLite, sys.zkLite.interface.encodeFunctionData("withdrawPendingBalance", [receiverAddress, ZeroAddress, 100n]));

      await expect(sys.zkLite.withdrawPendingBalance(receiverAddress, ZeroAddress, 100n)).to.changeEtherBalance(receiver, 100n);
      expect(await receiver.reentryAttempted()).to.equal(true);
      expect(await receiver.reentrySucceeded()).to.equal(false);
      expect(await receiver.reentryRevertData()).to.equal(sys.zkLite.interface.getError("ReentrancyGuardReentrantCall")!.selector);
      expect(await sys.zkLite.getPendingBalance(receiverAddress, ZeroAddress)).to.equal(200n);
    });
  });

  describe("ERC-20", () => {
    it("pays a standard token and a token without return values", async () => {
      const sys = await system();
      const alice = sys.users[0]!;
      const [standardId, noReturnId] = [await sys.tokenId(sys.tokens.standard), await sys.tokenId(sys.tokens.noReturn)];
      await fundWithToken(sys, sys.tokens.standard, 1000n);
      const noReturn = sys.tokens.noReturn;
      await noReturn.mint(await sys.zkLite.getAddress(), 1000n); // NoReturnERC20 cannot go through the TestERC20 ABI's approve
      await executeWithdrawals(sys, [ops.withdraw(1, standardId, 500n, alice.address), ops.withdraw(1, noReturnId, 400n, alice.address)]);

      const tx = sys.zkLite.withdrawPendingBalance(alice.address, sys.tokens.standard, 500n);
      await expect(tx).to.emit(sys.zkLite, "Withdrawal").withArgs(alice.address, standardId, 500n);
      await expect(tx).to.changeTokenBalances(sys.tokens.standard, [alice, sys.zkLite], [500n, -500n]);
      await expect(sys.zkLite.withdrawPendingBalance(alice.address, noReturn, 400n)).to.emit(sys.zkLite, "Withdrawal").withArgs(alice.address, noReturnId, 400n);
      expect(await noReturn.balanceOf(alice.address)).to.equal(400n);
    });

    it("charges a fee-on-transfer token's amount, and a sender-fee token's full balance decrease, to the pending balance", async () => {
      const sys = await system();
      const alice = sys.users[0]!;
      const [fotId, senderFeeId] = [await sys.tokenId(sys.tokens.feeOnTransfer), await sys.tokenId(sys.tokens.senderFee)];
      await fundWithToken(sys, sys.tokens.feeOnTransfer, 10_000n);
      await fundWithToken(sys, sys.tokens.senderFee, 10_000n);
      await executeWithdrawals(sys, [ops.withdraw(1, fotId, 5000n, alice.address), ops.withdraw(1, senderFeeId, 1000n, alice.address)]);

      await expect(sys.zkLite.withdrawPendingBalance(alice.address, sys.tokens.feeOnTransfer, 5000n))
        .to.emit(sys.zkLite, "Withdrawal")
        .withArgs(alice.address, fotId, 5000n);
      expect(await sys.tokens.feeOnTransfer.balanceOf(alice.address)).to.equal(4950n);

      await sys.tokens.senderFee.setFee(10n);
      await expect(sys.zkLite.withdrawPendingBalance(alice.address, sys.tokens.senderFee, 600n))
        .to.emit(sys.zkLite, "Withdrawal")
        .withArgs(alice.address, senderFeeId, 610n);
      expect(await sys.zkLite.getPendingBalance(alice.address, sys.tokens.senderFee)).to.equal(390n);
      await expect(sys.zkLite.withdrawPendingBalance(alice.address, sys.tokens.senderFee, 390n))
        .to.be.revertedWithCustomError(sys.zkLite, "WithdrawnMoreThanPending")
        .withArgs(400n, 390n);
      await sys.tokens.senderFee.setFee(0n);
      await sys.zkLite.withdrawPendingBalance(alice.address, sys.tokens.senderFee, 390n);
      expect(await sys.zkLite.getPendingBalance(alice.address, sys.tokens.senderFee)).to.equal(0n);
    });

    it("keeps the pending balance when the token reverts, returns false or moves nothing", async () => {
      const sys = await system();
      const alice = sys.users[0]!;
      const token = sys.tokens.reverting;
      await fundWithToken(sys, token, 1000n);
      await executeWithdrawals(sys, [ops.withdraw(1, await sys.tokenId(token), 100n, alice.address)]);
      await token.setMode(1);
      await expect(sys.zkLite.withdrawPendingBalance(alice.address, token, 100n)).to.be.revertedWith("transfer disabled");
      await token.setMode(2);
      await expect(sys.zkLite.withdrawPendingBalance(alice.address, token, 100n)).to.be.revertedWithCustomError(sys.zkLite, "SafeERC20FailedOperation");
      await token.setMode(3);
      await expect(sys.zkLite.withdrawPendingBalance(alice.address, token, 100n)).to.be.revertedWithCustomError(sys.zkLite, "TokenBalanceNotDecreased");
      expect(await sys.zkLite.getPendingBalance(alice.address, token)).to.equal(100n);
      await token.setMode(0);
      await sys.zkLite.withdrawPendingBalance(alice.address, token, 100n);
      expect(await token.balanceOf(alice.address)).to.equal(100n);
    });

    it("blocks reentry from the token's transfer", async () => {
      const sys = await system();
      const alice = sys.users[0]!;
      const token = sys.tokens.reentrant;
      await fundWithToken(sys, token, 1000n);
      await executeWithdrawals(sys, [ops.withdraw(1, await sys.tokenId(token), 500n, alice.address)]);
      await token.arm(sys.zkLite, sys.zkLite.interface.encodeFunctionData("withdrawPendingBalance", [alice.address, await token.getAddress(), 100n]));

      await sys.zkLite.withdrawPendingBalance(alice.address, token, 100n);
      expect(await token.reentryAttempted()).to.equal(true);
      expect(await token.reentrySucceeded()).to.equal(false);
      expect(await token.reentryRevertData()).to.equal(sys.zkLite.interface.getError("ReentrancyGuardReentrantCall")!.selector);
      expect(await token.balanceOf(alice.address)).to.equal(100n);
      expect(await sys.zkLite.getPendingBalance(alice.address, token)).to.equal(400n);
    });

    it("rejects unlisted tokens", async () => {
      const sys = await system();
      await expect(sys.zkLite.withdrawPendingBalance(sys.users[0]!.address, sys.tokens.unlisted, 1n))
        .to.be.revertedWithCustomError(sys.governance, "TokenNotRegistered");
      await expect(sys.zkLite.getPendingBalance(sys.users[0]!.address, sys.tokens.unlisted))
        .to.be.revertedWithCustomError(sys.governance, "TokenNotRegistered");
    });
  });
});

describe("withdrawPendingNFTBalance", () => {
  it("mints the NFT with the default factory, with its content hash, creator and IPFS URI", async () => {
    const sys = await system();
    const [alice, bob] = sys.users as [HardhatEthersSigner, HardhatEthersSigner];
    const nft = ops.randomNft(alice.address);
    await executeWithdrawals(sys, [ops.withdrawNft(1, 65536, bob.address, nft)]);

    const tx = sys.zkLite.withdrawPendingNFTBalance(65536);
    await expect(tx).to.emit(sys.zkLite, "WithdrawalNFT").withArgs(65536);
    await expect(tx)
      .to.emit(sys.nftFactory, "MintNFTFromZkSync")
      .withArgs(alice.address, bob.address, nft.creatorId, nft.serialId, nft.contentHash, 65536);
    expect(await sys.nftFactory.ownerOf(65536)).to.equal(bob.address);
    expect(await sys.nftFactory.getContentHash(65536)).to.equal(nft.contentHash);
    const creator = await sys.nftFactory.getCreator(65536);
    expect([creator.creatorAddress, creator.creatorAccountId, creator.serialId]).to.deep.equal([alice.address, BigInt(nft.creatorId), BigInt(nft.serialId)]);
    expect(await sys.nftFactory.tokenURI(65536)).to.equal("ipfs://" + encodeBase58(concat(["0x1220", nft.contentHash])));
    expect(await sys.zkLite.withdrawnNFTs(65536)).to.equal(await sys.nftFactory.getAddress());
    await expect(sys.zkLite.withdrawPendingNFTBalance(65536)).to.be.revertedWithCustomError(sys.zkLite, "NoPendingNFT").withArgs(65536);
  });

  it("mints through the creator's registered factory", async () => {
    const sys = await system();
    const [creator, bob] = sys.users as [HardhatEthersSigner, HardhatEthersSigner];
    const custom = await (await ethers.getContractFactory("TestCustomNFTFactory")).deploy(sys.zkLite, sys.governance);
    const nft = ops.randomNft(creator.address);
    const message =
      `\nCreator's account ID in zkSync: ${nft.creatorId.toString(16).padStart(8, "0")}` +
      `\nCreator: ${creator.address.slice(2).toLowerCase()}` +
      `\nFactory: ${(await custom.getAddress()).slice(2).toLowerCase()}`;
    await custom.registerCreator(nft.creatorId, creator.address, await creator.signMessage(message));
    await executeWithdrawals(sys, [ops.withdrawNft(1, 70000, bob.address, nft)]);
    await expect(sys.zkLite.withdrawPendingNFTBalance(70000)).to.emit(custom, "MintNFTFromZkSync");
    expect(await custom.ownerOf(70000)).to.equal(bob.address);
    expect(await sys.zkLite.withdrawnNFTs(70000)).to.equal(await custom.getAddress());
  });

  it("blocks reentry from the recipient's onERC721Received", async () => {
    const sys = await system();
    const receiver = await (await ethers.getContractFactory("ReentrantReceiver")).deploy();
    const receiverAddress = await receiver.getAddress();
    const nft = ops.randomNft(sys.users[0]!.address);
    await executeWithdrawals(sys, [ops.withdrawNft(1, 65536, receiverAddress, nft), ops.withdrawNft(1, 65537, receiverAddress, ops.randomNft(sys.users[0]!.address))]);
    await receiver.arm(sys.zkLite, sys.zkLite.interface.encodeFunctionData("withdrawPendingNFTBalance", [65537]));

    await sys.zkLite.withdrawPendingNFTBalance(65536);
    expect(await receiver.reentryAttempted()).to.equal(true);
    expect(await receiver.reentrySucceeded()).to.equal(false);
    expect(await receiver.reentryRevertData()).to.equal(sys.zkLite.interface.getError("ReentrancyGuardReentrantCall")!.selector);
    expect(await sys.nftFactory.ownerOf(65536)).to.equal(receiverAddress);
    expect((await sys.zkLite.getPendingWithdrawnNFT(65537)).tokenId).to.equal(65537n);
  });

  it("only the rollup mints on the factory", async () => {
    const sys = await system();
    const alice = sys.users[0]!;
    await expect(sys.nftFactory.connect(alice).mintNFTFromZkSync(alice.address, alice.address, 1, 1, "0x" + "00".repeat(32), 65536))
      .to.be.revertedWithCustomError(sys.nftFactory, "OnlyRollup")
      .withArgs(alice.address);
    await expect(sys.nftFactory.tokenURI(65536)).to.be.revertedWithCustomError(sys.nftFactory, "ERC721NonexistentToken");
  });

  it("computes IPFS CIDs like an independent base58 encoder", async () => {
    const sys = await system();
    for (const digest of ["0x" + "00".repeat(32), "0x" + "ff".repeat(32), ops.randomNft(ZeroAddress).contentHash]) {
      expect(await sys.nftFactory.ipfsCID(digest)).to.equal(encodeBase58(concat(["0x1220", digest])));
    }
  });
});
