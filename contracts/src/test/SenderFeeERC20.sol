// SPDX-License-Identifier: MIT OR Apache-2.0
pragma solidity ^0.8.28;

import {TestERC20} from "./TestERC20.sol";

/// @title Test-only: charges the sender a fee on top of every transfer (the sender's balance drops by more than the amount)
contract SenderFeeERC20 is TestERC20 {
    uint256 public fee;

    constructor() TestERC20("Sender fee", "SFT") {}

    function setFee(uint256 newFee) external {
        fee = newFee;
    }

    function _update(address from, address to, uint256 value) internal override {
        if (from == address(0) || to == address(0)) return super._update(from, to, value);
        super._update(from, address(0), fee);
        super._update(from, to, value);
    }
}
