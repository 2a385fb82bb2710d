// SPDX-License-Identifier: MIT OR Apache-2.0
pragma solidity ^0.8.28;

import {TestERC20} from "./TestERC20.sol";

/// @title Test-only: on every transfer out of `victim`, calls `victim` again with `reentryCalldata`
/// @notice Records whether the nested call succeeded and what it returned, and never fails itself.
contract ReentrantERC20 is TestERC20 {
    address public victim;
    bytes public reentryCalldata;
    bool public reentryAttempted;
    bool public reentrySucceeded;
    bytes public reentryRevertData;

    constructor() TestERC20("Reentrant", "RE") {}

    function arm(address victim_, bytes calldata reentryCalldata_) external {
        victim = victim_;
        reentryCalldata = reentryCalldata_;
    }

    function _update(address from, address to, uint256 value) internal override {
        super._update(from, to, value);
        if (from == victim && victim != address(0) && !reentryAttempted) {
            reentryAttempted = true;
            (reentrySucceeded, reentryRevertData) = victim.call(reentryCalldata);
        }
    }
}
