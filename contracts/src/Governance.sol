// SPDX-License-Identifier: MIT OR Apache-2.0
pragma solidity ^0.8.28;

import {MAX_AMOUNT_OF_REGISTERED_TOKENS} from "./Config.sol";
import {Utils} from "./Utils.sol";
import {INFTFactory} from "./interfaces/INFTFactory.sol";

/// @title Governance: governor, validators, token list and pauses, NFT factories
/// @notice Deployed behind a Proxy; `initialize` and `upgrade` are reachable only through it.
contract Governance {
    event NewToken(address indexed token, uint16 indexed tokenId);
    event SetDefaultNFTFactory(address indexed factory);
    event NFTFactoryRegisteredCreator(
        uint32 indexed creatorAccountId,
        address indexed creatorAddress,
        address factoryAddress
    );
    event NewGovernor(address newGovernor);
    event ValidatorStatusUpdate(address indexed validatorAddress, bool isActive);
    event TokenPausedUpdate(address indexed token, bool paused);

    error NotGovernor(address caller);
    error NotActiveValidator(address caller);
    error ZeroAddress();
    error TokenAlreadyRegistered(address token);
    error TooManyTokens();
    error TokenNotRegistered(address token);
    error NFTFactoryAlreadyRegistered(uint32 creatorAccountId, address creatorAddress);
    error InvalidCreatorSignature();
    error DefaultNFTFactoryAlreadySet();
    error NoNFTFactory();

    /// @notice Governs the network: tokens, validators; also the master of the upgrade gatekeeper.
    address public networkGovernor;
    /// @notice Number of registered ERC-20 tokens; their ids are 1..totalTokens (0 is ETH).
    uint16 public totalTokens;
    mapping(uint16 => address) public tokenAddresses;
    mapping(address => uint16) public tokenIds;
    /// @notice Addresses allowed to commit, execute and revert blocks.
    mapping(address => bool) public validators;
    /// @notice Tokens whose deposits are paused (withdrawals always work).
    mapping(uint16 => bool) public pausedTokens;
    /// @notice Factory chosen by an NFT creator, by creator account id and address.
    mapping(uint32 => mapping(address => INFTFactory)) public nftFactories;
    /// @notice Factory for NFTs whose creator registered none.
    INFTFactory public defaultFactory;

    /// @param initializationParameters abi.encode(address networkGovernor)
    function initialize(bytes calldata initializationParameters) external {
        address governor = abi.decode(initializationParameters, (address));
        if (governor == address(0)) revert ZeroAddress();
        networkGovernor = governor;
    }

    /// @notice Nothing to migrate in this version.
    function upgrade(bytes calldata) external {}

    function changeGovernor(address newGovernor) external {
        requireGovernor(msg.sender);
        if (newGovernor == address(0)) revert ZeroAddress();
        if (networkGovernor != newGovernor) {
            networkGovernor = newGovernor;
            emit NewGovernor(newGovernor);
        }
    }

    /// @notice Lists an ERC-20 token under the next free id.
    function addToken(address token) external {
        requireGovernor(msg.sender);
        if (token == address(0)) revert ZeroAddress();
        if (tokenIds[token] != 0) revert TokenAlreadyRegistered(token);
        if (totalTokens >= MAX_AMOUNT_OF_REGISTERED_TOKENS) revert TooManyTokens();
        uint16 tokenId = ++totalTokens;
        tokenAddresses[tokenId] = token;
        tokenIds[token] = tokenId;
        emit NewToken(token, tokenId);
    }

    /// @notice Pauses or resumes deposits of a token.
    function setTokenPaused(address token, bool paused) external {
        requireGovernor(msg.sender);
        uint16 tokenId = validateTokenAddress(token);
        if (pausedTokens[tokenId] != paused) {
            pausedTokens[tokenId] = paused;
            emit TokenPausedUpdate(token, paused);
        }
    }

    function setValidator(address validator, bool active) external {
        requireGovernor(msg.sender);
        if (validators[validator] != active) {
            validators[validator] = active;
            emit ValidatorStatusUpdate(validator, active);
        }
    }

    function requireGovernor(address account) public view {
        if (account != networkGovernor) revert NotGovernor(account);
    }

    function requireActiveValidator(address account) external view {
        if (!validators[account]) revert NotActiveValidator(account);
    }

    function isValidTokenId(uint16 tokenId) external view returns (bool) {
        return tokenId <= totalTokens;
    }

    /// @return The id of a registered ERC-20 token (reverts for unknown tokens and for address 0).
    function validateTokenAddress(address token) public view returns (uint16) {
        uint16 tokenId = tokenIds[token];
        if (tokenId == 0) revert TokenNotRegistered(token);
        return tokenId;
    }

    /// @notice Called by an NFT factory to become the factory of a creator's NFTs, with the creator's consent:
    ///         a personal_sign signature of the 141-byte text
    ///         "\nCreator's account ID in zkSync: {id 8 hex}\nCreator: {40 hex}\nFactory: {40 hex}" (zkSync's format).
    function registerNFTFactoryCreator(
        uint32 creatorAccountId,
        address creatorAddress,
        bytes calldata signature
    ) external {
        if (address(nftFactories[creatorAccountId][creatorAddress]) != address(0)) {
            revert NFTFactoryAlreadyRegistered(creatorAccountId, creatorAddress);
        }
        bytes32 messageHash = keccak256(
            abi.encodePacked(
                "\x19Ethereum Signed Message:\n141",
                "\nCreator's account ID in zkSync: ",
                Utils.toHexAscii(abi.encodePacked(creatorAccountId)),
                "\nCreator: ",
                Utils.toHexAscii(abi.encodePacked(creatorAddress)),
                "\nFactory: ",
                Utils.toHexAscii(abi.encodePacked(msg.sender))
            )
        );
        address signer = Utils.recoverSigner(signature, messageHash);
        if (signer == address(0) || signer != creatorAddress) revert InvalidCreatorSignature();
        nftFactories[creatorAccountId][creatorAddress] = INFTFactory(msg.sender);
        emit NFTFactoryRegisteredCreator(creatorAccountId, creatorAddress, msg.sender);
    }

    /// @notice Sets the default NFT factory, once.
    function setDefaultNFTFactory(address factory) external {
        requireGovernor(msg.sender);
        if (factory == address(0)) revert ZeroAddress();
        if (address(defaultFactory) != address(0)) revert DefaultNFTFactoryAlreadySet();
        defaultFactory = INFTFactory(factory);
        emit SetDefaultNFTFactory(factory);
    }

    /// @notice The creator's factory, or the default one when it registered none (or its code is gone).
    function getNFTFactory(uint32 creatorAccountId, address creatorAddress) external view returns (INFTFactory) {
        INFTFactory factory = nftFactories[creatorAccountId][creatorAddress];
        if (address(factory) != address(0) && address(factory).code.length != 0) return factory;
        if (address(defaultFactory) == address(0)) revert NoNFTFactory();
        return defaultFactory;
    }
}
