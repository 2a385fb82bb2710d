/*
 * 9 x 29-bit limbs held in 64-bit words, Montgomery R = 2^261. Included by field.h only.
 *
 * WebAssembly has no 64x64->128 multiply, so limbs are kept small enough that a product fits in 58
 * bits and the 18 products that meet in one accumulator during a Montgomery multiplication stay
 * below 2^63: no carry has to be propagated inside the multiplication loops.
 */
#include <stdint.h>

#define FE_LIMBS 9
#define FE_BITS 29
#define FE_MASK ((1ULL << FE_BITS) - 1)

typedef struct { uint64_t l[FE_LIMBS]; } fe;

/* p in 29-bit limbs. p = 1 + 2^28 mod 2^29, hence -p^-1 mod 2^29 = 2^28 - 1. */
#define FE_P_LIMBS { 0x10000001ULL, 0x1f0fac9fULL, 0x0e5c2450ULL, 0x07d090f3ULL, 0x1585d283ULL, \
                     0x02db40c0ULL, 0x00a6e141ULL, 0x0e5c2634ULL, 0x0030644eULL }
#define FE_PINV 0x0fffffffULL

static const fe FE_ONE = { { 0x0fffff57ULL, 0x1ea70ab4ULL, 0x052c068bULL, 0x17504f49ULL, 0x0aa8075bULL,
                             0x1d4240ceULL, 0x11d54c07ULL, 0x052ac7a8ULL, 0x000dc836ULL } };
static const fe FE_ZERO = { { 0 } };
static const fe FE_R2 = { { 0x05b69bd4ULL, 0x06170a5aULL, 0x020cddceULL, 0x1db6310bULL, 0x0e54d0ffULL,
                            0x1cf855e3ULL, 0x1c15e103ULL, 0x07d09161ULL, 0x000a054aULL } };

/* r = t - p if t >= p; t has normalized limbs and t < 2p. */
static inline void fe_reduce_once(fe *r, const uint64_t t[FE_LIMBS]) {
  static const uint64_t P[FE_LIMBS] = FE_P_LIMBS;
  uint64_t d[FE_LIMBS];
  int64_t borrow = 0;
  for (int i = 0; i < FE_LIMBS; i++) {
    int64_t v = (int64_t)t[i] - (int64_t)P[i] + borrow;
    d[i] = (uint64_t)v & FE_MASK;
    borrow = v >> FE_BITS; /* 0 or -1 */
  }
  uint64_t keep = (uint64_t)borrow; /* all ones when t < p */
  for (int i = 0; i < FE_LIMBS; i++) r->l[i] = (t[i] & keep) | (d[i] & ~keep);
}

static inline void fe_mul(fe *r, const fe *a, const fe *b) {
  static const uint64_t P[FE_LIMBS] = FE_P_LIMBS;
  uint64_t t[FE_LIMBS + 1] = { 0 };
  for (int i = 0; i < FE_LIMBS; i++) {
    uint64_t ai = a->l[i];
    for (int j = 0; j < FE_LIMBS; j++) t[j] += ai * b->l[j];
    uint64_t m = ((t[0] & FE_MASK) * FE_PINV) & FE_MASK;
    for (int j = 0; j < FE_LIMBS; j++) t[j] += m * P[j];
    /* t[0] is now divisible by 2^29: shift the accumulator down one limb */
    uint64_t carry = t[0] >> FE_BITS;
    for (int j = 0; j < FE_LIMBS - 1; j++) t[j] = t[j + 1];
    t[0] += carry;
    t[FE_LIMBS - 1] = 0;
  }
  uint64_t n[FE_LIMBS];
  uint64_t carry = 0;
  for (int j = 0; j < FE_LIMBS; j++) {
    uint64_t v = t[j] + carry;
    n[j] = v & FE_MASK;
    carry = v >> FE_BITS;
  }
  fe_reduce_once(r, n);
}

static inline void fe_sqr(fe *r, const fe *a) {
  fe_mul(r, a, a);
}

static inline void fe_add(fe *r, const fe *a, const fe *b) {
  uint64_t t[FE_LIMBS];
  uint64_t carry = 0;
  for (int i = 0; i < FE_LIMBS; i++) {
    uint64_t v = a->l[i] + b->l[i] + carry;
    t[i] = v & FE_MASK;
    carry = v >> FE_BITS;
  }
  fe_reduce_once(r, t);
}

static inline void fe_sub(fe *r, const fe *a, const fe *b) {
  static const uint64_t P[FE_LIMBS] = FE_P_LIMBS;
  uint64_t t[FE_LIMBS];
  int64_t borrow = 0;
  for (int i = 0; i < FE_LIMBS; i++) {
    int64_t v = (int64_t)a->l[i] - (int64_t)b->l[i] + borrow;
    t[i] = (uint64_t)v & FE_MASK;
    borrow = v >> FE_BITS;
  }
  uint64_t mask = (uint64_t)borrow; /* add p back when a < b */
  uint64_t carry = 0;
  for (int i = 0; i < FE_LIMBS; i++) {
    uint64_t v = t[i] + (P[i] & mask) + carry;
    r->l[i] = v & FE_MASK;
    carry = v >> FE_BITS;
  }
}

static inline int fe_is_zero(const fe *a) {
  uint64_t acc = 0;
  for (int i = 0; i < FE_LIMBS; i++) acc |= a->l[i];
  return acc == 0;
}

static inline int fe_equal(const fe *a, const fe *b) {
  uint64_t acc = 0;
  for (int i = 0; i < FE_LIMBS; i++) acc |= a->l[i] ^ b->l[i];
  return acc == 0;
}

/* Plain 4 x 64-bit words <-> limbs (no Montgomery conversion), used by field.c. */
static inline void fe_set_words(fe *r, const uint64_t w[4]) {
  for (int i = 0; i < FE_LIMBS; i++) {
    int bit = i * FE_BITS;
    int word = bit >> 6, shift = bit & 63;
    uint64_t v = w[word] >> shift;
    if (shift > 64 - FE_BITS && word < 3) v |= w[word + 1] << (64 - shift);
    r->l[i] = v & FE_MASK;
  }
}

static inline void fe_get_words(uint64_t w[4], const fe *a) {
  w[0] = w[1] = w[2] = w[3] = 0;
  for (int i = 0; i < FE_LIMBS; i++) {
    int bit = i * FE_BITS;
    int word = bit >> 6, shift = bit & 63;
    w[word] |= a->l[i] << shift;
    if (shift > 64 - FE_BITS && word < 3) w[word + 1] |= a->l[i] >> (64 - shift);
  }
}
