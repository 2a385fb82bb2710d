// SPDX-License-Identifier: MIT OR Apache-2.0
pragma solidity ^0.8.28;

import {TestERC20} from "./TestERC20.sol";

/// @title Test-only: transfers revert, or report failure, or do nothing, when switched on
contract RevertingERC20 is TestERC20 {
    enum Mode {
        Normal,
        Revert,
        ReturnFalse,
        MoveNothing
    }

    Mode public mode;

    constructor() TestERC20("Reverting", "REV") {}

    function setMode(Mode newMode) external {
        mode = newMode;
    }

    function transfer(address to, uint256 amount) public override returns (bool) {
        if (mode == Mode.Revert) revert("transfer disabled");
        if (mode == Mode.ReturnFalse) return false;
        if (mode == Mode.MoveNothing) return true;
        return super.transfer(to, amount);
    }

    function transferFrom(address from, address to, uint256 amount) public override returns (bool) {
        if (mode == Mode.Revert) revert("transfer disabled");
        if (mode == Mode.ReturnFalse) return false;
        if (mode == Mode.MoveNothing) return true;
        return super.transferFrom(from, to, amount);
    }
}
