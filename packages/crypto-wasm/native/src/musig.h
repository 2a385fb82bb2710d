/* zkSync's MuSig-style Schnorr signature with the Rescue challenge (PROTOCOL.md §2.4). */
#ifndef ZKLITE_MUSIG_H
#define ZKLITE_MUSIG_H

#include <stdint.h>

#define MUSIG_MAX_MESSAGE_BYTES 92

/* Verdicts of musig_verify. */
#define MUSIG_VALID 1
#define MUSIG_INVALID 0
#define MUSIG_BAD_PUBLIC_KEY (-1)    /* zksync-crypto: "couldn't read public key" */
#define MUSIG_BAD_SIGNATURE (-2)     /* zksync-crypto: "Failed to parse signature" (R or s) */
#define MUSIG_MESSAGE_TOO_LONG (-3)  /* zksync-crypto panics */

/* rescue_hash_tx_msg: the 32-byte little-endian message hash that is signed. Returns 0 if too long. */
int musig_hash_message(uint8_t out[32], const uint8_t *message, int length);
int musig_verify(const uint8_t *message, int length, const uint8_t signature[96]);
/*
 * The elliptic-curve half of signing: from the private key sk and the nonce k (both little-endian and
 * below l) and the hashed message, writes packed(sk G) ‖ packed(k G) ‖ c (little-endian challenge).
 * The caller derives k and computes s = k + c sk mod l. Returns 0 when sk or k is out of range.
 */
int musig_sign_points(uint8_t out[96], const uint8_t private_key[32], const uint8_t nonce[32],
                      const uint8_t hashed_message[32]);
/* packed(sk G); returns 0 when sk >= l. */
int musig_public_key(uint8_t out[32], const uint8_t private_key[32]);

#endif
