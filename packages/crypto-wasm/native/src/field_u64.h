/* 4 x 64-bit limbs, Montgomery R = 2^256. Included by field.h only. */
#include <stdint.h>

typedef unsigned __int128 zk_u128;
typedef struct { uint64_t l[4]; } fe;

#define FE_P0 0x43e1f593f0000001ULL
#define FE_P1 0x2833e84879b97091ULL
#define FE_P2 0xb85045b68181585dULL
#define FE_P3 0x30644e72e131a029ULL
/* -p^-1 mod 2^64 */
#define FE_PINV 0xc2e1f593efffffffULL

static const fe FE_ONE = { { 0xac96341c4ffffffbULL, 0x36fc76959f60cd29ULL, 0x666ea36f7879462eULL, 0x0e0a77c19a07df2fULL } };
static const fe FE_ZERO = { { 0, 0, 0, 0 } };
/* R^2 mod p: multiplying by it enters Montgomery form. */
static const fe FE_R2 = { { 0x1bb8e645ae216da7ULL, 0x53fe3ab1e35c59e3ULL, 0x8c49833d53bb8085ULL, 0x0216d0b17f4e44a5ULL } };

/* r = t - p if t >= p, for t < 2p. */
static inline void fe_reduce_once(fe *r, uint64_t t0, uint64_t t1, uint64_t t2, uint64_t t3) {
  zk_u128 d;
  uint64_t s0, s1, s2, s3, borrow;
  d = (zk_u128)t0 - FE_P0; s0 = (uint64_t)d; borrow = (uint64_t)(d >> 64) & 1;
  d = (zk_u128)t1 - FE_P1 - borrow; s1 = (uint64_t)d; borrow = (uint64_t)(d >> 64) & 1;
  d = (zk_u128)t2 - FE_P2 - borrow; s2 = (uint64_t)d; borrow = (uint64_t)(d >> 64) & 1;
  d = (zk_u128)t3 - FE_P3 - borrow; s3 = (uint64_t)d; borrow = (uint64_t)(d >> 64) & 1;
  uint64_t keep = 0 - borrow; /* all ones when t < p */
  r->l[0] = (t0 & keep) | (s0 & ~keep);
  r->l[1] = (t1 & keep) | (s1 & ~keep);
  r->l[2] = (t2 & keep) | (s2 & ~keep);
  r->l[3] = (t3 & keep) | (s3 & ~keep);
}

#if defined(ZKLITE_X86_ADX)
#include "field_u64_adx.h"
#else
/*
 * Montgomery product, CIOS without the extra carry word: valid because the top limb of p is below
 * 2^62, so every intermediate fits in four limbs plus one carry.
 */
static inline void fe_mul(fe *r, const fe *a, const fe *b) {
  static const uint64_t P[4] = { FE_P0, FE_P1, FE_P2, FE_P3 };
  uint64_t t[4] = { 0, 0, 0, 0 };
  for (int i = 0; i < 4; i++) {
    uint64_t bi = b->l[i];
    zk_u128 x = (zk_u128)a->l[0] * bi + t[0];
    uint64_t carry_a = (uint64_t)(x >> 64);
    t[0] = (uint64_t)x;
    uint64_t m = t[0] * FE_PINV;
    zk_u128 y = (zk_u128)m * P[0] + t[0];
    uint64_t carry_m = (uint64_t)(y >> 64);
    for (int j = 1; j < 4; j++) {
      x = (zk_u128)a->l[j] * bi + t[j] + carry_a;
      carry_a = (uint64_t)(x >> 64);
      y = (zk_u128)m * P[j] + (uint64_t)x + carry_m;
      carry_m = (uint64_t)(y >> 64);
      t[j - 1] = (uint64_t)y;
    }
    t[3] = carry_a + carry_m;
  }
  fe_reduce_once(r, t[0], t[1], t[2], t[3]);
}

/* Squaring: the 8-limb square with doubled cross products, then Montgomery reduction. */
static inline void fe_sqr(fe *r, const fe *a) {
  static const uint64_t P[4] = { FE_P0, FE_P1, FE_P2, FE_P3 };
  const uint64_t *x = a->l;
  uint64_t w[8];
  zk_u128 acc;
  uint64_t c;
  /* cross products x_i x_j, i < j */
  acc = (zk_u128)x[0] * x[1]; w[1] = (uint64_t)acc; c = (uint64_t)(acc >> 64);
  acc = (zk_u128)x[0] * x[2] + c; w[2] = (uint64_t)acc; c = (uint64_t)(acc >> 64);
  acc = (zk_u128)x[0] * x[3] + c; w[3] = (uint64_t)acc; w[4] = (uint64_t)(acc >> 64);
  acc = (zk_u128)x[1] * x[2] + w[3]; w[3] = (uint64_t)acc; c = (uint64_t)(acc >> 64);
  acc = (zk_u128)x[1] * x[3] + w[4] + c; w[4] = (uint64_t)acc; w[5] = (uint64_t)(acc >> 64);
  acc = (zk_u128)x[2] * x[3] + w[5]; w[5] = (uint64_t)acc; w[6] = (uint64_t)(acc >> 64);
  /* double them */
  w[7] = w[6] >> 63;
  w[6] = (w[6] << 1) | (w[5] >> 63);
  w[5] = (w[5] << 1) | (w[4] >> 63);
  w[4] = (w[4] << 1) | (w[3] >> 63);
  w[3] = (w[3] << 1) | (w[2] >> 63);
  w[2] = (w[2] << 1) | (w[1] >> 63);
  w[1] = w[1] << 1;
  /* add the squares x_i^2 on the diagonal */
  acc = (zk_u128)x[0] * x[0]; w[0] = (uint64_t)acc; c = (uint64_t)(acc >> 64);
  acc = (zk_u128)w[1] + c; w[1] = (uint64_t)acc; c = (uint64_t)(acc >> 64);
  acc = (zk_u128)x[1] * x[1] + w[2] + c; w[2] = (uint64_t)acc; c = (uint64_t)(acc >> 64);
  acc = (zk_u128)w[3] + c; w[3] = (uint64_t)acc; c = (uint64_t)(acc >> 64);
  acc = (zk_u128)x[2] * x[2] + w[4] + c; w[4] = (uint64_t)acc; c = (uint64_t)(acc >> 64);
  acc = (zk_u128)w[5] + c; w[5] = (uint64_t)acc; c = (uint64_t)(acc >> 64);
  acc = (zk_u128)x[3] * x[3] + w[6] + c; w[6] = (uint64_t)acc; c = (uint64_t)(acc >> 64);
  w[7] += c;
  /* Montgomery reduction of the 512-bit w (< p^2 < 2^508, so no word overflows past w[7]) */
  for (int i = 0; i < 4; i++) {
    uint64_t m = w[i] * FE_PINV;
    zk_u128 y = (zk_u128)m * P[0] + w[i];
    uint64_t carry = (uint64_t)(y >> 64);
    for (int j = 1; j < 4; j++) {
      y = (zk_u128)m * P[j] + w[i + j] + carry;
      w[i + j] = (uint64_t)y;
      carry = (uint64_t)(y >> 64);
    }
    /* propagate the carry into the upper words */
    for (int k = i + 4; k < 8 && carry; k++) {
      y = (zk_u128)w[k] + carry;
      w[k] = (uint64_t)y;
      carry = (uint64_t)(y >> 64);
    }
  }
  fe_reduce_once(r, w[4], w[5], w[6], w[7]);
}

#endif

static inline void fe_add(fe *r, const fe *a, const fe *b) {
  zk_u128 s;
  uint64_t t0, t1, t2, t3, c;
  s = (zk_u128)a->l[0] + b->l[0]; t0 = (uint64_t)s; c = (uint64_t)(s >> 64);
  s = (zk_u128)a->l[1] + b->l[1] + c; t1 = (uint64_t)s; c = (uint64_t)(s >> 64);
  s = (zk_u128)a->l[2] + b->l[2] + c; t2 = (uint64_t)s; c = (uint64_t)(s >> 64);
  t3 = a->l[3] + b->l[3] + c; /* < 2^255: no overflow */
  fe_reduce_once(r, t0, t1, t2, t3);
}

static inline void fe_sub(fe *r, const fe *a, const fe *b) {
  zk_u128 d;
  uint64_t t0, t1, t2, t3, borrow;
  d = (zk_u128)a->l[0] - b->l[0]; t0 = (uint64_t)d; borrow = (uint64_t)(d >> 64) & 1;
  d = (zk_u128)a->l[1] - b->l[1] - borrow; t1 = (uint64_t)d; borrow = (uint64_t)(d >> 64) & 1;
  d = (zk_u128)a->l[2] - b->l[2] - borrow; t2 = (uint64_t)d; borrow = (uint64_t)(d >> 64) & 1;
  d = (zk_u128)a->l[3] - b->l[3] - borrow; t3 = (uint64_t)d; borrow = (uint64_t)(d >> 64) & 1;
  uint64_t mask = 0 - borrow; /* add p back when a < b */
  zk_u128 s;
  uint64_t c;
  s = (zk_u128)t0 + (FE_P0 & mask); r->l[0] = (uint64_t)s; c = (uint64_t)(s >> 64);
  s = (zk_u128)t1 + (FE_P1 & mask) + c; r->l[1] = (uint64_t)s; c = (uint64_t)(s >> 64);
  s = (zk_u128)t2 + (FE_P2 & mask) + c; r->l[2] = (uint64_t)s; c = (uint64_t)(s >> 64);
  r->l[3] = t3 + (FE_P3 & mask) + c;
}

static inline int fe_is_zero(const fe *a) {
  return (a->l[0] | a->l[1] | a->l[2] | a->l[3]) == 0;
}

static inline int fe_equal(const fe *a, const fe *b) {
  return ((a->l[0] ^ b->l[0]) | (a->l[1] ^ b->l[1]) | (a->l[2] ^ b->l[2]) | (a->l[3] ^ b->l[3])) == 0;
}

/* Plain (non-Montgomery) limbs <-> fe, used by the conversions in field.c. */
static inline void fe_set_words(fe *r, const uint64_t w[4]) {
  r->l[0] = w[0]; r->l[1] = w[1]; r->l[2] = w[2]; r->l[3] = w[3];
}

static inline void fe_get_words(uint64_t w[4], const fe *a) {
  w[0] = a->l[0]; w[1] = a->l[1]; w[2] = a->l[2]; w[3] = a->l[3];
}
