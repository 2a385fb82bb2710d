/**
 * zkSync Lite protocol constants (PROTOCOL.md §1.1, §3.1, §4.1). Numbers that are ids or widths are
 * JS numbers; amount limits are bigint.
 */

/** Pubdata is a sequence of chunks of this many bytes. */
export const CHUNK_BYTES = 10;
export const CHUNK_BIT_WIDTH = CHUNK_BYTES * 8;

/** Version byte written after the type byte in every signed message (§3.2). */
export const CURRENT_TX_VERSION = 1;

// Field widths in bytes (all integers big-endian).
export const ACCOUNT_ID_BYTES = 4;
export const TOKEN_ID_BYTES = 4;
export const NONCE_BYTES = 4;
export const ADDRESS_BYTES = 20;
export const PUBKEY_HASH_BYTES = 20;
export const FULL_AMOUNT_BYTES = 16;
export const PACKED_AMOUNT_BYTES = 5;
export const PACKED_FEE_BYTES = 2;
export const TIMESTAMP_BYTES = 8;
export const CONTENT_HASH_BYTES = 32;
export const PRICE_BYTES = 15;
export const ORDERS_HASH_BYTES = 31;
export const TX_HASH_BYTES = 32;
export const ETH_SIGNATURE_BYTES = 65;
export const ZK_PUBKEY_BYTES = 32;
export const ZK_SIGNATURE_BYTES = 64;

// Packed float formats (§1.2): value = mantissa * 10^exponent.
export const AMOUNT_EXPONENT_BIT_WIDTH = 5;
export const AMOUNT_MANTISSA_BIT_WIDTH = 35;
export const FEE_EXPONENT_BIT_WIDTH = 5;
export const FEE_MANTISSA_BIT_WIDTH = 11;
export const PRICE_BIT_WIDTH = 120;

/** Largest u128: every amount and balance must fit. */
export const MAX_AMOUNT = (1n << 128n) - 1n;
/** L1 deposits are `uint104`. */
export const MAX_DEPOSIT_AMOUNT = (1n << 104n) - 1n;
/** Each Order ratio component is < 2^120. */
export const MAX_PRICE = (1n << BigInt(PRICE_BIT_WIDTH)) - 1n;

/** zksync.js rejects account ids >= 2^24: only the 24-bit account subtree is used. */
export const MAX_NUMBER_OF_ACCOUNTS = 2 ** 24;
/**
 * Largest account id that can be encoded (L1 `MAX_ACCOUNT_ID`). It is the NFT storage account, so
 * ordinary accounts are at most `MAX_ACCOUNT_ID - 1` (Rust `max_account_id()`).
 */
export const MAX_ACCOUNT_ID = MAX_NUMBER_OF_ACCOUNTS - 1;
/** Special account holding the NFT counters (§1.4). */
export const NFT_STORAGE_ACCOUNT_ID = MAX_NUMBER_OF_ACCOUNTS - 1;
export const NFT_STORAGE_ACCOUNT_ADDRESS = "0xffffffffffffffffffffffffffffffffffffffff";

/** zksync.js rejects token ids >= 2^31. */
export const MAX_NUMBER_OF_TOKENS = 2 ** 31;
/** Special token whose balances are the NFT serial/next-id counters. */
export const NFT_TOKEN_ID = MAX_NUMBER_OF_TOKENS - 2;
/** Largest token id a transaction may move (Rust `max_token_id()`). */
export const MAX_TOKEN_ID = MAX_NUMBER_OF_TOKENS - 3;
export const MIN_NFT_TOKEN_ID = 2 ** 16;
/** Fees, deposits, withdrawals and forced exits use tokens 0..1023 (`PROCESSABLE_TOKENS_DEPTH = 10`). */
export const MAX_PROCESSABLE_TOKEN_ID = 1023;
/** Rust `max_fungible_token_id()`; note L1 treats every id below `MIN_NFT_TOKEN_ID` as fungible. */
export const MAX_FUNGIBLE_TOKEN_ID = MAX_PROCESSABLE_TOKEN_ID;

export const MAX_NONCE = 2 ** 32 - 1;
/** zksync.js writes timestamps as u64 but only emits values up to u32::MAX; so does zkLite. */
export const MAX_TIMESTAMP = 2 ** 32 - 1;

/** Operation codes: first pubdata byte of each operation (§3.1). */
export const OP_CODE = {
  Noop: 0x00,
  Deposit: 0x01,
  TransferToNew: 0x02,
  Withdraw: 0x03,
  Close: 0x04,
  Transfer: 0x05,
  FullExit: 0x06,
  ChangePubKey: 0x07,
  ForcedExit: 0x08,
  MintNFT: 0x09,
  WithdrawNFT: 0x0a,
  Swap: 0x0b,
} as const;

/** Chunks each operation occupies in pubdata (§3.1). */
export const OP_CHUNKS = {
  Noop: 1,
  Deposit: 6,
  TransferToNew: 6,
  Withdraw: 6,
  Close: 1,
  Transfer: 2,
  FullExit: 11,
  ChangePubKey: 6,
  ForcedExit: 6,
  MintNFT: 5,
  WithdrawNFT: 10,
  Swap: 5,
} as const;

/** First byte of each transaction's signed message (255 - op code; Order is ASCII "o"). */
export const TX_TYPE = {
  Transfer: 0xfa,
  Withdraw: 0xfc,
  ChangePubKey: 0xf8,
  ForcedExit: 0xf7,
  MintNFT: 0xf6,
  WithdrawNFT: 0xf5,
  Swap: 0xf4,
  Order: 0x6f,
} as const;
