// SPDX-License-Identifier: MIT OR Apache-2.0
pragma solidity ^0.8.28;

import {Governance} from "./Governance.sol";
import {VerifierAdapter} from "./VerifierAdapter.sol";

/// @title The contracts the rollup relies on, fixed in the implementation's code
/// @dev Immutables live in the implementation's bytecode, so they apply unchanged behind the Proxy and cost no
///      storage read. Changing one means deploying a new implementation and upgrading to it through the
///      UpgradeGatekeeper, i.e. after the notice period (this is how a new verifier set is introduced).
abstract contract RollupDependencies {
    Governance internal immutable governance;
    VerifierAdapter internal immutable verifier;

    constructor(Governance governance_, VerifierAdapter verifier_) {
        governance = governance_;
        verifier = verifier_;
    }

    function getGovernance() external view returns (Governance) {
        return governance;
    }

    function getVerifier() external view returns (VerifierAdapter) {
        return verifier;
    }
}
