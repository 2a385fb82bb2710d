// SPDX-License-Identifier: MIT OR Apache-2.0
pragma solidity ^0.8.28;

import {Operations} from "./Operations.sol";

/// @title Events of the rollup contract (PROTOCOL.md §6.4)
interface Events {
    event BlockCommit(uint32 indexed blockNumber);

    /// @notice Emitted when a block is executed (the name is zkSync's).
    event BlockVerification(uint32 indexed blockNumber);

    /// @notice Funds left the contract to their owner.
    event Withdrawal(address indexed owner, uint16 indexed tokenId, uint128 amount);

    /// @notice Funds left the L2 state and wait in the contract for `withdrawPendingBalance`.
    event WithdrawalPending(
        uint16 indexed tokenId,
        address indexed recipient,
        uint128 amount,
        Operations.WithdrawalType withdrawalType
    );

    event WithdrawalNFT(uint32 indexed tokenId);

    event WithdrawalNFTPending(uint32 indexed tokenId);

    event Deposit(uint16 indexed tokenId, uint128 amount);

    /// @notice An owner authorized a ChangePubKey on chain (`fact` is the 20-byte public key hash).
    event FactAuth(address indexed sender, uint32 nonce, bytes fact);

    /// @notice An owner asked to replace its on-chain authorization at `nonce`; it can do so from `availableAt` on.
    event FactAuthResetRequested(address indexed sender, uint32 nonce, uint256 availableAt);

    event BlocksRevert(uint32 totalBlocksVerified, uint32 totalBlocksCommitted);

    event ExodusMode();

    event NewPriorityRequest(
        address sender,
        uint64 serialId,
        Operations.OpType opType,
        bytes pubData,
        uint256 expirationBlock
    );
}

/// @title Events of the upgrade machinery
interface UpgradeEvents {
    event NewUpgradable(uint256 indexed versionId, address indexed upgradeable);

    event NoticePeriodStart(uint256 indexed versionId, address[] newTargets, uint256 noticePeriod);

    event UpgradeCancel(uint256 indexed versionId);

    event PreparationStart(uint256 indexed versionId);

    event UpgradeComplete(uint256 indexed versionId, address[] newTargets);
}
