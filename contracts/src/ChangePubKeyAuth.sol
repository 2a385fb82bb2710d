// SPDX-License-Identifier: MIT OR Apache-2.0
pragma solidity ^0.8.28;

import "./Config.sol";
import {Errors} from "./Errors.sol";
import {Operations} from "./Operations.sol";
import {Utils} from "./Utils.sol";

/// @title Checks the L1 owner's authorization of a ChangePubKey, given as an eth witness (PROTOCOL.md §2.6)
/// @notice Witness = type byte ‖ data; each type has one exact length.
library ChangePubKeyAuth {
    uint256 private constant SIGNATURE_WITNESS_BYTES = 1 + 65;
    uint256 private constant ECRECOVER_V2_WITNESS_BYTES = 1 + 65 + 32;
    uint256 private constant CREATE2_WITNESS_BYTES = 1 + 20 + 32 + 32;

    /// @return Whether the witness authorizes `op` for `op.owner` (reverts on unknown types and bad lengths).
    function verify(bytes calldata witness, Operations.ChangePubKey memory op) internal view returns (bool) {
        uint8 witnessType = uint8(witness[0]);
        if (witnessType == uint8(Operations.ChangePubkeyType.ECRECOVER)) {
            requireLength(witness, SIGNATURE_WITNESS_BYTES);
            return signedBy(witness[1:66], personalMessageHash(op, bytes32(0)), op.owner);
        }
        if (witnessType == uint8(Operations.ChangePubkeyType.CREATE2)) {
            requireLength(witness, CREATE2_WITNESS_BYTES);
            return verifyCreate2(witness, op);
        }
        if (witnessType == uint8(Operations.ChangePubkeyType.OldECRECOVER)) {
            requireLength(witness, SIGNATURE_WITNESS_BYTES);
            return signedBy(witness[1:66], legacyMessageHash(op), op.owner);
        }
        if (witnessType == uint8(Operations.ChangePubkeyType.ECRECOVERV2)) {
            requireLength(witness, ECRECOVER_V2_WITNESS_BYTES);
            return signedBy(witness[1:66], personalMessageHash(op, bytes32(witness[66:98])), op.owner);
        }
        if (witnessType == uint8(Operations.ChangePubkeyType.EIP712)) {
            requireLength(witness, SIGNATURE_WITNESS_BYTES);
            return signedBy(witness[1:66], eip712Digest(op), op.owner);
        }
        revert Errors.UnsupportedChangePubKeyType(witnessType);
    }

    function requireLength(bytes calldata witness, uint256 length) private pure {
        if (witness.length != length) revert Errors.InvalidWitnessLength();
    }

    function signedBy(bytes calldata signature, bytes32 digest, address owner) private pure returns (bool) {
        address signer = Utils.recoverSigner(signature, digest);
        return signer != address(0) && signer == owner;
    }

    /// @dev personal_sign of the 60 bytes pubKeyHash ‖ nonce ‖ accountId ‖ batchHash.
    function personalMessageHash(Operations.ChangePubKey memory op, bytes32 batchHash) private pure returns (bytes32) {
        return
            keccak256(
                abi.encodePacked("\x19Ethereum Signed Message:\n60", op.pubKeyHash, op.nonce, op.accountId, batchHash)
            );
    }

    /// @dev personal_sign of zkSync's 152-character "Register zkSync pubkey" text.
    function legacyMessageHash(Operations.ChangePubKey memory op) private pure returns (bytes32) {
        return
            keccak256(
                abi.encodePacked(
                    "\x19Ethereum Signed Message:\n152",
                    "Register zkSync pubkey:\n\n",
                    Utils.toHexAscii(abi.encodePacked(op.pubKeyHash)),
                    "\nnonce: 0x",
                    Utils.toHexAscii(abi.encodePacked(op.nonce)),
                    "\naccount id: 0x",
                    Utils.toHexAscii(abi.encodePacked(op.accountId)),
                    "\n\nOnly sign this message for a trusted client!"
                )
            );
    }

    function eip712Digest(Operations.ChangePubKey memory op) private view returns (bytes32) {
        bytes32 domainSeparator = keccak256(
            abi.encode(
                EIP712_DOMAIN_TYPEHASH,
                keccak256(bytes(EIP712_DOMAIN_NAME)),
                keccak256(bytes(EIP712_DOMAIN_VERSION)),
                block.chainid
            )
        );
        bytes32 structHash = keccak256(abi.encode(EIP712_CHANGEPUBKEY_TYPEHASH, op.pubKeyHash, op.nonce, op.accountId));
        return keccak256(abi.encodePacked("\x19\x01", domainSeparator, structHash));
    }

    /// @dev The owner is a CREATE2 address whose salt commits to the new key; allowed only for nonce 0.
    function verifyCreate2(bytes calldata witness, Operations.ChangePubKey memory op) private pure returns (bool) {
        address creator = address(bytes20(witness[1:21]));
        bytes32 saltArg = bytes32(witness[21:53]);
        bytes32 codeHash = bytes32(witness[53:85]);
        bytes32 salt = keccak256(abi.encodePacked(saltArg, op.pubKeyHash));
        address expected = address(uint160(uint256(keccak256(abi.encodePacked(bytes1(0xff), creator, salt, codeHash)))));
        return expected == op.owner && op.nonce == 0;
    }
}
