// SPDX-License-Identifier: MIT OR Apache-2.0
pragma solidity ^0.8.28;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

import {UpgradeEvents} from "../Events.sol";
import {IUpgradeable} from "./IUpgradeable.sol";
import {IUpgradeableMaster} from "./IUpgradeableMaster.sol";

/// @title Upgrades the managed proxies, only after the main contract's notice period
/// @notice Flow: startUpgrade(newTargets) → notice period (users may exit) → startPreparation → finishUpgrade.
///         The owner (the network governor) can cancel at any time before finishing.
contract UpgradeGatekeeper is UpgradeEvents, Ownable {
    enum UpgradeStatus {
        Idle,
        NoticePeriod,
        Preparation
    }

    error UpgradeInProgress();
    error NoUpgradeInProgress();
    error NotInNoticePeriod();
    error NotInPreparation();
    error TargetCountMismatch();
    error MainContractNotReady();

    /// @notice Proxies managed by the gatekeeper, in the order new targets are given.
    IUpgradeable[] public managedContracts;
    UpgradeStatus public upgradeStatus;
    /// @notice When the notice period of the current upgrade ends (0 when idle).
    uint256 public noticePeriodFinishTimestamp;
    /// @notice New implementation per managed proxy (address 0 = unchanged); empty when idle.
    address[] public nextTargets;
    uint256 public versionId;
    /// @notice Sets the notice period and must agree before an upgrade finishes (the rollup proxy).
    IUpgradeableMaster public immutable mainContract;

    constructor(IUpgradeableMaster mainContract_) Ownable(msg.sender) {
        mainContract = mainContract_;
    }

    function managedContractsCount() external view returns (uint256) {
        return managedContracts.length;
    }

    function addUpgradeable(address upgradeable) external onlyOwner {
        if (upgradeStatus != UpgradeStatus.Idle) revert UpgradeInProgress();
        managedContracts.push(IUpgradeable(upgradeable));
        emit NewUpgradable(versionId, upgradeable);
    }

    function startUpgrade(address[] calldata newTargets) external onlyOwner {
        if (upgradeStatus != UpgradeStatus.Idle) revert UpgradeInProgress();
        if (newTargets.length != managedContracts.length) revert TargetCountMismatch();
        uint256 noticePeriod = mainContract.getNoticePeriod();
        mainContract.upgradeNoticePeriodStarted();
        upgradeStatus = UpgradeStatus.NoticePeriod;
        noticePeriodFinishTimestamp = block.timestamp + noticePeriod;
        nextTargets = newTargets;
        emit NoticePeriodStart(versionId, newTargets, noticePeriod);
    }

    function cancelUpgrade() external onlyOwner {
        if (upgradeStatus == UpgradeStatus.Idle) revert NoUpgradeInProgress();
        mainContract.upgradeCanceled();
        resetStatus();
        emit UpgradeCancel(versionId);
    }

    /// @return Whether the notice period is over and preparation started.
    function startPreparation() external onlyOwner returns (bool) {
        if (upgradeStatus != UpgradeStatus.NoticePeriod) revert NotInNoticePeriod();
        if (block.timestamp < noticePeriodFinishTimestamp) return false;
        upgradeStatus = UpgradeStatus.Preparation;
        mainContract.upgradePreparationStarted();
        emit PreparationStart(versionId);
        return true;
    }

    /// @param targetsUpgradeParameters Passed to each new target's `upgrade(bytes)` (one per managed contract)
    function finishUpgrade(bytes[] calldata targetsUpgradeParameters) external onlyOwner {
        if (upgradeStatus != UpgradeStatus.Preparation) revert NotInPreparation();
        if (targetsUpgradeParameters.length != managedContracts.length) revert TargetCountMismatch();
        if (!mainContract.isReadyForUpgrade()) revert MainContractNotReady();
        mainContract.upgradeFinishes();
        for (uint256 i = 0; i < managedContracts.length; ++i) {
            address newTarget = nextTargets[i];
            if (newTarget != address(0)) managedContracts[i].upgradeTarget(newTarget, targetsUpgradeParameters[i]);
        }
        ++versionId;
        emit UpgradeComplete(versionId, nextTargets);
        resetStatus();
    }

    function resetStatus() internal {
        upgradeStatus = UpgradeStatus.Idle;
        noticePeriodFinishTimestamp = 0;
        delete nextTargets;
    }
}
