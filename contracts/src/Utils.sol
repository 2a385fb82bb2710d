// SPDX-License-Identifier: MIT OR Apache-2.0
pragma solidity ^0.8.28;

import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";

/// @title Small helpers shared by the rollup and the governance
library Utils {
    bytes16 private constant HEX_DIGITS = "0123456789abcdef";

    function minU32(uint32 a, uint32 b) internal pure returns (uint32) {
        return a < b ? a : b;
    }

    function minU64(uint64 a, uint64 b) internal pure returns (uint64) {
        return a < b ? a : b;
    }

    function minU128(uint128 a, uint128 b) internal pure returns (uint128) {
        return a < b ? a : b;
    }

    /// @notice Lowercase hex digits of `input`, without a 0x prefix.
    function toHexAscii(bytes memory input) internal pure returns (bytes memory output) {
        output = new bytes(input.length * 2);
        for (uint256 i = 0; i < input.length; ++i) {
            output[2 * i] = HEX_DIGITS[uint8(input[i]) >> 4];
            output[2 * i + 1] = HEX_DIGITS[uint8(input[i]) & 0x0f];
        }
    }

    /// @notice Signer of a 65-byte r‖s‖v signature over `digest`, or address(0) when it is malformed or invalid.
    function recoverSigner(bytes memory signature, bytes32 digest) internal pure returns (address signer) {
        (signer, , ) = ECDSA.tryRecover(digest, signature);
    }

    /// @notice keccak256(prev ‖ data), the chaining step of the pending-operations hash.
    function concatHash(bytes32 prev, bytes calldata data) internal pure returns (bytes32) {
        return keccak256(abi.encodePacked(prev, data));
    }
}
