import { expect } from "chai";
import { mine } from "@nomicfoundation/hardhat-network-helpers";
import { getAddress, hexlify, keccak256, parseEther, ZeroAddress } from "ethers";
import { ethers } from "hardhat";

import { system, type System } from "./helpers/fixture";
import { loadProtocol } from "./helpers/protocol";

const SPECIAL_ADDRESS = "0xFFfFfFffFFfffFFfFFfFFFFFffFFFffffFfFFFfF";
const PRIORITY_EXPIRATION = 14n * 24n * 3600n / 15n;
const MAX_DEPOSIT = (1n << 104n) - 1n;

/** Queued pubdata of a deposit, from the SDK encoder: the 45 significant bytes with account id 0. */
async function queuedDeposit(token: number, amount: bigint, to: string): Promise<string> {
  const p = await loadProtocol();
  return hexlify(p.encodeOperationPubdata({ type: "Deposit", accountId: 0, token, amount, to: to.toLowerCase() }).subarray(0, 45));
}

async function queuedFullExit(accountId: number, owner: string, token: number): Promise<string> {
  const p = await loadProtocol();
  const op = {
    type: "FullExit" as const,
    accountId,
    owner: owner.toLowerCase(),
    token,
    amount: 0n,
    nftCreatorId: 0,
    nftCreatorAddress: ZeroAddress,
    nftSerialId: 0,
    nftContentHash: "0x" + "00".repeat(32),
  };
  return hexlify(p.encodeOperationPubdata(op).subarray(0, 105));
}

async function expectQueued(sys: System, id: bigint, opType: number, pubData: string): Promise<void> {
  const request = await sys.zkLite.getPriorityRequest(id);
  expect(request.opType).to.equal(BigInt(opType));
  expect(request.hashedPubData).to.equal("0x" + keccak256(pubData).slice(-40));
}

describe("deposits", () => {
  it("depositETH queues a Deposit priority request whose pubdata is the SDK's", async () => {
    const sys = await system();
    const [alice, bob] = sys.users as [typeof sys.governor, typeof sys.governor];
    const amount = parseEther("1.5");
    const pubData = await queuedDeposit(0, amount, bob.address);
    const tx = sys.zkLite.connect(alice).depositETH(bob.address, { value: amount });
    const blockNumber = (await ethers.provider.getBlockNumber()) + 1;
    await expect(tx)
      .to.emit(sys.zkLite, "NewPriorityRequest")
      .withArgs(alice.address, 0n, 1n, pubData, BigInt(blockNumber) + PRIORITY_EXPIRATION);
    await expect(tx).to.emit(sys.zkLite, "Deposit").withArgs(0n, amount);
    await expect(tx).to.changeEtherBalance(sys.zkLite, amount);
    await expectQueued(sys, 0n, 1, pubData);
    expect(await sys.zkLite.totalOpenPriorityRequests()).to.equal(1n);
  });

  it("depositETH assigns consecutive request ids", async () => {
    const sys = await system();
    const alice = sys.users[0]!;
    for (let i = 0; i < 3; i++) await sys.zkLite.connect(alice).depositETH(alice.address, { value: BigInt(i + 1) });
    expect(await sys.zkLite.totalOpenPriorityRequests()).to.equal(3n);
    await expectQueued(sys, 2n, 1, await queuedDeposit(0, 3n, alice.address));
  });

  it("depositETH rejects the NFT storage address, the zero address, zero value and exodus mode", async () => {
    const sys = await system();
    const alice = sys.users[0]!;
    await expect(sys.zkLite.connect(alice).depositETH(SPECIAL_ADDRESS, { value: 1n }))
      .to.be.revertedWithCustomError(sys.zkLite, "DepositToSpecialAccount");
    await expect(sys.zkLite.connect(alice).depositETH(ZeroAddress, { value: 1n }))
      .to.be.revertedWithCustomError(sys.zkLite, "DepositToZeroAddress");
    await expect(sys.zkLite.connect(alice).depositETH(alice.address, { value: 0n }))
      .to.be.revertedWithCustomError(sys.zkLite, "ZeroDeposit");
    await sys.zkLite.connect(alice).depositETH(alice.address, { value: 1n });
    await mine(PRIORITY_EXPIRATION);
    await sys.zkLite.activateExodusMode();
    await expect(sys.zkLite.connect(alice).depositETH(alice.address, { value: 1n }))
      .to.be.revertedWithCustomError(sys.zkLite, "ExodusModeActive");
  });

  describe("depositERC20", () => {
    it("credits a standard token's transferred amount", async () => {
      const sys = await system();
      const alice = sys.users[0]!;
      const token = sys.tokens.standard;
      await token.mint(alice.address, 1000n);
      await token.connect(alice).approve(sys.zkLite, 1000n);
      const id = await sys.tokenId(token);
      const tx = sys.zkLite.connect(alice).depositERC20(token, 700n, alice.address);
      await expect(tx).to.emit(sys.zkLite, "Deposit").withArgs(id, 700n);
      await expect(tx).to.changeTokenBalances(token, [alice, sys.zkLite], [-700n, 700n]);
      await expectQueued(sys, 0n, 1, await queuedDeposit(id, 700n, alice.address));
    });

    it("credits only what a fee-on-transfer token delivered", async () => {
      const sys = await system();
      const alice = sys.users[0]!;
      const token = sys.tokens.feeOnTransfer;
      await token.mint(alice.address, 10_000n);
      await token.connect(alice).approve(sys.zkLite, 10_000n);
      const id = await sys.tokenId(token);
      await expect(sys.zkLite.connect(alice).depositERC20(token, 10_000n, alice.address))
        .to.emit(sys.zkLite, "Deposit")
        .withArgs(id, 9_900n);
      await expectQueued(sys, 0n, 1, await queuedDeposit(id, 9_900n, alice.address));
    });

    it("works with a token whose transferFrom returns nothing", async () => {
      const sys = await system();
      const alice = sys.users[0]!;
      const token = sys.tokens.noReturn;
      await token.mint(alice.address, 50n);
      await token.connect(alice).approve(await sys.zkLite.getAddress(), 50n);
      await expect(sys.zkLite.connect(alice).depositERC20(token, 50n, alice.address))
        .to.emit(sys.zkLite, "Deposit")
        .withArgs(await sys.tokenId(token), 50n);
      expect(await token.balanceOf(await sys.zkLite.getAddress())).to.equal(50n);
    });

    it("fails when the token reverts, returns false or moves nothing", async () => {
      const sys = await system();
      const alice = sys.users[0]!;
      const token = sys.tokens.reverting;
      await token.mint(alice.address, 50n);
      await token.connect(alice).approve(sys.zkLite, 50n);
      await token.setMode(1); // Revert
      await expect(sys.zkLite.connect(alice).depositERC20(token, 50n, alice.address)).to.be.revertedWith("transfer disabled");
      await token.setMode(2); // ReturnFalse
      await expect(sys.zkLite.connect(alice).depositERC20(token, 50n, alice.address))
        .to.be.revertedWithCustomError(sys.zkLite, "SafeERC20FailedOperation")
        .withArgs(await token.getAddress());
      await token.setMode(3); // MoveNothing
      await expect(sys.zkLite.connect(alice).depositERC20(token, 50n, alice.address))
        .to.be.revertedWithCustomError(sys.zkLite, "DepositAmountOutOfRange")
        .withArgs(0n);
      expect(await sys.zkLite.totalOpenPriorityRequests()).to.equal(0n);
    });

    it("accepts the largest uint104 amount", async () => {
      const sys = await system();
      const alice = sys.users[0]!;
      const token = sys.tokens.standard;
      await token.mint(alice.address, MAX_DEPOSIT);
      await token.connect(alice).approve(sys.zkLite, MAX_DEPOSIT);
      await expect(sys.zkLite.connect(alice).depositERC20(token, MAX_DEPOSIT, alice.address))
        .to.emit(sys.zkLite, "Deposit")
        .withArgs(await sys.tokenId(token), MAX_DEPOSIT);
    });

    it("rejects unlisted and paused tokens, the NFT storage address and exodus mode", async () => {
      const sys = await system();
      const alice = sys.users[0]!;
      const token = sys.tokens.standard;
      await token.mint(alice.address, 100n);
      await token.connect(alice).approve(sys.zkLite, 100n);
      await expect(sys.zkLite.connect(alice).depositERC20(sys.tokens.unlisted, 1n, alice.address))
        .to.be.revertedWithCustomError(sys.governance, "TokenNotRegistered")
        .withArgs(getAddress(await sys.tokens.unlisted.getAddress()));
      await expect(sys.zkLite.connect(alice).depositERC20(token, 1n, SPECIAL_ADDRESS))
        .to.be.revertedWithCustomError(sys.zkLite, "DepositToSpecialAccount");
      await expect(sys.zkLite.connect(alice).depositERC20(token, 1n, ZeroAddress))
        .to.be.revertedWithCustomError(sys.zkLite, "DepositToZeroAddress");
      await sys.governance.setTokenPaused(token, true);
      const id = await sys.tokenId(token);
      await expect(sys.zkLite.connect(alice).depositERC20(token, 1n, alice.address))
        .to.be.revertedWithCustomError(sys.zkLite, "TokenDepositsPaused")
        .withArgs(id);
      await sys.governance.setTokenPaused(token, false);
      await sys.zkLite.connect(alice).depositERC20(token, 1n, alice.address);
      await mine(PRIORITY_EXPIRATION);
      await sys.zkLite.activateExodusMode();
      await expect(sys.zkLite.connect(alice).depositERC20(token, 1n, alice.address))
        .to.be.revertedWithCustomError(sys.zkLite, "ExodusModeActive");
    });
  });

  describe("full exit requests", () => {
    it("requestFullExit queues the SDK's FullExit pubdata", async () => {
      const sys = await system();
      const alice = sys.users[0]!;
      const pubData = await queuedFullExit(7, alice.address, 0);
      await expect(sys.zkLite.connect(alice).requestFullExit(7, ZeroAddress))
        .to.emit(sys.zkLite, "NewPriorityRequest")
        .withArgs(alice.address, 0n, 6n, pubData, (v: bigint) => v > 0n);
      await expectQueued(sys, 0n, 6, pubData);
      expect(await sys.zkLite.getPendingBalance(alice.address, ZeroAddress)).to.equal(0n);
    });

    it("requestFullExit of an ERC-20 uses the token's id", async () => {
      const sys = await system();
      const alice = sys.users[0]!;
      const id = await sys.tokenId(sys.tokens.standard);
      await sys.zkLite.connect(alice).requestFullExit(3, sys.tokens.standard);
      await expectQueued(sys, 0n, 6, await queuedFullExit(3, alice.address, id));
    });

    it("requestFullExit rejects bad accounts, unlisted tokens and exodus mode", async () => {
      const sys = await system();
      const alice = sys.users[0]!;
      await expect(sys.zkLite.connect(alice).requestFullExit(2 ** 24, ZeroAddress))
        .to.be.revertedWithCustomError(sys.zkLite, "InvalidAccountId")
        .withArgs(2 ** 24);
      await expect(sys.zkLite.connect(alice).requestFullExit(2 ** 24 - 1, ZeroAddress))
        .to.be.revertedWithCustomError(sys.zkLite, "ExitFromSpecialAccount");
      await expect(sys.zkLite.connect(alice).requestFullExit(1, sys.tokens.unlisted))
        .to.be.revertedWithCustomError(sys.governance, "TokenNotRegistered");
      await sys.zkLite.connect(alice).requestFullExit(1, ZeroAddress);
      await mine(PRIORITY_EXPIRATION);
      await sys.zkLite.activateExodusMode();
      await expect(sys.zkLite.connect(alice).requestFullExit(1, ZeroAddress))
        .to.be.revertedWithCustomError(sys.zkLite, "ExodusModeActive");
    });

    it("requestFullExitNFT accepts only NFT token ids", async () => {
      const sys = await system();
      const alice = sys.users[0]!;
      await sys.zkLite.connect(alice).requestFullExitNFT(5, 65536);
      await expectQueued(sys, 0n, 6, await queuedFullExit(5, alice.address, 65536));
      await sys.zkLite.connect(alice).requestFullExitNFT(5, 2 ** 31 - 3);
      for (const bad of [0, 65535, 2 ** 31 - 2, 2 ** 32 - 1]) {
        await expect(sys.zkLite.connect(alice).requestFullExitNFT(5, bad))
          .to.be.revertedWithCustomError(sys.zkLite, "InvalidNFTTokenId")
          .withArgs(bad);
      }
      await expect(sys.zkLite.connect(alice).requestFullExitNFT(2 ** 24, 65536))
        .to.be.revertedWithCustomError(sys.zkLite, "InvalidAccountId");
      await expect(sys.zkLite.connect(alice).requestFullExitNFT(2 ** 24 - 1, 65536))
        .to.be.revertedWithCustomError(sys.zkLite, "ExitFromSpecialAccount");
      await mine(PRIORITY_EXPIRATION);
      await sys.zkLite.activateExodusMode();
      await expect(sys.zkLite.connect(alice).requestFullExitNFT(5, 65536))
        .to.be.revertedWithCustomError(sys.zkLite, "ExodusModeActive");
    });
  });
});
