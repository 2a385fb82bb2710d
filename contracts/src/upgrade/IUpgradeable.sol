// SPDX-License-Identifier: MIT OR Apache-2.0
pragma solidity ^0.8.28;

/// @title A proxy whose implementation the upgrade gatekeeper can replace
interface IUpgradeable {
    function upgradeTarget(address newTarget, bytes calldata newTargetUpgradeParameters) external;
}
