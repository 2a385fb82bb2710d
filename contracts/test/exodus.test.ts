import { expect } from "chai";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import { mine } from "@nomicfoundation/hardhat-network-helpers";
import { getBytes, hexlify, ZeroAddress } from "ethers";

import { buildBlock, commit, finalize, genesisBlock, type StoredBlock } from "./helpers/blocks";
import { exitPublicInputs, fungibleClaim, type ExitClaim } from "./helpers/exit";
import { EXIT_KEY, GENESIS_ROOT, OTHER_EXIT_KEY, SMALL_BLOCK_CHUNKS, system, testExitCircuit, type System } from "./helpers/fixture";
import * as ops from "./helpers/ops";
import { loadProtocol } from "./helpers/protocol";
import { proveExitEcho } from "../tools/echo-prover";

const PRIORITY_EXPIRATION = 80640;
/** A real Groth16 proof (exit echo circuit) of `claim` against `root`. */
const exitProof = (root: string, claim: ExitClaim, key = EXIT_KEY) =>
  proveExitEcho(testExitCircuit(), key, exitPublicInputs(root, claim));

function performExodus(sys: System, stored: StoredBlock, c: ExitClaim, proof: readonly bigint[]) {
  return sys.zkLite.performExodus(
    stored,
    c.owner,
    c.accountId,
    c.tokenId,
    c.amount,
    c.nftCreatorAccountId,
    c.nftCreatorAddress,
    c.nftSerialId,
    c.nftContentHash,
    proof as [bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint],
  );
}

async function enterExodus(sys: System): Promise<void> {
  await mine(PRIORITY_EXPIRATION);
  await sys.zkLite.activateExodusMode();
  expect(await sys.zkLite.exodusMode()).to.equal(true);
}

describe("exodus mode", () => {
  describe("activateExodusMode", () => {
    it("starts only once the oldest open priority request has expired, for anyone", async () => {
      const sys = await system();
      const [alice, stranger] = sys.users as [HardhatEthersSigner, HardhatEthersSigner];
      expect(await sys.zkLite.connect(stranger).activateExodusMode.staticCall()).to.equal(false);
      await sys.zkLite.connect(alice).depositETH(alice.address, { value: 1n });
      const request = await sys.zkLite.getPriorityRequest(0);
      await mine(PRIORITY_EXPIRATION - 2);
      await expect(sys.zkLite.connect(stranger).activateExodusMode()).not.to.emit(sys.zkLite, "ExodusMode");
      expect(await sys.zkLite.exodusMode()).to.equal(false);
      expect(BigInt(await sys.zkLite.runner!.provider!.getBlockNumber()) + 1n).to.equal(request.expirationBlock);
      await expect(sys.zkLite.connect(stranger).activateExodusMode()).to.emit(sys.zkLite, "ExodusMode");
      expect(await sys.zkLite.exodusMode()).to.equal(true);
      expect(await sys.zkLite.connect(stranger).activateExodusMode.staticCall()).to.equal(false);
    });

    it("does not start while expired requests have all been executed", async () => {
      const sys = await system();
      const alice = sys.users[0]!;
      await sys.zkLite.connect(alice).depositETH(alice.address, { value: 1n });
      await finalize(sys, genesisBlock(sys), [ops.deposit(1, 0, 1n, alice.address)], SMALL_BLOCK_CHUNKS);
      await mine(PRIORITY_EXPIRATION * 2);
      await expect(sys.zkLite.activateExodusMode()).not.to.emit(sys.zkLite, "ExodusMode");
    });

    it("leaves withdrawals working and freezes everything else", async () => {
      const sys = await system();
      const alice = sys.users[0]!;
      await sys.zkLite.connect(alice).depositETH(alice.address, { value: 100n });
      await sys.zkLite.connect(alice).depositETH(alice.address, { value: 5n });
      await finalize(sys, genesisBlock(sys), [ops.deposit(1, 0, 100n, alice.address), ops.withdraw(1, 0, 60n, alice.address)], SMALL_BLOCK_CHUNKS);
      await enterExodus(sys); // the second deposit was never executed
      await expect(sys.zkLite.connect(alice).setAuthPubkeyHash("0x" + "11".repeat(20), 0)).to.be.revertedWithCustomError(sys.zkLite, "ExodusModeActive");
      await expect(sys.zkLite.withdrawPendingBalance(alice.address, ZeroAddress, 60n)).to.changeEtherBalance(alice, 60n);
    });
  });

  describe("performExodus", () => {
    async function executedState(sys: System) {
      const alice = sys.users[0]!;
      const tokenId = await sys.tokenId(sys.tokens.standard);
      await sys.zkLite.connect(alice).depositETH(alice.address, { value: 1000n });
      await sys.tokens.standard.mint(alice.address, 500n);
      await sys.tokens.standard.connect(alice).approve(sys.zkLite, 500n);
      await sys.zkLite.connect(alice).depositERC20(sys.tokens.standard, 500n, alice.address);
      const block = await finalize(sys, genesisBlock(sys), [ops.deposit(1, 0, 1000n, alice.address)], SMALL_BLOCK_CHUNKS);
      return { alice, tokenId, last: block.stored };
    }

    it("credits the balance proven by a real exit proof against the last executed root, once", async () => {
      const sys = await system();
      const { alice, tokenId, last } = await executedState(sys);
      await enterExodus(sys);
      const eth = fungibleClaim(alice.address, 1, 0, 1000n);
      const token = fungibleClaim(alice.address, 1, tokenId, 500n);
      const ethProof = await exitProof(last.stateHash, eth);
      await expect(performExodus(sys, last, eth, ethProof)).to.emit(sys.zkLite, "WithdrawalPending").withArgs(0, alice.address, 1000n, 2);
      await performExodus(sys, last, token, await exitProof(last.stateHash, token));
      expect(await sys.zkLite.getPendingBalance(alice.address, ZeroAddress)).to.equal(1000n);
      expect(await sys.zkLite.getPendingBalance(alice.address, sys.tokens.standard)).to.equal(500n);
      await expect(performExodus(sys, last, eth, ethProof))
        .to.be.revertedWithCustomError(sys.zkLite, "ExodusAlreadyPerformed")
        .withArgs(1, 0);
      await expect(sys.zkLite.withdrawPendingBalance(alice.address, ZeroAddress, 1000n)).to.changeEtherBalance(alice, 1000n);
    });

    it("rejects tampered proofs and claims that differ from the proven one", async () => {
      const sys = await system();
      const { alice, last } = await executedState(sys);
      await enterExodus(sys);
      const claim = fungibleClaim(alice.address, 1, 0, 1000n);
      const proof = await exitProof(last.stateHash, claim);
      const tampered = [...proof];
      tampered[0] = tampered[0]! + 1n;
      await expect(performExodus(sys, last, claim, tampered)).to.be.revertedWithCustomError(sys.zkLite, "InvalidExitProof");
      for (const changed of [{ ...claim, amount: 1001n }, { ...claim, owner: sys.users[1]!.address }, { ...claim, accountId: 2 }, { ...claim, tokenId: 1 }]) {
        await expect(performExodus(sys, last, changed, proof)).to.be.revertedWithCustomError(sys.zkLite, "InvalidExitProof");
      }
      const otherSetupProof = await exitProof(last.stateHash, claim, OTHER_EXIT_KEY);
      await expect(performExodus(sys, last, claim, otherSetupProof)).to.be.revertedWithCustomError(sys.zkLite, "InvalidExitProof");
      await expect(performExodus(sys, genesisBlock(sys), claim, proof)).to.be.revertedWithCustomError(sys.zkLite, "NotLastExecutedBlock");
      await performExodus(sys, last, claim, proof);
    });

    it("rejects calls outside exodus mode and invalid accounts or tokens", async () => {
      const sys = await system();
      const { alice, last } = await executedState(sys);
      const claim = fungibleClaim(alice.address, 1, 0, 1000n);
      const proof = await exitProof(last.stateHash, claim);
      await expect(performExodus(sys, last, claim, proof)).to.be.revertedWithCustomError(sys.zkLite, "NotInExodusMode");
      await enterExodus(sys);
      await expect(performExodus(sys, last, { ...claim, accountId: 2 ** 24 }, proof)).to.be.revertedWithCustomError(sys.zkLite, "InvalidAccountId");
      await expect(performExodus(sys, last, { ...claim, accountId: 2 ** 24 - 1 }, proof)).to.be.revertedWithCustomError(sys.zkLite, "ExitFromSpecialAccount");
      await expect(performExodus(sys, last, { ...claim, tokenId: 2 ** 31 - 2 }, proof)).to.be.revertedWithCustomError(sys.zkLite, "InvalidNFTTokenId");
      await expect(performExodus(sys, last, { ...claim, tokenId: 70000, amount: 0n }, proof)).to.be.revertedWithCustomError(sys.zkLite, "ZeroNFTExitAmount");
    });

    it("returns an NFT proven in the last executed state as a pending NFT", async () => {
      const sys = await system();
      const { alice, last } = await executedState(sys);
      await enterExodus(sys);
      const nft = ops.randomNft(sys.users[1]!.address);
      const claim: ExitClaim = {
        owner: alice.address,
        accountId: 1,
        tokenId: 70000,
        amount: 1n,
        nftCreatorAccountId: nft.creatorId,
        nftCreatorAddress: sys.users[1]!.address,
        nftSerialId: nft.serialId,
        nftContentHash: nft.contentHash,
      };
      const proof = await exitProof(last.stateHash, claim);
      const flipByte = (hash: string, index: number) => {
        const bytes = getBytes(hash);
        bytes[index] = bytes[index]! ^ 1;
        return hexlify(bytes);
      };
      for (const changed of [
        { ...claim, nftContentHash: flipByte(nft.contentHash, 0) }, // high 128-bit input
        { ...claim, nftContentHash: flipByte(nft.contentHash, 31) }, // low 128-bit input
        { ...claim, nftCreatorAccountId: claim.nftCreatorAccountId + 1 },
        { ...claim, nftCreatorAddress: sys.users[2]!.address },
        { ...claim, nftSerialId: claim.nftSerialId + 1 },
      ]) {
        await expect(performExodus(sys, last, changed, proof)).to.be.revertedWithCustomError(sys.zkLite, "InvalidExitProof");
      }
      const otherRootProof = await exitProof(GENESIS_ROOT, claim);
      await expect(performExodus(sys, last, claim, otherRootProof)).to.be.revertedWithCustomError(sys.zkLite, "InvalidExitProof");
      await expect(performExodus(sys, last, claim, proof))
        .to.emit(sys.zkLite, "WithdrawalNFTPending")
        .withArgs(70000);
      await sys.zkLite.withdrawPendingNFTBalance(70000);
      expect(await sys.nftFactory.ownerOf(70000)).to.equal(alice.address);
      expect(await sys.nftFactory.getContentHash(70000)).to.equal(nft.contentHash);
    });
  });

  describe("cancelOutstandingDepositsForExodusMode", () => {
    it("returns unexecuted deposits, committed or not, and drops other requests, over several calls", async () => {
      const sys = await system();
      const [alice, bob] = sys.users as [HardhatEthersSigner, HardhatEthersSigner];
      const p = await loadProtocol();
      const tokenId = await sys.tokenId(sys.tokens.standard);
      const queued = (token: number, amount: bigint, to: string) =>
        hexlify(p.encodeOperationPubdata(ops.deposit(0, token, amount, to)).subarray(0, 45));
      await sys.zkLite.connect(alice).depositETH(alice.address, { value: 10n });
      await sys.zkLite.connect(bob).requestFullExit(3, ZeroAddress);
      await sys.zkLite.connect(bob).depositETH(bob.address, { value: 20n });
      await sys.tokens.standard.mint(alice.address, 30n);
      await sys.tokens.standard.connect(alice).approve(sys.zkLite, 30n);
      await sys.zkLite.connect(alice).depositERC20(sys.tokens.standard, 30n, alice.address);
      const committed = await buildBlock(genesisBlock(sys), [ops.deposit(1, 0, 10n, alice.address)], { chunks: SMALL_BLOCK_CHUNKS });
      await commit(sys, genesisBlock(sys), [committed]);

      await expect(sys.zkLite.cancelOutstandingDepositsForExodusMode(4, [])).to.be.revertedWithCustomError(sys.zkLite, "NotInExodusMode");
      await enterExodus(sys);
      await expect(sys.zkLite.cancelOutstandingDepositsForExodusMode(0, [])).to.be.revertedWithCustomError(sys.zkLite, "NoPriorityRequestsToCancel");
      await expect(sys.zkLite.cancelOutstandingDepositsForExodusMode(2, [])).to.be.revertedWithCustomError(sys.zkLite, "DepositPubdataMismatch").withArgs(0);
      await expect(sys.zkLite.cancelOutstandingDepositsForExodusMode(2, [queued(0, 11n, alice.address)]))
        .to.be.revertedWithCustomError(sys.zkLite, "DepositPubdataMismatch")
        .withArgs(0);
      await expect(sys.zkLite.cancelOutstandingDepositsForExodusMode(2, [getBytes(queued(0, 10n, alice.address)).slice(0, 44)]))
        .to.be.revertedWithCustomError(sys.zkLite, "DepositPubdataMismatch");

      await sys.zkLite.cancelOutstandingDepositsForExodusMode(2, [queued(0, 10n, alice.address)]);
      expect(await sys.zkLite.firstPriorityRequestId()).to.equal(2n);
      expect(await sys.zkLite.totalOpenPriorityRequests()).to.equal(2n);
      expect(await sys.zkLite.getPendingBalance(alice.address, ZeroAddress)).to.equal(10n);
      await sys.zkLite.cancelOutstandingDepositsForExodusMode(100, [queued(0, 20n, bob.address), queued(tokenId, 30n, alice.address)]);
      expect(await sys.zkLite.totalOpenPriorityRequests()).to.equal(0n);
      expect(await sys.zkLite.totalCommittedPriorityRequests()).to.equal(0n);
      expect(await sys.zkLite.getPendingBalance(bob.address, ZeroAddress)).to.equal(20n);
      expect(await sys.zkLite.getPendingBalance(alice.address, sys.tokens.standard)).to.equal(30n);
      expect((await sys.zkLite.getPriorityRequest(0)).expirationBlock).to.equal(0n);
      await expect(sys.zkLite.cancelOutstandingDepositsForExodusMode(1, [])).to.be.revertedWithCustomError(sys.zkLite, "NoPriorityRequestsToCancel");
      await expect(sys.zkLite.withdrawPendingBalance(alice.address, sys.tokens.standard, 30n)).to.changeTokenBalance(sys.tokens.standard, alice, 30n);
    });
  });
});
