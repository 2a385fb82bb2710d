// SPDX-License-Identifier: MIT OR Apache-2.0
pragma solidity ^0.8.28;

import {IERC721Receiver} from "@openzeppelin/contracts/token/ERC721/IERC721Receiver.sol";

/// @title Test-only: an ETH and ERC-721 receiver that calls back into `victim` once, and records what happened
contract ReentrantReceiver is IERC721Receiver {
    address public victim;
    bytes public reentryCalldata;
    bool public reentryAttempted;
    bool public reentrySucceeded;
    bytes public reentryRevertData;

    function arm(address victim_, bytes calldata reentryCalldata_) external {
        victim = victim_;
        reentryCalldata = reentryCalldata_;
    }

    receive() external payable {
        reenter();
    }

    function onERC721Received(address, address, uint256, bytes calldata) external returns (bytes4) {
        reenter();
        return IERC721Receiver.onERC721Received.selector;
    }

    function reenter() internal {
        if (reentryAttempted || victim == address(0)) return;
        reentryAttempted = true;
        (reentrySucceeded, reentryRevertData) = victim.call(reentryCalldata);
    }
}
