// SPDX-License-Identifier: MIT OR Apache-2.0
pragma solidity ^0.8.28;

import {IUpgradeable} from "./IUpgradeable.sol";
import {IUpgradeableMaster} from "./IUpgradeableMaster.sol";

/// @title Delegating proxy whose implementation only its master (the UpgradeGatekeeper) can replace
/// @notice The proxy answers `initialize`/`upgrade` itself (with a revert), so nobody can call the implementation's
///         initializer through it after construction; the upgrade-master hooks are forwarded only for the master.
/// @dev Implementation and master live in the EIP-1967 slots, so they never collide with the implementation's
///      storage, which starts at slot 0.
contract Proxy is IUpgradeable, IUpgradeableMaster {
    /// @dev keccak256("eip1967.proxy.implementation") - 1
    bytes32 private constant TARGET_SLOT = 0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc;
    /// @dev keccak256("eip1967.proxy.admin") - 1
    bytes32 private constant MASTER_SLOT = 0xb53127684a568b3173ae13b9f8a6016e243e63b6e8ee1178d6a717850b5d6103;

    event MastershipTransferred(address indexed previousMaster, address indexed newMaster);

    error NotMaster(address caller);
    error ZeroAddress();
    error TargetHasNoCode(address target);
    error InitializationIntercepted();
    error UpgradeIntercepted();
    error TargetCallFailed(bytes4 selector);

    /// @param target First implementation
    /// @param targetInitializationParameters Passed to the implementation's `initialize(bytes)`
    constructor(address target, bytes memory targetInitializationParameters) {
        setMaster(msg.sender);
        setTarget(target);
        (bool success, bytes memory reason) = target.delegatecall(
            abi.encodeWithSignature("initialize(bytes)", targetInitializationParameters)
        );
        if (!success) bubble(reason, Proxy.initialize.selector);
    }

    function initialize(bytes calldata) external pure {
        revert InitializationIntercepted();
    }

    function upgrade(bytes calldata) external pure {
        revert UpgradeIntercepted();
    }

    function getTarget() public view returns (address target) {
        bytes32 slot = TARGET_SLOT;
        assembly {
            target := sload(slot)
        }
    }

    function getMaster() public view returns (address master) {
        bytes32 slot = MASTER_SLOT;
        assembly {
            master := sload(slot)
        }
    }

    function transferMastership(address newMaster) external {
        requireMaster();
        if (newMaster == address(0)) revert ZeroAddress();
        setMaster(newMaster);
    }

    /// @notice Switches to `newTarget` and runs its `upgrade(bytes)` on this proxy's storage.
    function upgradeTarget(address newTarget, bytes calldata newTargetUpgradeParameters) external override {
        requireMaster();
        setTarget(newTarget);
        (bool success, bytes memory reason) = newTarget.delegatecall(
            abi.encodeWithSignature("upgrade(bytes)", newTargetUpgradeParameters)
        );
        if (!success) bubble(reason, Proxy.upgrade.selector);
    }

    function getNoticePeriod() external override returns (uint256) {
        return abi.decode(delegateHook(IUpgradeableMaster.getNoticePeriod.selector), (uint256));
    }

    function upgradeNoticePeriodStarted() external override {
        requireMaster();
        delegateHook(IUpgradeableMaster.upgradeNoticePeriodStarted.selector);
    }

    function upgradePreparationStarted() external override {
        requireMaster();
        delegateHook(IUpgradeableMaster.upgradePreparationStarted.selector);
    }

    function upgradeCanceled() external override {
        requireMaster();
        delegateHook(IUpgradeableMaster.upgradeCanceled.selector);
    }

    function upgradeFinishes() external override {
        requireMaster();
        delegateHook(IUpgradeableMaster.upgradeFinishes.selector);
    }

    function isReadyForUpgrade() external override returns (bool) {
        return abi.decode(delegateHook(IUpgradeableMaster.isReadyForUpgrade.selector), (bool));
    }

    fallback() external payable {
        forward();
    }

    receive() external payable {
        forward();
    }

    function requireMaster() internal view {
        if (msg.sender != getMaster()) revert NotMaster(msg.sender);
    }

    function setTarget(address newTarget) internal {
        if (newTarget.code.length == 0) revert TargetHasNoCode(newTarget);
        bytes32 slot = TARGET_SLOT;
        assembly {
            sstore(slot, newTarget)
        }
    }

    function setMaster(address newMaster) internal {
        emit MastershipTransferred(getMaster(), newMaster);
        bytes32 slot = MASTER_SLOT;
        assembly {
            sstore(slot, newMaster)
        }
    }

    /// @dev Runs an upgrade hook of the implementation on this proxy's storage; its revert is passed on.
    function delegateHook(bytes4 selector) internal returns (bytes memory result) {
        bool success;
        (success, result) = getTarget().delegatecall(abi.encodeWithSelector(selector));
        if (!success) bubble(result, selector);
    }

    /// @dev Re-throws a failed delegatecall's revert data, or names the call when there is none.
    function bubble(bytes memory reason, bytes4 selector) internal pure {
        if (reason.length == 0) revert TargetCallFailed(selector);
        assembly {
            revert(add(reason, 32), mload(reason))
        }
    }

    function forward() internal {
        address target = getTarget();
        assembly {
            calldatacopy(0, 0, calldatasize())
            let success := delegatecall(gas(), target, 0, calldatasize(), 0, 0)
            returndatacopy(0, 0, returndatasize())
            switch success
            case 0 {
                revert(0, returndatasize())
            }
            default {
                return(0, returndatasize())
            }
        }
    }
}
