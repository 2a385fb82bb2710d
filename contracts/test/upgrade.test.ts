import { expect } from "chai";
import { time } from "@nomicfoundation/hardhat-network-helpers";
import { AbiCoder, ZeroAddress } from "ethers";
import { ethers } from "hardhat";

import {
  Governance__factory,
  Proxy__factory,
  VerifierAdapter__factory,
  ZkLite__factory,
  ZkLiteExtension__factory,
  ZkLiteV2Mock__factory,
} from "../typechain-types";
import { system, type System } from "./helpers/fixture";

const NOTICE_PERIOD = (5 + 14 + 2) * 24 * 3600;
const abi = AbiCoder.defaultAbiCoder();

/** Mines until the latest block is `target` (no-op when it is already there). */
async function mineTo(target: bigint): Promise<void> {
  const latest = BigInt(await ethers.provider.getBlockNumber());
  if (target > latest) await ethers.provider.send("hardhat_mine", ["0x" + (target - latest).toString(16)]);
}

async function proxies(sys: System) {
  const c = sys.deployment.contracts;
  return [c.governance, c.zkLite].map((address) => Proxy__factory.connect(address, sys.governor));
}

describe("upgrades", () => {
  describe("Proxy", () => {
    it("belongs to the gatekeeper and intercepts initialize and upgrade", async () => {
      const sys = await system();
      for (const proxy of await proxies(sys)) {
        expect(await proxy.getMaster()).to.equal(await sys.gatekeeper.getAddress());
        await expect(proxy.initialize("0x")).to.be.revertedWithCustomError(proxy, "InitializationIntercepted");
        await expect(proxy.upgrade("0x")).to.be.revertedWithCustomError(proxy, "UpgradeIntercepted");
      }
      const zkLiteProxy = Proxy__factory.connect(sys.deployment.contracts.zkLite, sys.governor);
      expect(await zkLiteProxy.getTarget()).to.equal(sys.deployment.contracts.zkLiteTarget);
    });

    it("lets only its master upgrade it or drive the upgrade hooks", async () => {
      const sys = await system();
      const zkLiteProxy = Proxy__factory.connect(sys.deployment.contracts.zkLite, sys.governor);
      const calls = [
        () => zkLiteProxy.upgradeTarget(sys.deployment.contracts.zkLiteTarget, "0x"),
        () => zkLiteProxy.transferMastership(sys.governor.address),
        () => zkLiteProxy.upgradeNoticePeriodStarted(),
        () => zkLiteProxy.upgradePreparationStarted(),
        () => zkLiteProxy.upgradeCanceled(),
        () => zkLiteProxy.upgradeFinishes(),
      ];
      for (const call of calls) {
        await expect(call()).to.be.revertedWithCustomError(zkLiteProxy, "NotMaster").withArgs(sys.governor.address);
      }
      expect(await zkLiteProxy.getNoticePeriod.staticCall()).to.equal(BigInt(NOTICE_PERIOD));
      expect(await zkLiteProxy.isReadyForUpgrade.staticCall()).to.equal(true);
    });

    it("checks targets, bubbles target errors and names silent failures", async () => {
      const sys = await system();
      const master = sys.governor;
      const anyProxy = Proxy__factory.connect(sys.deployment.contracts.governance, master);
      await expect(new Proxy__factory(master).deploy(master.address, "0x"))
        .to.be.revertedWithCustomError(anyProxy, "TargetHasNoCode")
        .withArgs(master.address);
      const c = sys.deployment.contracts;
      await expect(new Proxy__factory(master).deploy(c.verifier, "0x"))
        .to.be.revertedWithCustomError(anyProxy, "TargetCallFailed")
        .withArgs(anyProxy.interface.getFunction("initialize").selector);

      const target = await new ZkLite__factory(master).deploy(c.governance, c.verifier, c.zkLiteExtension);
      const proxy = await new Proxy__factory(master).deploy(target, abi.encode(["bytes32"], ["0x" + "00".repeat(32)]));
      await expect(proxy.upgradeTarget(c.verifier, "0x"))
        .to.be.revertedWithCustomError(proxy, "TargetCallFailed")
        .withArgs(proxy.interface.getFunction("upgrade").selector);
      await expect(proxy.transferMastership(ZeroAddress)).to.be.revertedWithCustomError(proxy, "ZeroAddress");
      await expect(proxy.upgradeTarget(master.address, "0x")).to.be.revertedWithCustomError(proxy, "TargetHasNoCode");
      // the rollup's own notice-period check, reached with a master that skips the gatekeeper
      await proxy.upgradeNoticePeriodStarted();
      await expect(proxy.upgradePreparationStarted()).to.be.revertedWithCustomError(target, "UpgradeNoticePeriodNotOver");
      await proxy.transferMastership(sys.users[0]!.address);
      expect(await proxy.getMaster()).to.equal(sys.users[0]!.address);
      // a hook the target does not implement fails without revert data
      await expect(anyProxy.getNoticePeriod())
        .to.be.revertedWithCustomError(anyProxy, "TargetCallFailed")
        .withArgs(anyProxy.interface.getFunction("getNoticePeriod").selector);
    });
  });

  describe("UpgradeGatekeeper", () => {
    it("manages the two proxies and is owned by the governor", async () => {
      const sys = await system();
      const c = sys.deployment.contracts;
      expect(await sys.gatekeeper.managedContractsCount()).to.equal(2n);
      expect([await sys.gatekeeper.managedContracts(0), await sys.gatekeeper.managedContracts(1)]).to.deep.equal([c.governance, c.zkLite]);
      expect(await sys.gatekeeper.owner()).to.equal(sys.governor.address);
      expect(await sys.gatekeeper.mainContract()).to.equal(c.zkLite);
    });

    it("upgrades the rollup only after the notice period, keeping its state", async () => {
      const sys = await system();
      const alice = sys.users[0]!;
      await sys.zkLite.connect(alice).depositETH(alice.address, { value: 5n });
      const c = sys.deployment.contracts;
      const v2 = await new ZkLiteV2Mock__factory(sys.governor).deploy(c.governance, c.verifier, c.zkLiteExtension);
      const governanceV2 = await new Governance__factory(sys.governor).deploy();
      const targets = [await governanceV2.getAddress(), await v2.getAddress()];

      await expect(sys.gatekeeper.startUpgrade(targets)).to.emit(sys.gatekeeper, "NoticePeriodStart").withArgs(0, targets, NOTICE_PERIOD);
      expect(await sys.gatekeeper.upgradeStatus()).to.equal(1n);
      await expect(sys.gatekeeper.startPreparation()).not.to.emit(sys.gatekeeper, "PreparationStart");
      await expect(sys.gatekeeper.finishUpgrade(["0x", "0x"])).to.be.revertedWithCustomError(sys.gatekeeper, "NotInPreparation");
      await time.increase(NOTICE_PERIOD - 10);
      expect(await sys.gatekeeper.startPreparation.staticCall()).to.equal(false);
      await time.increase(10);
      await expect(sys.gatekeeper.startPreparation()).to.emit(sys.gatekeeper, "PreparationStart").withArgs(0);
      await expect(sys.gatekeeper.finishUpgrade(["0x"])).to.be.revertedWithCustomError(sys.gatekeeper, "TargetCountMismatch");
      await expect(sys.gatekeeper.finishUpgrade(["0x", "0x"])).to.emit(sys.gatekeeper, "UpgradeComplete").withArgs(1, targets);

      const upgraded = ZkLiteV2Mock__factory.connect(sys.deployment.contracts.zkLite, alice);
      expect(await upgraded.version()).to.equal(2n);
      expect(await upgraded.totalOpenPriorityRequests()).to.equal(1n);
      expect(await upgraded.storedBlockHashes(0)).to.equal(await sys.zkLite.storedBlockHashes(0));
      expect(await Proxy__factory.connect(c.governance, alice).getTarget()).to.equal(await governanceV2.getAddress());
      expect(await sys.governance.networkGovernor()).to.equal(sys.governor.address);
      expect(await sys.governance.tokenIds(sys.tokens.standard)).to.equal(BigInt(await sys.tokenId(sys.tokens.standard)));
      expect(await sys.governance.validators(sys.validator.address)).to.equal(true);
      expect(await sys.gatekeeper.upgradeStatus()).to.equal(0n);
      expect(await sys.gatekeeper.versionId()).to.equal(1n);
    });

    it("changes the verifier set only through an upgrade of the rollup", async () => {
      const sys = await system();
      const c = sys.deployment.contracts;
      const exit = await sys.verifier.exitVerifier();
      const adapter = await new VerifierAdapter__factory(sys.governor).deploy([8], [exit], exit);
      const extension = await new ZkLiteExtension__factory(sys.governor).deploy(c.governance, adapter);
      const target = await new ZkLite__factory(sys.governor).deploy(c.governance, adapter, extension);
      await sys.gatekeeper.startUpgrade([ZeroAddress, await target.getAddress()]);
      expect(await sys.zkLite.getVerifier()).to.equal(c.verifier);
      await time.increase(NOTICE_PERIOD);
      await sys.gatekeeper.startPreparation();
      await sys.gatekeeper.finishUpgrade(["0x", "0x"]);
      expect(await sys.zkLite.getVerifier()).to.equal(await adapter.getAddress());
      expect(await sys.zkLite.extension()).to.equal(await extension.getAddress());
      expect(await sys.zkLite.getGovernance()).to.equal(c.governance);
    });

    it("can be cancelled, refuses to finish in exodus mode, and checks its state machine", async () => {
      const sys = await system();
      const alice = sys.users[0]!;
      const targets = [ZeroAddress, ZeroAddress];
      await expect(sys.gatekeeper.connect(alice).startUpgrade(targets)).to.be.revertedWithCustomError(sys.gatekeeper, "OwnableUnauthorizedAccount");
      await expect(sys.gatekeeper.startUpgrade([ZeroAddress])).to.be.revertedWithCustomError(sys.gatekeeper, "TargetCountMismatch");
      await expect(sys.gatekeeper.cancelUpgrade()).to.be.revertedWithCustomError(sys.gatekeeper, "NoUpgradeInProgress");
      await expect(sys.gatekeeper.startPreparation()).to.be.revertedWithCustomError(sys.gatekeeper, "NotInNoticePeriod");
      await sys.gatekeeper.startUpgrade(targets);
      await expect(sys.gatekeeper.startUpgrade(targets)).to.be.revertedWithCustomError(sys.gatekeeper, "UpgradeInProgress");
      await expect(sys.gatekeeper.addUpgradeable(alice.address)).to.be.revertedWithCustomError(sys.gatekeeper, "UpgradeInProgress");
      await expect(sys.gatekeeper.cancelUpgrade()).to.emit(sys.gatekeeper, "UpgradeCancel").withArgs(0);
      expect(await sys.gatekeeper.noticePeriodFinishTimestamp()).to.equal(0n);

      await sys.gatekeeper.startUpgrade(targets);
      await sys.zkLite.connect(alice).depositETH(alice.address, { value: 1n });
      await time.increase(NOTICE_PERIOD);
      await sys.gatekeeper.startPreparation();
      await ethers.provider.send("hardhat_mine", ["0x" + (80640).toString(16)]);
      await sys.zkLite.activateExodusMode();
      await expect(sys.gatekeeper.finishUpgrade(["0x", "0x"])).to.be.revertedWithCustomError(sys.gatekeeper, "MainContractNotReady");
      await expect(sys.gatekeeper.connect(alice).addUpgradeable(alice.address)).to.be.revertedWithCustomError(sys.gatekeeper, "OwnableUnauthorizedAccount");
    });

    it("refuses to finish while the oldest priority request is expired, before anyone activates exodus", async () => {
      const sys = await system();
      const alice = sys.users[0]!;
      await sys.gatekeeper.startUpgrade([ZeroAddress, ZeroAddress]);
      await sys.zkLite.connect(alice).depositETH(alice.address, { value: 1n });
      const { expirationBlock } = await sys.zkLite.getPriorityRequest(0);
      await time.increase(NOTICE_PERIOD);
      await sys.gatekeeper.startPreparation();
      // one block before expiry the rollup is still ready; at the expiration block it is not
      await mineTo(expirationBlock - 2n);
      expect(await sys.zkLite.isReadyForUpgrade()).to.equal(true);
      await mineTo(expirationBlock - 1n); // the next transaction lands in the expiration block
      await expect(sys.gatekeeper.finishUpgrade(["0x", "0x"])).to.be.revertedWithCustomError(sys.gatekeeper, "MainContractNotReady");
      expect(await sys.zkLite.exodusMode()).to.equal(false);
      expect(await sys.zkLite.isReadyForUpgrade()).to.equal(false);
      // the same condition activates exodus mode
      await expect(sys.zkLite.activateExodusMode()).to.emit(sys.zkLite, "ExodusMode");
    });
  });

  describe("ZkLite constructor", () => {
    it("requires an extension with code, built with the same governance and verifier", async () => {
      const sys = await system();
      const c = sys.deployment.contracts;
      const factory = new ZkLite__factory(sys.governor);
      const exit = await sys.verifier.exitVerifier();
      const otherAdapter = await new VerifierAdapter__factory(sys.governor).deploy([8], [exit], exit);
      const otherVerifier = await new ZkLiteExtension__factory(sys.governor).deploy(c.governance, otherAdapter);
      const otherGovernance = await new ZkLiteExtension__factory(sys.governor).deploy(c.verifier, c.verifier);
      for (const extension of [sys.users[0]!.address, await otherVerifier.getAddress(), await otherGovernance.getAddress()]) {
        await expect(factory.deploy(c.governance, c.verifier, extension)).to.be.revertedWithCustomError(factory, "InvalidExtension").withArgs(extension);
      }
      // a contract that is no extension at all (no getGovernance) cannot be one either
      await expect(factory.deploy(c.governance, c.verifier, c.verifier)).to.be.reverted;
      const target = await factory.deploy(c.governance, c.verifier, c.zkLiteExtension);
      expect(await target.extension()).to.equal(c.zkLiteExtension);
    });
  });
});
