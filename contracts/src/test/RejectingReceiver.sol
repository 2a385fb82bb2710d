// SPDX-License-Identifier: MIT OR Apache-2.0
pragma solidity ^0.8.28;

/// @title Test-only: refuses ETH
contract RejectingReceiver {
    receive() external payable {
        revert("no ETH please");
    }
}
