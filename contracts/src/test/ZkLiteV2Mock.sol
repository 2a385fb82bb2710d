// SPDX-License-Identifier: MIT OR Apache-2.0
pragma solidity ^0.8.28;

import {ZkLite} from "../ZkLite.sol";

/// @title Test-only: a new rollup implementation, to check that upgrades keep state
contract ZkLiteV2Mock is ZkLite {
    function version() external pure returns (uint256) {
        return 2;
    }
}
