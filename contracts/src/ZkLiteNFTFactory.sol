// SPDX-License-Identifier: MIT OR Apache-2.0
pragma solidity ^0.8.28;

import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";

import {INFTFactory} from "./interfaces/INFTFactory.sol";

/// @title Default ERC-721 factory for NFTs withdrawn from zkLite
/// @notice The ERC-721 id is the L2 token id; the content hash and creator travel with the token, and the token URI is
///         the IPFS CIDv0 of the content hash ("ipfs://" + base58(0x1220 ‖ contentHash)).
contract ZkLiteNFTFactory is ERC721, INFTFactory {
    struct Creator {
        address creatorAddress;
        uint32 creatorAccountId;
        uint32 serialId;
    }

    error OnlyRollup(address caller);

    bytes private constant BASE58_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    /// @notice The rollup contract (its proxy), the only minter.
    address public immutable rollup;

    mapping(uint256 => bytes32) private contentHashes;
    mapping(uint256 => Creator) private creators;

    constructor(string memory name, string memory symbol, address rollup_) ERC721(name, symbol) {
        rollup = rollup_;
    }

    function mintNFTFromZkSync(
        address creator,
        address recipient,
        uint32 creatorAccountId,
        uint32 serialId,
        bytes32 contentHash,
        uint256 tokenId
    ) external override {
        if (msg.sender != rollup) revert OnlyRollup(msg.sender);
        contentHashes[tokenId] = contentHash;
        creators[tokenId] = Creator(creator, creatorAccountId, serialId);
        emit MintNFTFromZkSync(creator, recipient, creatorAccountId, serialId, contentHash, tokenId);
        _safeMint(recipient, tokenId);
    }

    function getContentHash(uint256 tokenId) external view returns (bytes32) {
        return contentHashes[tokenId];
    }

    function getCreator(uint256 tokenId) external view returns (Creator memory) {
        return creators[tokenId];
    }

    function tokenURI(uint256 tokenId) public view override returns (string memory) {
        _requireOwned(tokenId);
        return string.concat("ipfs://", ipfsCID(contentHashes[tokenId]));
    }

    /// @notice CIDv0 of a SHA-256 digest: base58 of the multihash 0x12 0x20 ‖ digest.
    function ipfsCID(bytes32 digest) public pure returns (string memory) {
        return toBase58(abi.encodePacked(hex"1220", digest));
    }

    /// @dev Schoolbook base conversion, little-endian digits; leading zero bytes become '1's (none here: 0x12 leads).
    function toBase58(bytes memory source) internal pure returns (string memory) {
        uint8[] memory digits = new uint8[](source.length * 2);
        uint256 length = 0;
        for (uint256 i = 0; i < source.length; ++i) {
            uint256 carry = uint8(source[i]);
            for (uint256 j = 0; j < length; ++j) {
                carry += uint256(digits[j]) << 8;
                digits[j] = uint8(carry % 58);
                carry /= 58;
            }
            while (carry > 0) {
                digits[length++] = uint8(carry % 58);
                carry /= 58;
            }
        }
        uint256 leadingZeros = 0;
        while (leadingZeros < source.length && source[leadingZeros] == 0) ++leadingZeros;
        bytes memory output = new bytes(leadingZeros + length);
        for (uint256 i = 0; i < leadingZeros; ++i) output[i] = BASE58_ALPHABET[0];
        for (uint256 i = 0; i < length; ++i) output[leadingZeros + i] = BASE58_ALPHABET[digits[length - 1 - i]];
        return string(output);
    }
}
