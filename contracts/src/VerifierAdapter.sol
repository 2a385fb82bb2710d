// SPDX-License-Identifier: MIT OR Apache-2.0
pragma solidity ^0.8.28;

import {INPUT_MASK} from "./Config.sol";
import {IGroth16ExitVerifier} from "./interfaces/IGroth16ExitVerifier.sol";
import {IGroth16Verifier} from "./interfaces/IGroth16Verifier.sol";

/// @title Routes block proofs to the Groth16 verifier of their block size, and exit proofs to the exit verifier
/// @notice Immutable once deployed. The rollup implementation holds its address as an immutable, so a new verifier
///         set takes effect only through an upgrade of the rollup (after the notice period: users can leave first).
/// @dev A proof is uint256[8] = [A.x, A.y, B.x1, B.x0, B.y1, B.y0, C.x, C.y], i.e. the order in which the
///      snarkjs verifier takes it (`snarkjs zkey export soliditycalldata`, B's coordinates already swapped).
contract VerifierAdapter {
    error LengthMismatch();
    error InvalidBlockSize(uint32 chunks);
    error DuplicateBlockSize(uint32 chunks);
    error NoVerifierCode(address verifier);
    error UnsupportedBlockSize(uint32 chunks);

    /// @notice Groth16 verifier per supported block size (in chunks).
    mapping(uint32 => address) public blockVerifiers;
    /// @notice Supported block sizes, in the order given at configuration.
    uint32[] internal supportedBlockChunks;
    /// @notice Verifier of exit (exodus) proofs.
    address public immutable exitVerifier;

    /// @param chunks Supported block sizes
    /// @param verifiers The Groth16 verifier of each size
    /// @param exit The exit-proof verifier
    constructor(uint32[] memory chunks, address[] memory verifiers, address exit) {
        if (chunks.length != verifiers.length) revert LengthMismatch();
        for (uint256 i = 0; i < chunks.length; ++i) {
            if (chunks[i] == 0) revert InvalidBlockSize(chunks[i]);
            if (blockVerifiers[chunks[i]] != address(0)) revert DuplicateBlockSize(chunks[i]);
            requireCode(verifiers[i]);
            blockVerifiers[chunks[i]] = verifiers[i];
            supportedBlockChunks.push(chunks[i]);
        }
        requireCode(exit);
        exitVerifier = exit;
    }

    function getSupportedBlockChunks() external view returns (uint32[] memory) {
        return supportedBlockChunks;
    }

    /// @notice Checks a proof of a block of `chunks` chunks whose commitment is `commitment`.
    /// @dev Soundness does not depend on `chunks` being the block's real size: every registered circuit binds the
    ///      full SHA-256 commitment, so a proof made for another size would need a SHA-256 collision.
    function verifyBlockProof(
        uint32 chunks,
        bytes32 commitment,
        uint256[8] calldata proof
    ) external view returns (bool) {
        address blockVerifier = blockVerifiers[chunks];
        if (blockVerifier == address(0)) revert UnsupportedBlockSize(chunks);
        return verifyGroth16(blockVerifier, uint256(commitment) & INPUT_MASK, proof);
    }

    /// @notice Checks an exit proof. Its public inputs are the exit statement's fields themselves, in the exit
    ///         circuit's order: root, accountId, owner, tokenId, amount, nftCreatorAccountId, nftCreatorAddress,
    ///         nftSerialId, then nftContentHash as its high and low 128 bits (addresses as uint160).
    /// @dev zkSync Lite hashes these fields (136 packed bytes) with SHA-256 into one public input; in-circuit that
    ///      hash is ~90,000 constraints, 10x the rest of the exit circuit (docs/protocol-deltas.md, "L1 contracts").
    ///      Every field except the root fits its type far below the BN254 scalar field; a root at or above it is
    ///      rejected by the snarkjs verifier (no Poseidon root is).
    function verifyExitProof(
        bytes32 rootHash,
        uint32 accountId,
        address owner,
        uint32 tokenId,
        uint128 amount,
        uint32 nftCreatorAccountId,
        address nftCreatorAddress,
        uint32 nftSerialId,
        bytes32 nftContentHash,
        uint256[8] calldata proof
    ) external view returns (bool) {
        uint256[10] memory inputs = [
            uint256(rootHash),
            accountId,
            uint160(owner),
            tokenId,
            amount,
            nftCreatorAccountId,
            uint160(nftCreatorAddress),
            nftSerialId,
            uint256(nftContentHash) >> 128,
            uint128(uint256(nftContentHash))
        ];
        try
            IGroth16ExitVerifier(exitVerifier).verifyProof(
                [proof[0], proof[1]],
                [[proof[2], proof[3]], [proof[4], proof[5]]],
                [proof[6], proof[7]],
                inputs
            )
        returns (bool ok) {
            return ok;
        } catch {
            return false;
        }
    }

    function requireCode(address target) internal view {
        if (target.code.length == 0) revert NoVerifierCode(target);
    }

    /// @dev A verifier that reverts (e.g. on malformed points) counts as a rejection.
    function verifyGroth16(address groth16Verifier, uint256 input, uint256[8] calldata p) internal view returns (bool) {
        try
            IGroth16Verifier(groth16Verifier).verifyProof(
                [p[0], p[1]],
                [[p[2], p[3]], [p[4], p[5]]],
                [p[6], p[7]],
                [input]
            )
        returns (bool ok) {
            return ok;
        } catch {
            return false;
        }
    }
}
