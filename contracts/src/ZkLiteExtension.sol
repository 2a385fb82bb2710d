// SPDX-License-Identifier: MIT OR Apache-2.0
pragma solidity ^0.8.28;

import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import "./Config.sol";
import {Events} from "./Events.sol";
import {Operations} from "./Operations.sol";
import {Governance} from "./Governance.sol";
import {RollupDependencies} from "./RollupDependencies.sol";
import {Storage} from "./Storage.sol";
import {VerifierAdapter} from "./VerifierAdapter.sol";
import {Utils} from "./Utils.sol";

/// @title Rarely used functions of the rollup contract, run by ZkLite through delegatecall on ZkLite's storage
/// @dev Called directly (not through ZkLite) it only touches its own, unused storage.
contract ZkLiteExtension is Storage, RollupDependencies, Events, ReentrancyGuardTransient {
    constructor(
        Governance governance_,
        VerifierAdapter verifier_
    ) RollupDependencies(governance_, verifier_) {}

    /// @notice Reverts committed blocks that are not executed yet, newest first. Validator only.
    /// @param blocksToRevert StoredBlockInfo of the last committed block, then the one before, ...
    function revertBlocks(StoredBlockInfo[] calldata blocksToRevert) external nonReentrant {
        requireActive();
        governance.requireActiveValidator(msg.sender);

        uint32 committed = totalBlocksCommitted;
        uint32 toRevert = Utils.minU32(uint32(blocksToRevert.length), committed - totalBlocksExecuted);
        uint64 revertedPriorityRequests = 0;
        for (uint32 i = 0; i < toRevert; ++i) {
            StoredBlockInfo memory storedBlock = blocksToRevert[i];
            if (storedBlockHashes[committed] != hashStoredBlockInfo(storedBlock)) revert RevertedBlockMismatch(committed);
            delete storedBlockHashes[committed];
            --committed;
            revertedPriorityRequests += storedBlock.priorityOperations;
        }
        totalBlocksCommitted = committed;
        totalCommittedPriorityRequests -= revertedPriorityRequests;
        if (committed < totalBlocksProven) totalBlocksProven = committed;
        emit BlocksRevert(totalBlocksExecuted, committed);
    }

    /// @notice Authorizes a ChangePubKey of msg.sender's account to `pubkeyHash` at `nonce`, without a signature.
    ///         Replacing an authorization takes two calls at least AUTH_FACT_RESET_TIMELOCK apart.
    function setAuthPubkeyHash(bytes calldata pubkeyHash, uint32 nonce) external nonReentrant {
        requireActive();
        if (pubkeyHash.length != PUBKEY_HASH_BYTES) revert InvalidPubkeyHashLength();
        if (authFacts[msg.sender][nonce] == bytes32(0)) {
            authFacts[msg.sender][nonce] = keccak256(pubkeyHash);
            emit FactAuth(msg.sender, nonce, pubkeyHash);
            return;
        }
        uint256 resetRequestedAt = authFactsResetTimer[msg.sender][nonce];
        if (resetRequestedAt == 0) {
            authFactsResetTimer[msg.sender][nonce] = block.timestamp;
            emit FactAuthResetRequested(msg.sender, nonce, block.timestamp + AUTH_FACT_RESET_TIMELOCK);
            return;
        }
        uint256 availableAt = resetRequestedAt + AUTH_FACT_RESET_TIMELOCK;
        if (block.timestamp < availableAt) revert AuthFactResetTooEarly(availableAt);
        authFactsResetTimer[msg.sender][nonce] = 0;
        authFacts[msg.sender][nonce] = keccak256(pubkeyHash);
        emit FactAuth(msg.sender, nonce, pubkeyHash);
    }

    /// @notice In exodus mode, credits to `owner` the balance an exit proof shows in the last executed state.
    /// @param storedBlockInfo The last executed block (its state root is what the proof is about)
    /// @param amount The whole balance of the token in that state (1 for an NFT)
    function performExodus(
        StoredBlockInfo calldata storedBlockInfo,
        address owner,
        uint32 accountId,
        uint32 tokenId,
        uint128 amount,
        uint32 nftCreatorAccountId,
        address nftCreatorAddress,
        uint32 nftSerialId,
        bytes32 nftContentHash,
        uint256[8] calldata proof
    ) external nonReentrant {
        if (!exodusMode) revert NotInExodusMode();
        if (accountId > MAX_ACCOUNT_ID) revert InvalidAccountId(accountId);
        if (accountId == SPECIAL_ACCOUNT_ID) revert ExitFromSpecialAccount();
        if (tokenId >= SPECIAL_NFT_TOKEN_ID) revert InvalidNFTTokenId(tokenId);
        if (performedExodus[accountId][tokenId]) revert ExodusAlreadyPerformed(accountId, tokenId);
        if (storedBlockHashes[totalBlocksExecuted] != hashStoredBlockInfo(storedBlockInfo)) revert NotLastExecutedBlock();
        if (tokenId > MAX_FUNGIBLE_TOKEN_ID && amount == 0) revert ZeroNFTExitAmount();

        bool proofCorrect = verifier.verifyExitProof(
            storedBlockInfo.stateHash,
            accountId,
            owner,
            tokenId,
            amount,
            nftCreatorAccountId,
            nftCreatorAddress,
            nftSerialId,
            nftContentHash,
            proof
        );
        if (!proofCorrect) revert InvalidExitProof();

        performedExodus[accountId][tokenId] = true;
        if (tokenId <= MAX_FUNGIBLE_TOKEN_ID) {
            bytes22 key = packAddressAndTokenId(owner, uint16(tokenId));
            pendingBalances[key] = PendingBalance(
                pendingBalances[key].balanceToWithdraw + amount,
                FILLED_GAS_RESERVE_VALUE
            );
            emit WithdrawalPending(uint16(tokenId), owner, amount, Operations.WithdrawalType.FullExit);
        } else {
            pendingWithdrawnNFTs[tokenId] = Operations.WithdrawNFT(
                nftCreatorAccountId,
                nftCreatorAddress,
                nftSerialId,
                nftContentHash,
                owner,
                tokenId
            );
            emit WithdrawalNFTPending(tokenId);
        }
    }

    /// @notice In exodus mode, walks up to `n` open priority requests from the oldest: returns each deposit to its
    ///         depositor's pending balance (its 45-byte queued pubdata must be given, in order) and drops the rest.
    ///         Anyone may call it, in as many transactions as needed.
    function cancelOutstandingDepositsForExodusMode(uint64 n, bytes[] calldata depositsPubdata) external nonReentrant {
        if (!exodusMode) revert NotInExodusMode();
        uint64 toProcess = Utils.minU64(totalOpenPriorityRequests, n);
        if (toProcess == 0) revert NoPriorityRequestsToCancel();
        uint64 first = firstPriorityRequestId;
        uint256 depositIndex = 0;
        for (uint64 id = first; id < first + toProcess; ++id) {
            if (priorityRequests[id].opType == Operations.OpType.Deposit) {
                if (depositIndex >= depositsPubdata.length) revert DepositPubdataMismatch(id);
                bytes calldata pubData = depositsPubdata[depositIndex++];
                if (
                    pubData.length != Operations.PACKED_DEPOSIT_PUBDATA_BYTES ||
                    Operations.hashPubdata(pubData) != priorityRequests[id].hashedPubData
                ) revert DepositPubdataMismatch(id);
                Operations.Deposit memory op = Operations.readDepositPubdata(pubData);
                bytes22 key = packAddressAndTokenId(op.owner, uint16(op.tokenId));
                pendingBalances[key] = PendingBalance(
                    pendingBalances[key].balanceToWithdraw + op.amount,
                    FILLED_GAS_RESERVE_VALUE
                );
            }
            delete priorityRequests[id];
        }
        firstPriorityRequestId = first + toProcess;
        totalOpenPriorityRequests -= toProcess;
        uint64 committed = totalCommittedPriorityRequests;
        totalCommittedPriorityRequests = committed > toProcess ? committed - toProcess : 0;
    }
}
