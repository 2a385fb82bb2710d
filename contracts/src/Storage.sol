// SPDX-License-Identifier: MIT OR Apache-2.0
pragma solidity ^0.8.28;

import {Errors} from "./Errors.sol";
import {Operations} from "./Operations.sol";

/// @title State of the rollup contract, shared by ZkLite and ZkLiteExtension (same layout, one proxy)
/// @dev Append only: upgrades keep every existing slot where it is.
abstract contract Storage is Errors {
    /// @notice What the contract remembers of a block; only its keccak256 is stored (PROTOCOL.md §4.4).
    /// @param blockNumber Rollup block number
    /// @param priorityOperations Priority requests (deposits, full exits) the block processes
    /// @param pendingOnchainOperationsHash keccak chain over the pubdata of the ops executeBlocks must replay
    /// @param timestamp Block timestamp given by the operator
    /// @param stateHash State root after the block (BN254 field element, 32 bytes big-endian)
    /// @param commitment SHA-256 block commitment; the proof's public input is its low 253 bits
    struct StoredBlockInfo {
        uint32 blockNumber;
        uint64 priorityOperations;
        bytes32 pendingOnchainOperationsHash;
        uint256 timestamp;
        bytes32 stateHash;
        bytes32 commitment;
    }

    /// @notice One L1 request the operator must include (PROTOCOL.md §6.3).
    /// @param hashedPubData Low 20 bytes of keccak256 of the request's pubdata as queued
    /// @param expirationBlock L1 block by which it must be executed, or exodus mode may start
    struct PriorityOperation {
        bytes20 hashedPubData;
        uint64 expirationBlock;
        Operations.OpType opType;
    }

    struct PendingBalance {
        uint128 balanceToWithdraw;
        uint8 gasReserveValue;
    }

    uint32 public totalBlocksCommitted;
    uint32 public totalBlocksProven;
    uint32 public totalBlocksExecuted;
    /// @notice Id of the oldest priority request not yet executed.
    uint64 public firstPriorityRequestId;
    /// @notice Priority requests not yet executed (committed or not).
    uint64 public totalOpenPriorityRequests;
    /// @notice Once set, only exits work, forever.
    bool public exodusMode;
    /// @notice Open priority requests already included in committed blocks.
    uint64 public totalCommittedPriorityRequests;

    /// @notice keccak256(abi.encode(StoredBlockInfo)) per block number; block 0 is genesis.
    mapping(uint32 => bytes32) public storedBlockHashes;
    mapping(uint64 => PriorityOperation) internal priorityRequests;
    /// @dev Key: packAddressAndTokenId(owner, tokenId).
    mapping(bytes22 => PendingBalance) internal pendingBalances;

    /// @notice keccak256(pubKeyHash) an owner authorized on chain for a ChangePubKey with this nonce.
    mapping(address => mapping(uint32 => bytes32)) public authFacts;
    /// @notice When the owner asked to replace an authorization (0 = no reset pending).
    mapping(address => mapping(uint32 => uint256)) public authFactsResetTimer;

    /// @dev accountId => tokenId => exited in exodus mode.
    mapping(uint32 => mapping(uint32 => bool)) internal performedExodus;
    mapping(uint32 => Operations.WithdrawNFT) internal pendingWithdrawnNFTs;
    /// @notice The factory that minted an NFT withdrawn to L1.
    mapping(uint32 => address) public withdrawnNFTs;

    /// @dev Upgrade state, driven by the UpgradeGatekeeper through the proxy.
    uint256 internal upgradeStartTimestamp;
    bool internal upgradePreparationActive;
    uint256 internal upgradePreparationActivationTime;

    function packAddressAndTokenId(address owner, uint16 tokenId) internal pure returns (bytes22) {
        return bytes22((uint176(uint160(owner)) | (uint176(tokenId) << 160)));
    }

    function hashStoredBlockInfo(StoredBlockInfo memory info) internal pure returns (bytes32) {
        return keccak256(abi.encode(info));
    }


    function requireActive() internal view {
        if (exodusMode) revert ExodusModeActive();
    }
}
