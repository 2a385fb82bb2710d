// SPDX-License-Identifier: MIT OR Apache-2.0
pragma solidity ^0.8.28;

/// @title The contract that sets the upgrade notice period and must agree before an upgrade finishes
interface IUpgradeableMaster {
    function getNoticePeriod() external returns (uint256);

    function upgradeNoticePeriodStarted() external;

    function upgradePreparationStarted() external;

    function upgradeCanceled() external;

    function upgradeFinishes() external;

    function isReadyForUpgrade() external returns (bool);
}
