// SPDX-License-Identifier: MIT OR Apache-2.0
pragma solidity ^0.8.28;

/// @title Operation types and pubdata layouts (PROTOCOL.md §3.1, §4.2, §6.3)
/// @notice All integers are big-endian. Readers take an operation's own bytes, starting at its op code.
library Operations {
    /// @dev Op codes; the numeric value is the first byte of the op's pubdata.
    enum OpType {
        Noop,
        Deposit,
        TransferToNew,
        PartialExit,
        CloseAccount,
        Transfer,
        FullExit,
        ChangePubKey,
        ForcedExit,
        MintNFT,
        WithdrawNFT,
        Swap
    }

    /// @dev Why a pending balance was credited (WithdrawalPending event).
    enum WithdrawalType {
        PartialExit,
        ForcedExit,
        FullExit
    }

    /// @dev First byte of a ChangePubKey eth witness (PROTOCOL.md §2.6).
    enum ChangePubkeyType {
        ECRECOVER,
        CREATE2,
        OldECRECOVER,
        ECRECOVERV2,
        EIP712
    }

    struct Deposit {
        uint32 accountId;
        uint32 tokenId;
        uint128 amount;
        address owner;
    }

    struct FullExit {
        uint32 accountId;
        address owner;
        uint32 tokenId;
        uint128 amount;
        uint32 nftCreatorAccountId;
        address nftCreatorAddress;
        uint32 nftSerialId;
        bytes32 nftContentHash;
    }

    struct PartialExit {
        uint32 tokenId;
        uint128 amount;
        address owner;
    }

    struct ForcedExit {
        uint32 tokenId;
        uint128 amount;
        address target;
    }

    struct ChangePubKey {
        uint32 accountId;
        bytes20 pubKeyHash;
        address owner;
        uint32 nonce;
    }

    struct WithdrawNFT {
        uint32 creatorAccountId;
        address creatorAddress;
        uint32 serialId;
        bytes32 contentHash;
        address receiver;
        uint32 tokenId;
    }

    /// @dev Significant bytes of a Deposit: 01 ‖ accountId4 ‖ token4 ‖ amount16 ‖ owner20.
    uint256 internal constant PACKED_DEPOSIT_PUBDATA_BYTES = 45;
    /// @dev Significant bytes of a FullExit (PROTOCOL.md §4.2).
    uint256 internal constant PACKED_FULL_EXIT_PUBDATA_BYTES = 105;

    function readUint32(bytes calldata data, uint256 offset) private pure returns (uint32) {
        return uint32(bytes4(data[offset:offset + 4]));
    }

    function readUint128(bytes calldata data, uint256 offset) private pure returns (uint128) {
        return uint128(bytes16(data[offset:offset + 16]));
    }

    function readAddress(bytes calldata data, uint256 offset) private pure returns (address) {
        return address(bytes20(data[offset:offset + 20]));
    }

    function readDepositPubdata(bytes calldata data) internal pure returns (Deposit memory op) {
        op.accountId = readUint32(data, 1);
        op.tokenId = readUint32(data, 5);
        op.amount = readUint128(data, 9);
        op.owner = readAddress(data, 25);
    }

    function readFullExitPubdata(bytes calldata data) internal pure returns (FullExit memory op) {
        op.accountId = readUint32(data, 1);
        op.owner = readAddress(data, 5);
        op.tokenId = readUint32(data, 25);
        op.amount = readUint128(data, 29);
        op.nftCreatorAccountId = readUint32(data, 45);
        op.nftCreatorAddress = readAddress(data, 49);
        op.nftSerialId = readUint32(data, 69);
        op.nftContentHash = bytes32(data[73:105]);
    }

    /// @dev 03 ‖ accountId4 ‖ token4 ‖ amount16 ‖ fee2 ‖ owner20
    function readPartialExitPubdata(bytes calldata data) internal pure returns (PartialExit memory op) {
        op.tokenId = readUint32(data, 5);
        op.amount = readUint128(data, 9);
        op.owner = readAddress(data, 27);
    }

    /// @dev 08 ‖ initiatorId4 ‖ targetId4 ‖ token4 ‖ amount16 ‖ fee2 ‖ target20
    function readForcedExitPubdata(bytes calldata data) internal pure returns (ForcedExit memory op) {
        op.tokenId = readUint32(data, 9);
        op.amount = readUint128(data, 13);
        op.target = readAddress(data, 31);
    }

    /// @dev 07 ‖ accountId4 ‖ pubKeyHash20 ‖ owner20 ‖ nonce4 ‖ feeToken4 ‖ fee2
    function readChangePubKeyPubdata(bytes calldata data) internal pure returns (ChangePubKey memory op) {
        op.accountId = readUint32(data, 1);
        op.pubKeyHash = bytes20(data[5:25]);
        op.owner = readAddress(data, 25);
        op.nonce = readUint32(data, 45);
    }

    /// @dev 0a ‖ accountId4 ‖ creatorId4 ‖ creatorAddress20 ‖ serialId4 ‖ contentHash32 ‖ to20 ‖ token4 ‖ feeToken4 ‖ fee2
    function readWithdrawNFTPubdata(bytes calldata data) internal pure returns (WithdrawNFT memory op) {
        op.creatorAccountId = readUint32(data, 5);
        op.creatorAddress = readAddress(data, 9);
        op.serialId = readUint32(data, 29);
        op.contentHash = bytes32(data[33:65]);
        op.receiver = readAddress(data, 65);
        op.tokenId = readUint32(data, 85);
    }

    /// @dev Deposit as queued on L1: the account id is zero because the operator assigns it.
    function writeDepositPubdataForPriorityQueue(Deposit memory op) internal pure returns (bytes memory) {
        return abi.encodePacked(uint8(OpType.Deposit), uint32(0), op.tokenId, op.amount, op.owner);
    }

    /// @dev FullExit as queued on L1: amount and NFT fields are zero because the operator supplies them.
    function writeFullExitPubdataForPriorityQueue(FullExit memory op) internal pure returns (bytes memory) {
        return
            abi.encodePacked(
                uint8(OpType.FullExit),
                op.accountId,
                op.owner,
                op.tokenId,
                uint128(0),
                uint32(0),
                address(0),
                uint32(0),
                bytes32(0)
            );
    }

    /// @dev Low 20 bytes of keccak256 — what the priority queue stores per request.
    function hashPubdata(bytes memory data) internal pure returns (bytes20) {
        return bytes20(uint160(uint256(keccak256(data))));
    }

    function checkDepositInPriorityQueue(Deposit memory op, bytes20 hashedPubData) internal pure returns (bool) {
        return hashPubdata(writeDepositPubdataForPriorityQueue(op)) == hashedPubData;
    }

    function checkFullExitInPriorityQueue(FullExit memory op, bytes20 hashedPubData) internal pure returns (bool) {
        return hashPubdata(writeFullExitPubdataForPriorityQueue(op)) == hashedPubData;
    }
}
