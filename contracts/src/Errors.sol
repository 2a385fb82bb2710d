// SPDX-License-Identifier: MIT OR Apache-2.0
pragma solidity ^0.8.28;

/// @title Errors of the rollup contract (ZkLite and its delegatecall extension share them so one ABI decodes all)
interface Errors {
    // deployment
    error InvalidExtension(address extension);

    // state
    error ExodusModeActive();
    error NotInExodusMode();

    // deposits and full exits
    error DepositToSpecialAccount();
    error DepositToZeroAddress();
    error ZeroDeposit();
    error DepositAmountOutOfRange(uint256 amount);
    error TokenDepositsPaused(uint16 tokenId);
    error InvalidAccountId(uint32 accountId);
    error ExitFromSpecialAccount();
    error InvalidNFTTokenId(uint32 tokenId);

    // withdrawals
    error NothingToWithdraw();
    error EthTransferFailed();
    error TokenBalanceNotDecreased();
    error WithdrawnMoreThanPending(uint256 balanceDecrease, uint128 pending);
    error NoPendingNFT(uint32 tokenId);

    // commitBlocks
    error PreviousBlockMismatch();
    error NonSequentialBlock(uint32 expected, uint32 given);
    error TimestampBeforePreviousBlock();
    error TimestampOutOfRange(uint256 timestamp);
    error PubdataNotChunkAligned(uint256 length);
    error OffsetNotChunkAligned(uint256 offset);
    error OnchainOpsOutOfOrder(uint256 offset);
    error OnchainOpOutOfBounds(uint256 offset);
    error UnsupportedOnchainOp(uint8 opType);
    error PriorityOpTypeMismatch(uint64 requestId);
    error PriorityOpPubdataMismatch(uint64 requestId);
    error UnsupportedChangePubKeyType(uint8 witnessType);
    error InvalidWitnessLength();
    error ChangePubKeyWitnessInvalid(uint32 accountId);
    error ChangePubKeyNotAuthorized(uint32 accountId);

    // proveBlocks
    error ProofCountMismatch();
    error NoUnprovenBlockGiven();
    error ProvenBlockMismatch(uint32 blockNumber);
    error InvalidProof(uint32 blockNumber);

    // executeBlocks
    error ExecutedBlockMismatch(uint32 blockNumber);
    error BlocksNotInOrder(uint32 expected, uint32 given);
    error InvalidPendingOpLength(uint8 opType, uint256 length);
    error UnsupportedPendingOp(uint8 opType);
    error NonFungibleWithdrawal(uint32 tokenId);
    error PendingOpsHashMismatch(uint32 blockNumber);
    error BlockNotProven();

    // revertBlocks
    error RevertedBlockMismatch(uint32 blockNumber);

    // exodus
    error ExodusAlreadyPerformed(uint32 accountId, uint32 tokenId);
    error NotLastExecutedBlock();
    error InvalidExitProof();
    error ZeroNFTExitAmount();
    error NoPriorityRequestsToCancel();
    error DepositPubdataMismatch(uint64 requestId);

    // setAuthPubkeyHash
    error InvalidPubkeyHashLength();
    error AuthFactResetTooEarly(uint256 availableAt);

    // upgrades
    error UpgradeNoticePeriodNotOver(uint256 endsAt);
}
