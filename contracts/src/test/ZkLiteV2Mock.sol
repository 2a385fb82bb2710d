// SPDX-License-Identifier: MIT OR Apache-2.0
pragma solidity ^0.8.28;

import {Governance} from "../Governance.sol";
import {VerifierAdapter} from "../VerifierAdapter.sol";
import {ZkLite} from "../ZkLite.sol";

/// @title Test-only: a new rollup implementation, to check that upgrades keep state
contract ZkLiteV2Mock is ZkLite {
    constructor(
        Governance governance_,
        VerifierAdapter verifier_,
        address extension_
    ) ZkLite(governance_, verifier_, extension_) {}

    function version() external pure returns (uint256) {
        return 2;
    }
}
