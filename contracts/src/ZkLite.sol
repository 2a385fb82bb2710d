// SPDX-License-Identifier: MIT OR Apache-2.0
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import "./Config.sol";
import {Events} from "./Events.sol";
import {Governance} from "./Governance.sol";
import {Operations} from "./Operations.sol";
import {RollupDependencies} from "./RollupDependencies.sol";
import {Storage} from "./Storage.sol";
import {Utils} from "./Utils.sol";
import {VerifierAdapter} from "./VerifierAdapter.sol";
import {ChangePubKeyAuth} from "./ChangePubKeyAuth.sol";
import {INFTFactory} from "./interfaces/INFTFactory.sol";
import {IUpgradeableMaster} from "./upgrade/IUpgradeableMaster.sol";

/// @title zkLite rollup contract: deposits, full exits, commit / prove / execute, pending withdrawals
/// @notice Lives behind a Proxy. Rarely used functions (revertBlocks, setAuthPubkeyHash, the exodus exits) run in
///         ZkLiteExtension through delegatecall on the same storage; their stubs below give one ABI for both.
contract ZkLite is IUpgradeableMaster, Storage, RollupDependencies, Events, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @notice Holds rarely used functions, reached by delegatecall (keeps ZkLite under the code size limit).
    address public immutable extension;

    /// @param extension_ A ZkLiteExtension built with the same governance and verifier (checked: a wrong one would run
    ///        the delegated functions with other dependencies, or revert them all)
    constructor(
        Governance governance_,
        VerifierAdapter verifier_,
        address extension_
    ) RollupDependencies(governance_, verifier_) {
        if (
            extension_.code.length == 0 ||
            RollupDependencies(extension_).getGovernance() != governance_ ||
            RollupDependencies(extension_).getVerifier() != verifier_
        ) revert InvalidExtension(extension_);
        extension = extension_;
    }

    /// @notice One on-chain operation of a block being committed.
    /// @param ethWitness ChangePubKey authorization (PROTOCOL.md §2.6); empty for other ops or on-chain auth
    /// @param publicDataOffset Byte offset of the op's first chunk in the block's pubdata
    struct OnchainOperationData {
        bytes ethWitness;
        uint32 publicDataOffset;
    }

    /// @notice A block as the operator commits it (PROTOCOL.md §4.3).
    struct CommitBlockInfo {
        bytes32 newStateHash;
        bytes publicData;
        uint256 timestamp;
        OnchainOperationData[] onchainOperations;
        uint32 blockNumber;
        uint32 feeAccount;
    }

    /// @notice A proven block to execute, with the full pubdata of each of its pending operations, in block order.
    struct ExecuteBlockInfo {
        StoredBlockInfo storedBlock;
        bytes[] pendingOnchainOpsPubdata;
    }

    /// @notice A Groth16 proof of one block, checked by the verifier registered for `chunks`.
    struct BlockProof {
        uint32 chunks;
        uint256[8] proof;
    }

    // ---------------------------------------------------------------- upgrade hooks (reached only via the Proxy)

    /// @param initializationParameters abi.encode(bytes32 genesisStateHash)
    function initialize(bytes calldata initializationParameters) external {
        bytes32 genesisStateHash = abi.decode(initializationParameters, (bytes32));
        storedBlockHashes[0] = hashStoredBlockInfo(
            StoredBlockInfo(0, 0, EMPTY_STRING_KECCAK, 0, genesisStateHash, bytes32(0))
        );
    }

    /// @notice Nothing to migrate in this version (dependencies are immutables of the new implementation).
    function upgrade(bytes calldata) external {}

    function getNoticePeriod() external pure override returns (uint256) {
        return UPGRADE_NOTICE_PERIOD;
    }

    function upgradeNoticePeriodStarted() external override {
        upgradeStartTimestamp = block.timestamp;
    }

    function upgradePreparationStarted() external override {
        uint256 endsAt = upgradeStartTimestamp + UPGRADE_NOTICE_PERIOD;
        if (block.timestamp < endsAt) revert UpgradeNoticePeriodNotOver(endsAt);
        upgradePreparationActive = true;
        upgradePreparationActivationTime = block.timestamp;
    }

    function upgradeCanceled() external override {
        clearUpgradeStatus();
    }

    function upgradeFinishes() external override {
        clearUpgradeStatus();
    }

    /// @notice No upgrade may change the rules once users are exiting, or may exit: also not while the oldest open
    ///         priority request is expired (exodus is due even if nobody called activateExodusMode yet).
    function isReadyForUpgrade() external view override returns (bool) {
        return !exodusMode && !oldestPriorityRequestExpired();
    }

    function clearUpgradeStatus() internal {
        upgradePreparationActive = false;
        upgradePreparationActivationTime = 0;
        upgradeStartTimestamp = 0;
    }

    // ---------------------------------------------------------------- deposits and full exits

    /// @notice Deposits msg.value wei to the L2 account of `zkSyncAddress`.
    /// @dev nonReentrant although it calls out to nobody: the guard's TSTORE makes it revert on a chain without
    ///      EIP-1153, where every withdrawal (all nonReentrant) would revert and the deposit could never leave.
    function depositETH(address zkSyncAddress) external payable nonReentrant {
        if (zkSyncAddress == SPECIAL_ACCOUNT_ADDRESS) revert DepositToSpecialAccount();
        // an L2 account with address 0 would be indistinguishable from an empty leaf in the block circuit
        if (zkSyncAddress == address(0)) revert DepositToZeroAddress();
        if (msg.value == 0) revert ZeroDeposit();
        requireActive();
        registerDeposit(0, SafeCast.toUint128(msg.value), zkSyncAddress);
    }

    /// @notice Deposits an ERC-20; what is credited is the contract's actual balance increase (fee-on-transfer safe).
    function depositERC20(IERC20 token, uint104 amount, address zkSyncAddress) external nonReentrant {
        if (zkSyncAddress == SPECIAL_ACCOUNT_ADDRESS) revert DepositToSpecialAccount();
        // an L2 account with address 0 would be indistinguishable from an empty leaf in the block circuit
        if (zkSyncAddress == address(0)) revert DepositToZeroAddress();
        requireActive();
        uint16 tokenId = governance.validateTokenAddress(address(token));
        if (governance.pausedTokens(tokenId)) revert TokenDepositsPaused(tokenId);

        uint256 balanceBefore = token.balanceOf(address(this));
        token.safeTransferFrom(msg.sender, address(this), amount);
        uint256 balanceAfter = token.balanceOf(address(this));
        uint256 received = balanceAfter > balanceBefore ? balanceAfter - balanceBefore : 0;
        if (received == 0 || received > MAX_DEPOSIT_AMOUNT) revert DepositAmountOutOfRange(received);

        registerDeposit(tokenId, uint128(received), zkSyncAddress);
    }

    /// @notice Asks the operator to move the whole balance of `token` (address 0 = ETH) of an account to L1.
    ///         The op is included for any caller; it returns funds only if msg.sender owns the account.
    function requestFullExit(uint32 accountId, address token) external nonReentrant {
        requireActive();
        requireExitableAccount(accountId);
        uint16 tokenId = token == address(0) ? 0 : governance.validateTokenAddress(token);
        queueFullExit(accountId, tokenId);
        // pre-fill the slot so the later credit is a cheap non-zero write, paid here by the requester
        pendingBalances[packAddressAndTokenId(msg.sender, tokenId)].gasReserveValue = FILLED_GAS_RESERVE_VALUE;
    }

    /// @notice Asks the operator to withdraw an NFT of the account to L1.
    function requestFullExitNFT(uint32 accountId, uint32 tokenId) external nonReentrant {
        requireActive();
        requireExitableAccount(accountId);
        if (tokenId <= MAX_FUNGIBLE_TOKEN_ID || tokenId >= SPECIAL_NFT_TOKEN_ID) revert InvalidNFTTokenId(tokenId);
        queueFullExit(accountId, tokenId);
    }

    function requireExitableAccount(uint32 accountId) internal pure {
        if (accountId > MAX_ACCOUNT_ID) revert InvalidAccountId(accountId);
        if (accountId == SPECIAL_ACCOUNT_ID) revert ExitFromSpecialAccount();
    }

    function queueFullExit(uint32 accountId, uint32 tokenId) internal {
        Operations.FullExit memory op;
        op.accountId = accountId;
        op.owner = msg.sender;
        op.tokenId = tokenId;
        addPriorityRequest(Operations.OpType.FullExit, Operations.writeFullExitPubdataForPriorityQueue(op));
    }

    function registerDeposit(uint16 tokenId, uint128 amount, address owner) internal {
        Operations.Deposit memory op = Operations.Deposit({accountId: 0, tokenId: tokenId, amount: amount, owner: owner});
        addPriorityRequest(Operations.OpType.Deposit, Operations.writeDepositPubdataForPriorityQueue(op));
        emit Deposit(tokenId, amount);
    }

    function addPriorityRequest(Operations.OpType opType, bytes memory pubData) internal {
        uint64 expirationBlock = uint64(block.number + PRIORITY_EXPIRATION);
        uint64 requestId = firstPriorityRequestId + totalOpenPriorityRequests;
        priorityRequests[requestId] = PriorityOperation({
            hashedPubData: Operations.hashPubdata(pubData),
            expirationBlock: expirationBlock,
            opType: opType
        });
        emit NewPriorityRequest(msg.sender, requestId, opType, pubData, expirationBlock);
        ++totalOpenPriorityRequests;
    }

    // ---------------------------------------------------------------- commit

    /// @notice Commits blocks after `lastCommittedBlockData` (which must be the last committed block).
    function commitBlocks(
        StoredBlockInfo memory lastCommittedBlockData,
        CommitBlockInfo[] calldata newBlocksData
    ) external nonReentrant {
        requireActive();
        governance.requireActiveValidator(msg.sender);
        uint32 committed = totalBlocksCommitted;
        if (storedBlockHashes[committed] != hashStoredBlockInfo(lastCommittedBlockData)) revert PreviousBlockMismatch();

        uint64 committedPriorityRequests = totalCommittedPriorityRequests;
        for (uint256 i = 0; i < newBlocksData.length; ++i) {
            lastCommittedBlockData = commitOneBlock(
                lastCommittedBlockData,
                newBlocksData[i],
                firstPriorityRequestId + committedPriorityRequests
            );
            committedPriorityRequests += lastCommittedBlockData.priorityOperations;
            storedBlockHashes[lastCommittedBlockData.blockNumber] = hashStoredBlockInfo(lastCommittedBlockData);
            emit BlockCommit(lastCommittedBlockData.blockNumber);
        }
        totalCommittedPriorityRequests = committedPriorityRequests;
        totalBlocksCommitted = committed + uint32(newBlocksData.length);
    }

    function commitOneBlock(
        StoredBlockInfo memory previousBlock,
        CommitBlockInfo calldata newBlock,
        uint64 nextPriorityRequestId
    ) internal view returns (StoredBlockInfo memory) {
        if (newBlock.blockNumber != previousBlock.blockNumber + 1) {
            revert NonSequentialBlock(previousBlock.blockNumber + 1, newBlock.blockNumber);
        }
        if (newBlock.timestamp < previousBlock.timestamp) revert TimestampBeforePreviousBlock();
        if (
            newBlock.timestamp + COMMIT_TIMESTAMP_NOT_OLDER < block.timestamp ||
            newBlock.timestamp > block.timestamp + COMMIT_TIMESTAMP_APPROXIMATION_DELTA
        ) revert TimestampOutOfRange(newBlock.timestamp);

        (bytes32 pendingOnchainOpsHash, uint64 priorityOperations, bytes memory commitmentBuffer) = collectOnchainOps(
            newBlock,
            nextPriorityRequestId
        );
        bytes32 commitment = createBlockCommitment(previousBlock.stateHash, newBlock, commitmentBuffer);
        return
            StoredBlockInfo(
                newBlock.blockNumber,
                priorityOperations,
                pendingOnchainOpsHash,
                newBlock.timestamp,
                newBlock.newStateHash,
                commitment
            );
    }

    /// @dev Checks the block's on-chain operations and lays out the commitment's tail in memory:
    ///      buffer = [32 bytes left for the chained hash] ‖ publicData ‖ onchainOpsOffsetCommitment (1 byte per chunk).
    function collectOnchainOps(
        CommitBlockInfo calldata newBlock,
        uint64 nextPriorityRequestId
    ) internal view returns (bytes32 pendingOnchainOpsHash, uint64 priorityOperations, bytes memory buffer) {
        uint256 pubDataLength = newBlock.publicData.length;
        if (pubDataLength % CHUNK_BYTES != 0) revert PubdataNotChunkAligned(pubDataLength);
        buffer = new bytes(32 + pubDataLength + pubDataLength / CHUNK_BYTES);
        bytes calldata pubData = newBlock.publicData;
        assembly {
            calldatacopy(add(buffer, 64), pubData.offset, pubDataLength)
        }

        pendingOnchainOpsHash = EMPTY_STRING_KECCAK;
        uint256 nextFreeOffset = 0;
        for (uint256 i = 0; i < newBlock.onchainOperations.length; ++i) {
            bool isPriorityOp;
            (nextFreeOffset, pendingOnchainOpsHash, isPriorityOp) = processOnchainOp(
                newBlock,
                i,
                nextFreeOffset,
                pendingOnchainOpsHash,
                nextPriorityRequestId + priorityOperations
            );
            if (isPriorityOp) ++priorityOperations;
            buffer[32 + pubDataLength + newBlock.onchainOperations[i].publicDataOffset / CHUNK_BYTES] = 0x01;
        }
    }

    /// @dev Checks the i-th on-chain op and folds it into the pending-operations hash when L1 must replay it.
    function processOnchainOp(
        CommitBlockInfo calldata newBlock,
        uint256 i,
        uint256 nextFreeOffset,
        bytes32 pendingOnchainOpsHash,
        uint64 requestId
    ) internal view returns (uint256 opEnd, bytes32 newPendingOnchainOpsHash, bool isPriorityOp) {
        uint256 offset = newBlock.onchainOperations[i].publicDataOffset;
        opEnd = locateOnchainOp(newBlock.publicData, offset, nextFreeOffset);
        bytes calldata opPubData = newBlock.publicData[offset:opEnd];
        isPriorityOp = checkOnchainOp(opPubData, newBlock.onchainOperations[i].ethWitness, requestId);
        newPendingOnchainOpsHash = isPendingOp(uint8(opPubData[0]))
            ? Utils.concatHash(pendingOnchainOpsHash, opPubData)
            : pendingOnchainOpsHash;
    }

    /// @dev Validates an on-chain op's offset (chunk aligned, after the previous op, op inside the pubdata).
    /// @return opEnd Offset just past the op's last chunk
    function locateOnchainOp(
        bytes calldata pubData,
        uint256 offset,
        uint256 nextFreeOffset
    ) internal pure returns (uint256 opEnd) {
        if (offset % CHUNK_BYTES != 0) revert OffsetNotChunkAligned(offset);
        if (offset < nextFreeOffset) revert OnchainOpsOutOfOrder(offset);
        if (offset >= pubData.length) revert OnchainOpOutOfBounds(offset);
        uint8 opCode = uint8(pubData[offset]);
        uint256 opSize = onchainOpSize(opCode);
        if (opSize == 0) revert UnsupportedOnchainOp(opCode);
        opEnd = offset + opSize;
        if (opEnd > pubData.length) revert OnchainOpOutOfBounds(offset);
    }

    /// @dev Checks one on-chain op against the priority queue or its ChangePubKey authorization.
    /// @return isPriorityOp Whether the op consumed the priority request `requestId`
    function checkOnchainOp(
        bytes calldata opPubData,
        bytes calldata ethWitness,
        uint64 requestId
    ) internal view returns (bool isPriorityOp) {
        Operations.OpType opType = Operations.OpType(uint8(opPubData[0]));
        if (opType == Operations.OpType.Deposit) {
            checkPriorityDeposit(Operations.readDepositPubdata(opPubData), requestId);
            return true;
        }
        if (opType == Operations.OpType.FullExit) {
            checkPriorityFullExit(Operations.readFullExitPubdata(opPubData), requestId);
            return true;
        }
        if (opType == Operations.OpType.ChangePubKey) {
            checkChangePubKey(Operations.readChangePubKeyPubdata(opPubData), ethWitness);
        }
        return false;
    }

    /// @dev Size in bytes of an on-chain op, 0 for ops that need no L1 processing.
    function onchainOpSize(uint8 opCode) internal pure returns (uint256) {
        if (opCode == uint8(Operations.OpType.Deposit)) return DEPOSIT_BYTES;
        if (opCode == uint8(Operations.OpType.PartialExit)) return PARTIAL_EXIT_BYTES;
        if (opCode == uint8(Operations.OpType.FullExit)) return FULL_EXIT_BYTES;
        if (opCode == uint8(Operations.OpType.ChangePubKey)) return CHANGE_PUBKEY_BYTES;
        if (opCode == uint8(Operations.OpType.ForcedExit)) return FORCED_EXIT_BYTES;
        if (opCode == uint8(Operations.OpType.WithdrawNFT)) return WITHDRAW_NFT_BYTES;
        return 0;
    }

    /// @dev Ops that leave the L2 state and are replayed by executeBlocks.
    function isPendingOp(uint8 opCode) internal pure returns (bool) {
        return
            opCode == uint8(Operations.OpType.PartialExit) ||
            opCode == uint8(Operations.OpType.ForcedExit) ||
            opCode == uint8(Operations.OpType.FullExit) ||
            opCode == uint8(Operations.OpType.WithdrawNFT);
    }

    /// @dev Request slots past the end of the queue are empty (OpType.Noop), so a block cannot consume more
    ///      priority requests than are open: the type check fails first.
    function checkPriorityDeposit(Operations.Deposit memory op, uint64 requestId) internal view {
        PriorityOperation storage request = priorityRequests[requestId];
        if (request.opType != Operations.OpType.Deposit) revert PriorityOpTypeMismatch(requestId);
        if (!Operations.checkDepositInPriorityQueue(op, request.hashedPubData)) revert PriorityOpPubdataMismatch(requestId);
    }

    function checkPriorityFullExit(Operations.FullExit memory op, uint64 requestId) internal view {
        PriorityOperation storage request = priorityRequests[requestId];
        if (request.opType != Operations.OpType.FullExit) revert PriorityOpTypeMismatch(requestId);
        if (!Operations.checkFullExitInPriorityQueue(op, request.hashedPubData)) {
            revert PriorityOpPubdataMismatch(requestId);
        }
    }

    function checkChangePubKey(Operations.ChangePubKey memory op, bytes calldata ethWitness) internal view {
        if (ethWitness.length == 0) {
            if (authFacts[op.owner][op.nonce] != keccak256(abi.encodePacked(op.pubKeyHash))) {
                revert ChangePubKeyNotAuthorized(op.accountId);
            }
        } else if (!ChangePubKeyAuth.verify(ethWitness, op)) {
            revert ChangePubKeyWitnessInvalid(op.accountId);
        }
    }

    /// @dev The SHA-256 chain of PROTOCOL.md §4.4; the last step hashes the buffer in place (no copy of pubdata).
    function createBlockCommitment(
        bytes32 oldStateHash,
        CommitBlockInfo calldata newBlock,
        bytes memory buffer
    ) internal view returns (bytes32 commitment) {
        bytes32 hash = sha256(abi.encodePacked(uint256(newBlock.blockNumber), uint256(newBlock.feeAccount)));
        hash = sha256(abi.encodePacked(hash, oldStateHash));
        hash = sha256(abi.encodePacked(hash, newBlock.newStateHash));
        hash = sha256(abi.encodePacked(hash, newBlock.timestamp));
        assembly {
            mstore(add(buffer, 32), hash)
            if iszero(staticcall(gas(), 0x02, add(buffer, 32), mload(buffer), 0x00, 0x20)) {
                revert(0, 0)
            }
            commitment := mload(0x00)
        }
    }

    // ---------------------------------------------------------------- prove

    /// @notice Proves committed blocks in order, one Groth16 proof each. Blocks at the start of the list that are
    ///         already proven are skipped (with their proofs), so a resent transaction still goes through.
    function proveBlocks(StoredBlockInfo[] calldata committedBlocks, BlockProof[] calldata proofs) external nonReentrant {
        requireActive();
        if (committedBlocks.length != proofs.length) revert ProofCountMismatch();
        uint32 proven = totalBlocksProven;
        bytes32 firstUnprovenHash = storedBlockHashes[proven + 1];
        uint256 i = 0;
        while (i < committedBlocks.length && hashStoredBlockInfo(committedBlocks[i]) != firstUnprovenHash) ++i;
        if (i == committedBlocks.length) revert NoUnprovenBlockGiven();

        for (; i < committedBlocks.length; ++i) {
            StoredBlockInfo calldata committedBlock = committedBlocks[i];
            ++proven;
            if (hashStoredBlockInfo(committedBlock) != storedBlockHashes[proven]) revert ProvenBlockMismatch(proven);
            if (!verifier.verifyBlockProof(proofs[i].chunks, committedBlock.commitment, proofs[i].proof)) {
                revert InvalidProof(committedBlock.blockNumber);
            }
        }
        totalBlocksProven = proven;
    }

    // ---------------------------------------------------------------- execute

    /// @notice Executes proven blocks in order: credits pending balances and NFTs, pops their priority requests.
    function executeBlocks(ExecuteBlockInfo[] calldata blocksData) external nonReentrant {
        requireActive();
        governance.requireActiveValidator(msg.sender);
        uint32 executed = totalBlocksExecuted;
        uint64 priorityRequestsExecuted = 0;
        for (uint256 i = 0; i < blocksData.length; ++i) {
            ++executed;
            executeOneBlock(blocksData[i], executed);
            priorityRequestsExecuted += blocksData[i].storedBlock.priorityOperations;
            emit BlockVerification(executed);
        }
        if (executed > totalBlocksProven) revert BlockNotProven();
        firstPriorityRequestId += priorityRequestsExecuted;
        totalCommittedPriorityRequests -= priorityRequestsExecuted;
        totalOpenPriorityRequests -= priorityRequestsExecuted;
        totalBlocksExecuted = executed;
    }

    function executeOneBlock(ExecuteBlockInfo calldata blockData, uint32 expectedBlockNumber) internal {
        StoredBlockInfo calldata storedBlock = blockData.storedBlock;
        if (storedBlock.blockNumber != expectedBlockNumber) {
            revert BlocksNotInOrder(expectedBlockNumber, storedBlock.blockNumber);
        }
        if (hashStoredBlockInfo(storedBlock) != storedBlockHashes[expectedBlockNumber]) {
            revert ExecutedBlockMismatch(expectedBlockNumber);
        }

        bytes32 pendingOnchainOpsHash = EMPTY_STRING_KECCAK;
        for (uint256 i = 0; i < blockData.pendingOnchainOpsPubdata.length; ++i) {
            bytes calldata pubData = blockData.pendingOnchainOpsPubdata[i];
            executePendingOp(pubData);
            pendingOnchainOpsHash = Utils.concatHash(pendingOnchainOpsHash, pubData);
        }
        if (pendingOnchainOpsHash != storedBlock.pendingOnchainOperationsHash) {
            revert PendingOpsHashMismatch(expectedBlockNumber);
        }
    }

    function executePendingOp(bytes calldata pubData) internal {
        uint8 opCode = pubData.length == 0 ? 0 : uint8(pubData[0]);
        if (!isPendingOp(opCode)) revert UnsupportedPendingOp(opCode);
        if (pubData.length != onchainOpSize(opCode)) revert InvalidPendingOpLength(opCode, pubData.length);
        Operations.OpType opType = Operations.OpType(opCode);

        if (opType == Operations.OpType.PartialExit) {
            Operations.PartialExit memory op = Operations.readPartialExitPubdata(pubData);
            if (op.tokenId > MAX_FUNGIBLE_TOKEN_ID) revert NonFungibleWithdrawal(op.tokenId);
            increasePendingBalance(uint16(op.tokenId), op.owner, op.amount, Operations.WithdrawalType.PartialExit);
        } else if (opType == Operations.OpType.ForcedExit) {
            Operations.ForcedExit memory op = Operations.readForcedExitPubdata(pubData);
            if (op.tokenId > MAX_FUNGIBLE_TOKEN_ID) revert NonFungibleWithdrawal(op.tokenId);
            increasePendingBalance(uint16(op.tokenId), op.target, op.amount, Operations.WithdrawalType.ForcedExit);
        } else if (opType == Operations.OpType.FullExit) {
            Operations.FullExit memory op = Operations.readFullExitPubdata(pubData);
            if (op.tokenId <= MAX_FUNGIBLE_TOKEN_ID) {
                increasePendingBalance(uint16(op.tokenId), op.owner, op.amount, Operations.WithdrawalType.FullExit);
            } else if (op.amount == 1) {
                storePendingNFT(
                    Operations.WithdrawNFT(
                        op.nftCreatorAccountId,
                        op.nftCreatorAddress,
                        op.nftSerialId,
                        op.nftContentHash,
                        op.owner,
                        op.tokenId
                    )
                );
            }
        } else {
            storePendingNFT(Operations.readWithdrawNFTPubdata(pubData));
        }
    }

    function increasePendingBalance(
        uint16 tokenId,
        address recipient,
        uint128 amount,
        Operations.WithdrawalType withdrawalType
    ) internal {
        bytes22 key = packAddressAndTokenId(recipient, tokenId);
        pendingBalances[key] = PendingBalance(pendingBalances[key].balanceToWithdraw + amount, FILLED_GAS_RESERVE_VALUE);
        emit WithdrawalPending(tokenId, recipient, amount, withdrawalType);
    }

    function storePendingNFT(Operations.WithdrawNFT memory op) internal {
        pendingWithdrawnNFTs[op.tokenId] = op;
        emit WithdrawalNFTPending(op.tokenId);
    }

    // ---------------------------------------------------------------- withdrawals (work in exodus mode too)

    /// @notice Pending balance of `owner` in `token` (address 0 = ETH).
    function getPendingBalance(address owner, address token) external view returns (uint128) {
        uint16 tokenId = token == address(0) ? 0 : governance.validateTokenAddress(token);
        return pendingBalances[packAddressAndTokenId(owner, tokenId)].balanceToWithdraw;
    }

    /// @notice An NFT waiting for `withdrawPendingNFTBalance` (tokenId 0 when there is none).
    function getPendingWithdrawnNFT(uint32 tokenId) external view returns (Operations.WithdrawNFT memory) {
        return pendingWithdrawnNFTs[tokenId];
    }

    /// @notice Sends up to `amount` of `owner`'s pending balance to `owner`; anyone may call it.
    ///         A token that moves more than asked (fee charged to the sender) is accepted up to the pending balance.
    function withdrawPendingBalance(address payable owner, address token, uint128 amount) external nonReentrant {
        uint16 tokenId = token == address(0) ? 0 : governance.validateTokenAddress(token);
        bytes22 key = packAddressAndTokenId(owner, tokenId);
        uint128 balance = pendingBalances[key].balanceToWithdraw;
        uint128 toWithdraw = Utils.minU128(balance, amount);
        if (toWithdraw == 0) revert NothingToWithdraw();

        pendingBalances[key].balanceToWithdraw = balance - toWithdraw;
        if (tokenId == 0) {
            (bool success, ) = owner.call{value: toWithdraw}("");
            if (!success) revert EthTransferFailed();
        } else {
            uint256 balanceBefore = IERC20(token).balanceOf(address(this));
            IERC20(token).safeTransfer(owner, toWithdraw);
            uint256 balanceAfter = IERC20(token).balanceOf(address(this));
            if (balanceAfter >= balanceBefore) revert TokenBalanceNotDecreased();
            uint256 decrease = balanceBefore - balanceAfter;
            if (decrease > balance) revert WithdrawnMoreThanPending(decrease, balance);
            toWithdraw = uint128(decrease);
            pendingBalances[key].balanceToWithdraw = balance - toWithdraw;
        }
        emit Withdrawal(owner, tokenId, toWithdraw);
    }

    /// @notice Mints a withdrawn NFT on L1 through its creator's factory (or the default one).
    function withdrawPendingNFTBalance(uint32 tokenId) external nonReentrant {
        Operations.WithdrawNFT memory op = pendingWithdrawnNFTs[tokenId];
        if (op.tokenId == 0) revert NoPendingNFT(tokenId);
        INFTFactory factory = governance.getNFTFactory(op.creatorAccountId, op.creatorAddress);
        withdrawnNFTs[tokenId] = address(factory);
        delete pendingWithdrawnNFTs[tokenId];
        factory.mintNFTFromZkSync(
            op.creatorAddress,
            op.receiver,
            op.creatorAccountId,
            op.serialId,
            op.contentHash,
            op.tokenId
        );
        emit WithdrawalNFT(op.tokenId);
    }

    // ---------------------------------------------------------------- exodus

    /// @notice Starts exodus mode when the oldest open priority request has expired. Anyone may call it.
    /// @return Whether exodus mode was entered by this call.
    function activateExodusMode() external nonReentrant returns (bool) {
        if (exodusMode || !oldestPriorityRequestExpired()) return false;
        exodusMode = true;
        emit ExodusMode();
        return true;
    }

    /// @dev The condition of exodus mode: the oldest open priority request is past its expiration block.
    function oldestPriorityRequestExpired() internal view returns (bool) {
        return
            totalOpenPriorityRequests != 0 &&
            block.number >= priorityRequests[firstPriorityRequestId].expirationBlock;
    }

    // ---------------------------------------------------------------- delegated to ZkLiteExtension

    /// @notice Removes committed, not yet executed blocks, newest first (validator only).
    function revertBlocks(StoredBlockInfo[] calldata) external {
        delegateToExtension();
    }

    /// @notice Authorizes on chain a ChangePubKey of msg.sender's account to `pubkeyHash` at `nonce`.
    function setAuthPubkeyHash(bytes calldata, uint32) external {
        delegateToExtension();
    }

    /// @notice In exodus mode, credits the balance an exit proof shows in the last executed state.
    function performExodus(
        StoredBlockInfo calldata,
        address,
        uint32,
        uint32,
        uint128,
        uint32,
        address,
        uint32,
        bytes32,
        uint256[8] calldata
    ) external {
        delegateToExtension();
    }

    /// @notice In exodus mode, returns unexecuted deposits to their depositors and drops other open requests.
    function cancelOutstandingDepositsForExodusMode(uint64, bytes[] calldata) external {
        delegateToExtension();
    }

    /// @notice Open priority request by id (expirationBlock 0 when there is none).
    function getPriorityRequest(uint64 requestId) external view returns (PriorityOperation memory) {
        return priorityRequests[requestId];
    }

    /// @dev Runs the same calldata in the extension on this contract's storage; the extension guards reentrancy.
    function delegateToExtension() internal {
        address target = extension;
        assembly {
            calldatacopy(0, 0, calldatasize())
            let success := delegatecall(gas(), target, 0, calldatasize(), 0, 0)
            returndatacopy(0, 0, returndatasize())
            switch success
            case 0 {
                revert(0, returndatasize())
            }
            default {
                return(0, returndatasize())
            }
        }
    }
}
