/** Byte sizes of zkSync Lite's cryptographic objects (PROTOCOL.md §2). */
export const PRIVATE_KEY_BYTES = 32;
export const PUBLIC_KEY_BYTES = 32;
export const PUBKEY_HASH_BYTES = 20;
/** packed public key (32) ‖ packed R (32) ‖ s little-endian (32). */
export const SIGNATURE_BYTES = 96;
export const MIN_SEED_BYTES = 32;
/** The circuit signs at most 736 bits of message (`PAD_MSG_BEFORE_HASH_BITS_LEN`). */
export const MAX_TX_MESSAGE_BYTES = 92;
export const TX_MESSAGE_HASH_BYTES = 32;
/** Two serialized orders of 89 bytes each. */
export const ORDERS_BYTES = 178;
export const ORDERS_HASH_BYTES = 31;
