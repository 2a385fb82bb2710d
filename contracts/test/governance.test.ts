import { expect } from "chai";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import { AbiCoder, getAddress, hexlify, randomBytes, ZeroAddress } from "ethers";
import { ethers } from "hardhat";

import { Governance__factory, Proxy__factory } from "../typechain-types";
import { system } from "./helpers/fixture";

function registrationMessage(creatorAccountId: number, creator: string, factory: string): string {
  return (
    `\nCreator's account ID in zkSync: ${creatorAccountId.toString(16).padStart(8, "0")}` +
    `\nCreator: ${creator.slice(2).toLowerCase()}` +
    `\nFactory: ${factory.slice(2).toLowerCase()}`
  );
}

describe("Governance", () => {
  it("is initialized with the deployer as governor, and rejects a zero governor", async () => {
    const sys = await system();
    expect(await sys.governance.networkGovernor()).to.equal(sys.governor.address);
    const target = await new Governance__factory(sys.governor).deploy();
    await expect(new Proxy__factory(sys.governor).deploy(target, AbiCoder.defaultAbiCoder().encode(["address"], [ZeroAddress])))
      .to.be.revertedWithCustomError(sys.governance, "ZeroAddress");
  });

  it("changeGovernor: governor only, non-zero, event only on change", async () => {
    const sys = await system();
    const [alice] = sys.users as [HardhatEthersSigner];
    await expect(sys.governance.connect(alice).changeGovernor(alice.address))
      .to.be.revertedWithCustomError(sys.governance, "NotGovernor")
      .withArgs(alice.address);
    await expect(sys.governance.changeGovernor(ZeroAddress)).to.be.revertedWithCustomError(sys.governance, "ZeroAddress");
    await expect(sys.governance.changeGovernor(sys.governor.address)).not.to.emit(sys.governance, "NewGovernor");
    await expect(sys.governance.changeGovernor(alice.address)).to.emit(sys.governance, "NewGovernor").withArgs(alice.address);
    await expect(sys.governance.setValidator(alice.address, true)).to.be.revertedWithCustomError(sys.governance, "NotGovernor");
    await sys.governance.connect(alice).setValidator(alice.address, true);
  });

  it("addToken: sequential ids from 1, no duplicates, no zero address, governor only", async () => {
    const sys = await system();
    const alice = sys.users[0]!;
    const before = await sys.governance.totalTokens();
    const token = getAddress(hexlify(randomBytes(20)));
    await expect(sys.governance.addToken(token)).to.emit(sys.governance, "NewToken").withArgs(token, before + 1n);
    expect(await sys.governance.tokenAddresses(before + 1n)).to.equal(token);
    expect(await sys.governance.validateTokenAddress(token)).to.equal(before + 1n);
    expect(await sys.governance.isValidTokenId(before + 1n)).to.equal(true);
    expect(await sys.governance.isValidTokenId(before + 2n)).to.equal(false);
    await expect(sys.governance.addToken(token)).to.be.revertedWithCustomError(sys.governance, "TokenAlreadyRegistered").withArgs(token);
    await expect(sys.governance.addToken(ZeroAddress)).to.be.revertedWithCustomError(sys.governance, "ZeroAddress");
    await expect(sys.governance.connect(alice).addToken(hexlify(randomBytes(20)))).to.be.revertedWithCustomError(sys.governance, "NotGovernor");
    await expect(sys.governance.validateTokenAddress(ZeroAddress)).to.be.revertedWithCustomError(sys.governance, "TokenNotRegistered");
  });

  it("addToken stops at 1023 tokens", async () => {
    const [governor] = await ethers.getSigners();
    const target = await new Governance__factory(governor).deploy();
    const proxy = await new Proxy__factory(governor!).deploy(target, AbiCoder.defaultAbiCoder().encode(["address"], [governor!.address]));
    const governance = Governance__factory.connect(await proxy.getAddress(), governor);
    for (let i = 1; i <= 1023; i++) {
      await governance.addToken("0x" + i.toString(16).padStart(40, "0"));
    }
    expect(await governance.totalTokens()).to.equal(1023n);
    await expect(governance.addToken("0x" + "ab".repeat(20))).to.be.revertedWithCustomError(governance, "TooManyTokens");
  });

  it("setTokenPaused and setValidator: governor only, events only on change", async () => {
    const sys = await system();
    const alice = sys.users[0]!;
    const token = sys.tokens.standard;
    await expect(sys.governance.setTokenPaused(token, true)).to.emit(sys.governance, "TokenPausedUpdate").withArgs(await token.getAddress(), true);
    expect(await sys.governance.pausedTokens(await sys.tokenId(token))).to.equal(true);
    await expect(sys.governance.setTokenPaused(token, true)).not.to.emit(sys.governance, "TokenPausedUpdate");
    await expect(sys.governance.connect(alice).setTokenPaused(token, false)).to.be.revertedWithCustomError(sys.governance, "NotGovernor");
    await expect(sys.governance.setTokenPaused(sys.tokens.unlisted, true)).to.be.revertedWithCustomError(sys.governance, "TokenNotRegistered");

    await expect(sys.governance.setValidator(alice.address, true)).to.emit(sys.governance, "ValidatorStatusUpdate").withArgs(alice.address, true);
    await sys.governance.requireActiveValidator(alice.address);
    await expect(sys.governance.setValidator(alice.address, true)).not.to.emit(sys.governance, "ValidatorStatusUpdate");
    await sys.governance.setValidator(alice.address, false);
    await expect(sys.governance.requireActiveValidator(alice.address)).to.be.revertedWithCustomError(sys.governance, "NotActiveValidator");
    await expect(sys.governance.connect(alice).setValidator(alice.address, true)).to.be.revertedWithCustomError(sys.governance, "NotGovernor");
  });

  describe("NFT factories", () => {
    it("registers a creator's factory with the creator's signature, once", async () => {
      const sys = await system();
      const [creator, mallory] = sys.users as [HardhatEthersSigner, HardhatEthersSigner];
      const factory = await (await ethers.getContractFactory("TestCustomNFTFactory")).deploy(sys.zkLite, sys.governance);
      const factoryAddress = await factory.getAddress();
      const message = registrationMessage(77, creator.address, factoryAddress);
      expect(message.length).to.equal(141);
      await expect(factory.registerCreator(77, creator.address, await mallory.signMessage(message)))
        .to.be.revertedWithCustomError(sys.governance, "InvalidCreatorSignature");
      await expect(factory.registerCreator(78, creator.address, await creator.signMessage(message)))
        .to.be.revertedWithCustomError(sys.governance, "InvalidCreatorSignature");
      await expect(factory.registerCreator(77, creator.address, "0x1234")).to.be.revertedWithCustomError(sys.governance, "InvalidCreatorSignature");
      await expect(factory.registerCreator(77, creator.address, await creator.signMessage(message)))
        .to.emit(sys.governance, "NFTFactoryRegisteredCreator")
        .withArgs(77, creator.address, factoryAddress);
      expect(await sys.governance.getNFTFactory(77, creator.address)).to.equal(factoryAddress);
      expect(await sys.governance.getNFTFactory(76, creator.address)).to.equal(await sys.nftFactory.getAddress());
      await expect(factory.registerCreator(77, creator.address, await creator.signMessage(message)))
        .to.be.revertedWithCustomError(sys.governance, "NFTFactoryAlreadyRegistered")
        .withArgs(77, creator.address);
    });

    it("sets the default factory once, governor only, and getNFTFactory needs one", async () => {
      const [governor, alice] = await ethers.getSigners();
      const target = await new Governance__factory(governor).deploy();
      const proxy = await new Proxy__factory(governor!).deploy(target, AbiCoder.defaultAbiCoder().encode(["address"], [governor!.address]));
      const governance = Governance__factory.connect(await proxy.getAddress(), governor);
      await expect(governance.getNFTFactory(1, alice!.address)).to.be.revertedWithCustomError(governance, "NoNFTFactory");
      const factory = getAddress(hexlify(randomBytes(20)));
      await expect(governance.connect(alice).setDefaultNFTFactory(factory)).to.be.revertedWithCustomError(governance, "NotGovernor");
      await expect(governance.setDefaultNFTFactory(ZeroAddress)).to.be.revertedWithCustomError(governance, "ZeroAddress");
      await expect(governance.setDefaultNFTFactory(factory)).to.emit(governance, "SetDefaultNFTFactory").withArgs(factory);
      await expect(governance.setDefaultNFTFactory(factory)).to.be.revertedWithCustomError(governance, "DefaultNFTFactoryAlreadySet");
      expect(await governance.getNFTFactory(1, alice!.address)).to.equal(factory);
    });
  });
});

describe("setAuthPubkeyHash", () => {
  it("sets a fact once, and replaces it only with two calls a day apart", async () => {
    const sys = await system();
    const alice = sys.users[0]!;
    const [first, second] = [hexlify(randomBytes(20)), hexlify(randomBytes(20))];
    await expect(sys.zkLite.connect(alice).setAuthPubkeyHash(first, 5)).to.emit(sys.zkLite, "FactAuth").withArgs(alice.address, 5, first);
    expect(await sys.zkLite.authFacts(alice.address, 5)).to.equal(ethers.keccak256(first));
    await expect(sys.zkLite.connect(alice).setAuthPubkeyHash(second, 5)).not.to.emit(sys.zkLite, "FactAuth");
    const requestedAt = await sys.zkLite.authFactsResetTimer(alice.address, 5);
    expect(requestedAt).to.be.greaterThan(0n);
    await expect(sys.zkLite.connect(alice).setAuthPubkeyHash(second, 5))
      .to.be.revertedWithCustomError(sys.zkLite, "AuthFactResetTooEarly")
      .withArgs(requestedAt + 86400n);
    expect(await sys.zkLite.authFacts(alice.address, 5)).to.equal(ethers.keccak256(first));
    await ethers.provider.send("evm_increaseTime", [86400]);
    await expect(sys.zkLite.connect(alice).setAuthPubkeyHash(second, 5)).to.emit(sys.zkLite, "FactAuth").withArgs(alice.address, 5, second);
    expect(await sys.zkLite.authFacts(alice.address, 5)).to.equal(ethers.keccak256(second));
    expect(await sys.zkLite.authFactsResetTimer(alice.address, 5)).to.equal(0n);
  });

  it("takes exactly 20 bytes", async () => {
    const sys = await system();
    for (const bad of ["0x", hexlify(randomBytes(19)), hexlify(randomBytes(21))]) {
      await expect(sys.zkLite.setAuthPubkeyHash(bad, 0)).to.be.revertedWithCustomError(sys.zkLite, "InvalidPubkeyHashLength");
    }
  });
});
