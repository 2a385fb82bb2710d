// SPDX-License-Identifier: MIT OR Apache-2.0
pragma solidity ^0.8.28;

import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";

import {Governance} from "../Governance.sol";
import {INFTFactory} from "../interfaces/INFTFactory.sol";

/// @title Test-only: a creator's own NFT factory, registered with the creator's signature
contract TestCustomNFTFactory is ERC721, INFTFactory {
    address public immutable rollup;
    Governance public immutable governance;

    constructor(address rollup_, Governance governance_) ERC721("Custom", "CNFT") {
        rollup = rollup_;
        governance = governance_;
    }

    function registerCreator(uint32 creatorAccountId, address creatorAddress, bytes calldata signature) external {
        governance.registerNFTFactoryCreator(creatorAccountId, creatorAddress, signature);
    }

    function mintNFTFromZkSync(
        address creator,
        address recipient,
        uint32 creatorAccountId,
        uint32 serialId,
        bytes32 contentHash,
        uint256 tokenId
    ) external override {
        require(msg.sender == rollup, "only rollup");
        _mint(recipient, tokenId);
        emit MintNFTFromZkSync(creator, recipient, creatorAccountId, serialId, contentHash, tokenId);
    }
}
