/*
 * BN254 field elements in the lanes of a 256-bit vector, for AVX-512 IFMA (x86-64 only): radix 2^52
 * Montgomery form (five 52-bit limbs, R = 2^260), lane k of limb j in l[j]. Used by the Rescue and
 * Poseidon kernels; every function needs the IFMA target, so callers must be compiled with IFMA too.
 */
#ifndef ZKLITE_VFE_IFMA_H
#define ZKLITE_VFE_IFMA_H

#include <immintrin.h>
#include <stdint.h>

#define IFMA __attribute__((target("avx512f,avx512vl,avx512ifma")))
#define LIMBS 5
#define MASK52 0xfffffffffffffULL

/* Limb k of every lane is in l[k]. */
typedef struct { __m256i l[LIMBS]; } vfe;

static const uint64_t P52[LIMBS] = { 0x1f593f0000001ULL, 0x4879b9709143eULL, 0x181585d2833e8ULL,
                                     0xa029b85045b68ULL, 0x30644e72e131ULL };
static const uint64_t PINV52 = 0x1f593efffffffULL; /* -p^-1 mod 2^52 */
/* R = 2^260 mod p: one in Montgomery form */
static const uint64_t VFE_ONE_MONT[LIMBS] = { 0xb6b753fffffacULL, 0x380f271055b9dULL, 0x18f016ecef7c8ULL,
                                              0x724f85a9201d8ULL, 0x1f16424e1bb7ULL };
static const uint64_t R2_52[LIMBS] = { 0xb852d16da6f5ULL, 0xc621620cddce3ULL, 0xaf1b95343ffb6ULL,
                                       0xc3c15e103e7c2ULL, 0x281528fa122ULL }; /* 2^520 mod p */
/*
 * Montgomery product per lane. Inputs have 52-bit limbs and a·b < p·2^260 (true for a < 8p, b < 2p);
 * the output has 52-bit limbs and is below 2p. Every accumulator stays below 2^58.
 * The rows of a·b do not depend on the reduction, so they are issued first; the reduction is a chain
 * of five steps (m_i, then the two products of m_i that feed column i + 1), which sets the latency.
 */
IFMA static inline void vfe_mul(vfe *r, const vfe *a, const vfe *b) {
  const __m256i zero = _mm256_setzero_si256();
  const __m256i mask = _mm256_set1_epi64x((long long)MASK52);
  const __m256i pinv = _mm256_set1_epi64x((long long)PINV52);
  __m256i p[LIMBS];
  for (int k = 0; k < LIMBS; k++) p[k] = _mm256_set1_epi64x((long long)P52[k]);
  /* columns of a·b: lo parts and hi parts accumulated separately, low columns first */
  __m256i lo[2 * LIMBS], hi[2 * LIMBS];
  for (int k = 0; k < 2 * LIMBS; k++) lo[k] = hi[k] = zero;
  for (int k = 0; k < 2 * LIMBS - 1; k++) {
    for (int i = 0; i < LIMBS; i++) {
      int j = k - i;
      if (j < 0 || j >= LIMBS) continue;
      lo[k] = _mm256_madd52lo_epu64(lo[k], a->l[i], b->l[j]);
      hi[k + 1] = _mm256_madd52hi_epu64(hi[k + 1], a->l[i], b->l[j]);
    }
  }
  __m256i column[2 * LIMBS];
  for (int k = 0; k < 2 * LIMBS; k++) column[k] = _mm256_add_epi64(lo[k], hi[k]);
  /*
   * Reduction: zero the five low columns one at a time. Adding m·p0 to column i makes its low 52 bits
   * zero, so the carry into column i + 1 is (c >> 52) + (c mod 2^52 != 0), known before m is: only
   * m and the two products of m that land in column i + 1 stay on the critical path.
   */
  for (int i = 0; i < LIMBS; i++) {
    __m256i c = column[i];
    __m256i m = _mm256_madd52lo_epu64(zero, c, pinv);
    __m256i nonzero_low = _mm256_srli_epi64(_mm256_add_epi64(_mm256_and_si256(c, mask), mask), 52);
    __m256i carry = _mm256_add_epi64(_mm256_srli_epi64(c, 52), nonzero_low);
    __m256i next = _mm256_madd52lo_epu64(_mm256_add_epi64(column[i + 1], carry), m, p[1]);
    __m256i next_hi = _mm256_madd52hi_epu64(zero, m, p[0]);
    column[i + 1] = _mm256_add_epi64(next, next_hi);
    for (int j = 2; j < LIMBS; j++) column[i + j] = _mm256_madd52lo_epu64(column[i + j], m, p[j]);
    for (int j = 1; j < LIMBS; j++) column[i + j + 1] = _mm256_madd52hi_epu64(column[i + j + 1], m, p[j]);
  }
  /* the result is columns 5..9: normalize to 52-bit limbs */
  __m256i carry = zero;
  for (int j = 0; j < LIMBS; j++) {
    __m256i v = _mm256_add_epi64(column[LIMBS + j], carry);
    r->l[j] = j == LIMBS - 1 ? v : _mm256_and_si256(v, mask);
    carry = _mm256_srli_epi64(v, 52);
  }
}

/* a + b with normalized limbs (values may exceed p; callers keep sums below 8p). */
IFMA static inline void vfe_add(vfe *r, const vfe *a, const vfe *b) {
  const __m256i mask = _mm256_set1_epi64x((long long)MASK52);
  __m256i t[LIMBS];
  for (int j = 0; j < LIMBS; j++) t[j] = _mm256_add_epi64(a->l[j], b->l[j]);
  for (int j = 0; j < LIMBS - 1; j++) {
    t[j + 1] = _mm256_add_epi64(t[j + 1], _mm256_srli_epi64(t[j], 52));
    t[j] = _mm256_and_si256(t[j], mask);
  }
  for (int j = 0; j < LIMBS; j++) r->l[j] = t[j];
}

/* a + b limb by limb, without carries: limbs may exceed 52 bits until vfe_normalize. */
IFMA static inline void vfe_add_lazy(vfe *r, const vfe *a, const vfe *b) {
  for (int j = 0; j < LIMBS; j++) r->l[j] = _mm256_add_epi64(a->l[j], b->l[j]);
}

/* Carries every limb back below 2^52 (the value is unchanged). */
IFMA static inline void vfe_normalize(vfe *r) {
  const __m256i mask = _mm256_set1_epi64x((long long)MASK52);
  for (int j = 0; j < LIMBS - 1; j++) {
    r->l[j + 1] = _mm256_add_epi64(r->l[j + 1], _mm256_srli_epi64(r->l[j], 52));
    r->l[j] = _mm256_and_si256(r->l[j], mask);
  }
}

/* Copies lane `lane` into every lane. */
IFMA static inline void vfe_broadcast(vfe *r, const vfe *a, int lane) {
  const __m256i index = _mm256_set1_epi64x(lane);
  for (int j = 0; j < LIMBS; j++) r->l[j] = _mm256_permutexvar_epi64(index, a->l[j]);
}

/* Canonical 4 x 64-bit words (value < p) of lanes 0..3 into radix 2^52 Montgomery form, fully reduced. */
IFMA static void vfe_from_words(vfe *r, const uint64_t words[4][4]) {
  uint64_t limbs[LIMBS][4] = { { 0 } };
  for (int lane = 0; lane < 4; lane++) {
    const uint64_t *w = words[lane];
    limbs[0][lane] = w[0] & MASK52;
    limbs[1][lane] = ((w[0] >> 52) | (w[1] << 12)) & MASK52;
    limbs[2][lane] = ((w[1] >> 40) | (w[2] << 24)) & MASK52;
    limbs[3][lane] = ((w[2] >> 28) | (w[3] << 36)) & MASK52;
    limbs[4][lane] = w[3] >> 16;
  }
  vfe plain, r2;
  for (int j = 0; j < LIMBS; j++) {
    plain.l[j] = _mm256_loadu_si256((const __m256i *)limbs[j]);
    r2.l[j] = _mm256_set1_epi64x((long long)R2_52[j]);
  }
  vfe_mul(r, &plain, &r2);
  /* below 2p: subtract p where needed, so constants enter sums fully reduced */
  uint64_t out[LIMBS][4];
  for (int j = 0; j < LIMBS; j++) _mm256_storeu_si256((__m256i *)out[j], r->l[j]);
  for (int lane = 0; lane < 4; lane++) {
    int64_t borrow = 0;
    uint64_t d[LIMBS];
    for (int j = 0; j < LIMBS; j++) {
      int64_t v = (int64_t)out[j][lane] - (int64_t)P52[j] + borrow;
      d[j] = (uint64_t)v & MASK52;
      borrow = v >> 52;
    }
    if (borrow == 0) {
      for (int j = 0; j < LIMBS; j++) out[j][lane] = d[j];
    }
  }
  for (int j = 0; j < LIMBS; j++) r->l[j] = _mm256_loadu_si256((const __m256i *)out[j]);
}

/* Out of Montgomery form, fully reduced, as canonical words per lane. */
IFMA static void vfe_to_words(uint64_t words[4][4], const vfe *a) {
  vfe one, plain;
  one.l[0] = _mm256_set1_epi64x(1);
  for (int j = 1; j < LIMBS; j++) one.l[j] = _mm256_setzero_si256();
  vfe_mul(&plain, a, &one); /* below p + 1 */
  uint64_t limbs[LIMBS][4];
  for (int j = 0; j < LIMBS; j++) _mm256_storeu_si256((__m256i *)limbs[j], plain.l[j]);
  for (int lane = 0; lane < 4; lane++) {
    uint64_t w[4];
    w[0] = limbs[0][lane] | (limbs[1][lane] << 52);
    w[1] = (limbs[1][lane] >> 12) | (limbs[2][lane] << 40);
    w[2] = (limbs[2][lane] >> 24) | (limbs[3][lane] << 28);
    w[3] = (limbs[3][lane] >> 36) | (limbs[4][lane] << 16);
    /* subtract p once if w >= p */
    static const uint64_t P[4] = { 0x43e1f593f0000001ULL, 0x2833e84879b97091ULL, 0xb85045b68181585dULL,
                                   0x30644e72e131a029ULL };
    uint64_t d[4], borrow = 0;
    for (int i = 0; i < 4; i++) {
      uint64_t pi = P[i] + borrow;
      uint64_t carry_out = (pi < borrow) || (w[i] < pi);
      d[i] = w[i] - pi;
      borrow = carry_out;
    }
    for (int i = 0; i < 4; i++) words[lane][i] = borrow ? w[i] : d[i];
  }
}


#endif
