// SPDX-License-Identifier: MIT OR Apache-2.0
pragma solidity ^0.8.28;

/// @title The interface of a verifier exported by `snarkjs zkey export solidityverifier` for the exit circuit
/// @notice Ten public inputs: the exit circuit's field-input form (see VerifierAdapter.verifyExitProof).
interface IGroth16ExitVerifier {
    function verifyProof(
        uint256[2] calldata pA,
        uint256[2][2] calldata pB,
        uint256[2] calldata pC,
        uint256[10] calldata pubSignals
    ) external view returns (bool);
}
