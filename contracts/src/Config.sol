// SPDX-License-Identifier: MIT OR Apache-2.0
pragma solidity ^0.8.28;

/// @title zkLite protocol constants (values of PROTOCOL.md §1.1, §4, §6)

/// @dev Bytes in one pubdata chunk.
uint256 constant CHUNK_BYTES = 10;

/// @dev Op sizes in bytes (chunks × CHUNK_BYTES), PROTOCOL.md §3.1.
uint256 constant DEPOSIT_BYTES = 6 * CHUNK_BYTES;
uint256 constant PARTIAL_EXIT_BYTES = 6 * CHUNK_BYTES;
uint256 constant FULL_EXIT_BYTES = 11 * CHUNK_BYTES;
uint256 constant CHANGE_PUBKEY_BYTES = 6 * CHUNK_BYTES;
uint256 constant FORCED_EXIT_BYTES = 6 * CHUNK_BYTES;
uint256 constant WITHDRAW_NFT_BYTES = 10 * CHUNK_BYTES;

/// @dev Highest L2 account id (the account tree's used subtree has depth 24).
uint32 constant MAX_ACCOUNT_ID = (2 ** 24) - 1;
/// @dev The NFT-storage account (PROTOCOL.md §1.4); nobody may exit from it.
uint32 constant SPECIAL_ACCOUNT_ID = (2 ** 24) - 1;
address constant SPECIAL_ACCOUNT_ADDRESS = address(0xFFfFfFffFFfffFFfFFfFFFFFffFFFffffFfFFFfF);
/// @dev Token id of the NFT counters; real NFT ids are above MAX_FUNGIBLE_TOKEN_ID and below it.
uint32 constant SPECIAL_NFT_TOKEN_ID = (2 ** 31) - 2;
/// @dev Token ids up to this value are fungible on L1.
uint32 constant MAX_FUNGIBLE_TOKEN_ID = (2 ** 16) - 1;
/// @dev ERC-20 tokens the governance can list (ETH is token 0 and is not counted).
uint16 constant MAX_AMOUNT_OF_REGISTERED_TOKENS = 1023;

/// @dev Largest deposit (the circuit's balance is u128; 104 bits leave room for sums).
uint128 constant MAX_DEPOSIT_AMOUNT = (2 ** 104) - 1;

/// @dev Expected L1 block period, used to turn durations into block counts.
uint256 constant BLOCK_PERIOD = 15 seconds;
/// @dev A priority request must be executed within this time, or anyone can start exodus mode.
uint256 constant PRIORITY_EXPIRATION_PERIOD = 14 days;
/// @dev PRIORITY_EXPIRATION_PERIOD in L1 blocks.
uint256 constant PRIORITY_EXPIRATION = PRIORITY_EXPIRATION_PERIOD / BLOCK_PERIOD;

/// @dev Time reserved for users to request full exits when an upgrade is announced.
uint256 constant MASS_FULL_EXIT_PERIOD = 5 days;
/// @dev Time reserved for users to withdraw what their full exits returned.
uint256 constant TIME_TO_WITHDRAW_FUNDS_FROM_FULL_EXIT = 2 days;
/// @dev Upgrade notice period: users who disagree with an upgrade can always leave before it applies.
uint256 constant UPGRADE_NOTICE_PERIOD =
    MASS_FULL_EXIT_PERIOD + PRIORITY_EXPIRATION_PERIOD + TIME_TO_WITHDRAW_FUNDS_FROM_FULL_EXIT;

/// @dev A committed block's timestamp may be this much older than the L1 block...
uint256 constant COMMIT_TIMESTAMP_NOT_OLDER = 24 hours;
/// @dev ...and this much newer.
uint256 constant COMMIT_TIMESTAMP_APPROXIMATION_DELTA = 15 minutes;

/// @dev The proofs' single public input is a SHA-256 value with its top 3 bits cleared (fits the BN254 field).
uint256 constant INPUT_MASK = type(uint256).max >> 3;

/// @dev Delay between the two calls that replace an on-chain ChangePubKey authorization.
uint256 constant AUTH_FACT_RESET_TIMELOCK = 1 days;

/// @dev Length of an L2 public key hash.
uint256 constant PUBKEY_HASH_BYTES = 20;

/// @dev keccak256("") — the empty pending-operations hash (PROTOCOL.md §4.3).
bytes32 constant EMPTY_STRING_KECCAK = 0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470;

/// @dev EIP-712 domain of the ChangePubKey authorization; the name stays "ZkSync" so zksync.js signatures verify.
bytes32 constant EIP712_DOMAIN_TYPEHASH = keccak256("EIP712Domain(string name,string version,uint256 chainId)");
bytes32 constant EIP712_CHANGEPUBKEY_TYPEHASH = keccak256("ChangePubKey(bytes20 pubKeyHash,uint32 nonce,uint32 accountId)");
string constant EIP712_DOMAIN_NAME = "ZkSync";
string constant EIP712_DOMAIN_VERSION = "1.0";

/// @dev Marks a pending-balance slot as used so that crediting it later costs a non-zero-to-non-zero write.
uint8 constant FILLED_GAS_RESERVE_VALUE = 0xff;
