/*
 * BN254 scalar field Fr (p = 0x30644e72…f0000001) in Montgomery form.
 *
 * Two limb layouts share this interface and every caller:
 *   field_u64.h  4 x 64-bit limbs with 128-bit products: native builds (x86-64, arm64).
 *   field_u29.h  9 x 29-bit limbs in 64-bit words: WebAssembly, whose i64.mul keeps only the low
 *                64 bits of a product; 29-bit limbs let 18 products accumulate with no carry handling.
 * Every fe holds a fully reduced value (0 <= x < p) in Montgomery form.
 */
#ifndef ZKLITE_FIELD_H
#define ZKLITE_FIELD_H

#include <stdint.h>

#if defined(ZKLITE_FIELD_U29)
#include "field_u29.h"
#else
#include "field_u64.h"
#endif

#ifndef FE_HAS_MUL2
/* Two independent products; backends with a faster interleaved version define FE_HAS_MUL2. */
static inline void fe_mul2(fe r[2], const fe a[2], const fe b[2]) {
  fe_mul(&r[0], &a[0], &b[0]);
  fe_mul(&r[1], &a[1], &b[1]);
}
#endif

/* Canonical little-endian 32-byte encodings. fe_from_bytes returns 0 when the value is >= p. */
int fe_from_bytes(fe *out, const uint8_t in[32]);
void fe_to_bytes(uint8_t out[32], const fe *a);
/* Reduces any 256-bit little-endian integer modulo p (never fails). */
void fe_from_bytes_reduce(fe *out, const uint8_t in[32]);
void fe_from_u64(fe *out, uint64_t value);

/* a^e for a 256-bit exponent given as four little-endian 64-bit words (sliding window). */
void fe_pow(fe *out, const fe *a, const uint64_t e[4]);
/* a^(1/5): the inverse S-box of Rescue; fe_fifth_root3 takes three roots in place, interleaved. */
void fe_fifth_root(fe *out, const fe *a);
void fe_fifth_root3(fe x[3]);
/* a^-1 for a != 0 (0 maps to 0). */
void fe_inverse(fe *out, const fe *a);
/* Square root by Tonelli-Shanks (p - 1 = 2^28 q). Returns 0 when a is not a square. */
int fe_sqrt(fe *out, const fe *a);
/* Canonical parity (bit 0 of the integer value). */
int fe_is_odd(const fe *a);

void field_init(void);

#endif
