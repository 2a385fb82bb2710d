#include "field.h"

static const uint64_t P_WORDS[4] = { 0x43e1f593f0000001ULL, 0x2833e84879b97091ULL, 0xb85045b68181585dULL,
                                     0x30644e72e131a029ULL };
/* 5^-1 mod (p - 1): x -> x^(1/5) inverts x -> x^5. */
static const uint64_t FIFTH_ROOT_EXPONENT[4] = { 0xcfe7f7a98ccccccdULL, 0x535cb9d394945a0dULL,
                                                 0x93736af8679aad17ULL, 0x26b6a528b427b354ULL };
static const uint64_t P_MINUS_2[4] = { 0x43e1f593efffffffULL, 0x2833e84879b97091ULL, 0xb85045b68181585dULL,
                                       0x30644e72e131a029ULL };
/* p - 1 = 2^28 q with q odd; (q - 1) / 2 drives Tonelli-Shanks. */
#define TWO_ADICITY 28
static const uint64_t Q_MINUS_1_HALF[4] = { 0xcdcb848a1f0fac9fULL, 0x0c0ac2e9419f4243ULL, 0x098d014dc2822db4ULL,
                                            0x0000000183227397ULL };
/* 5 is a quadratic non-residue; its q-th power generates the 2^28-torsion. */
static fe root_of_unity;
static fe montgomery_one_plain; /* 1 as plain limbs, to leave Montgomery form */

static void words_from_bytes(uint64_t w[4], const uint8_t in[32]) {
  for (int i = 0; i < 4; i++) {
    uint64_t v = 0;
    for (int b = 7; b >= 0; b--) v = (v << 8) | in[8 * i + b];
    w[i] = v;
  }
}

static int words_less_than_p(const uint64_t w[4]) {
  for (int i = 3; i >= 0; i--) {
    if (w[i] != P_WORDS[i]) return w[i] < P_WORDS[i];
  }
  return 0;
}

int fe_from_bytes(fe *out, const uint8_t in[32]) {
  uint64_t w[4];
  words_from_bytes(w, in);
  if (!words_less_than_p(w)) return 0;
  fe plain;
  fe_set_words(&plain, w);
  fe_mul(out, &plain, &FE_R2);
  return 1;
}

void fe_from_bytes_reduce(fe *out, const uint8_t in[32]) {
  uint64_t w[4];
  words_from_bytes(w, in);
  /* 2^256 < 6p: subtract p until below it */
  while (!words_less_than_p(w)) {
    uint64_t borrow = 0;
    for (int i = 0; i < 4; i++) {
      uint64_t pi = P_WORDS[i];
      uint64_t d = w[i] - pi - borrow;
      borrow = (w[i] < pi) || (w[i] == pi && borrow) ? 1 : 0;
      w[i] = d;
    }
  }
  fe plain;
  fe_set_words(&plain, w);
  fe_mul(out, &plain, &FE_R2);
}

void fe_to_bytes(uint8_t out[32], const fe *a) {
  fe plain;
  fe_mul(&plain, a, &montgomery_one_plain);
  uint64_t w[4];
  fe_get_words(w, &plain);
  for (int i = 0; i < 4; i++) {
    for (int b = 0; b < 8; b++) out[8 * i + b] = (uint8_t)(w[i] >> (8 * b));
  }
}

void fe_from_u64(fe *out, uint64_t value) {
  uint64_t w[4] = { value, 0, 0, 0 };
  fe plain;
  fe_set_words(&plain, w);
  fe_mul(out, &plain, &FE_R2);
}

int fe_is_odd(const fe *a) {
  uint8_t bytes[32];
  fe_to_bytes(bytes, a);
  return bytes[0] & 1;
}

static int exponent_bit(const uint64_t e[4], int bit) {
  return (int)((e[bit >> 6] >> (bit & 63)) & 1);
}

/*
 * Left-to-right sliding window of width 5 over odd powers a, a^3, ..., a^31, applied to `count`
 * independent bases in lock-step: one base alone is a chain of dependent multiplications whose
 * latency dominates, while interleaved chains keep the multiplier busy.
 */
#define POW_WINDOW 5
#define POW_MAX_BATCH 4

/* acc[n] *= table[n] for n < count, two at a time through fe_mul2. */
static void mul_each(fe *acc, const fe *table, int count) {
  int n = 0;
  for (; n + 1 < count; n += 2) fe_mul2(&acc[n], &acc[n], &table[n]);
  if (n < count) fe_mul(&acc[n], &acc[n], &table[n]);
}

static void pow_batch(fe *out, const fe *in, int count, const uint64_t e[4]) {
  fe odd[1 << (POW_WINDOW - 1)][POW_MAX_BATCH]; /* odd[i][n] = in[n]^(2i+1) */
  fe square[POW_MAX_BATCH];
  fe acc[POW_MAX_BATCH];
  for (int n = 0; n < count; n++) {
    odd[0][n] = in[n];
    square[n] = in[n];
  }
  mul_each(square, in, count);
  for (int i = 1; i < (1 << (POW_WINDOW - 1)); i++) {
    for (int n = 0; n < count; n++) odd[i][n] = odd[i - 1][n];
    mul_each(odd[i], square, count);
  }

  int bit = 255;
  while (bit >= 0 && !exponent_bit(e, bit)) bit--;
  int started = 0;
  while (bit >= 0) {
    if (!exponent_bit(e, bit)) {
      mul_each(acc, acc, count);
      bit--;
      continue;
    }
    int low = bit - POW_WINDOW + 1;
    if (low < 0) low = 0;
    while (!exponent_bit(e, low)) low++;
    int value = 0;
    for (int k = bit; k >= low; k--) {
      value = (value << 1) | exponent_bit(e, k);
      if (started) mul_each(acc, acc, count);
    }
    if (started) {
      mul_each(acc, odd[value >> 1], count);
    } else {
      for (int n = 0; n < count; n++) acc[n] = odd[value >> 1][n];
      started = 1;
    }
    bit = low - 1;
  }
  for (int n = 0; n < count; n++) out[n] = acc[n];
}

void fe_pow(fe *out, const fe *a, const uint64_t e[4]) {
  pow_batch(out, a, 1, e);
}

void fe_fifth_root3(fe x[3]) {
  pow_batch(x, x, 3, FIFTH_ROOT_EXPONENT);
}

void fe_fifth_root(fe *out, const fe *a) {
  fe_pow(out, a, FIFTH_ROOT_EXPONENT);
}

void fe_inverse(fe *out, const fe *a) {
  fe_pow(out, a, P_MINUS_2);
}

int fe_sqrt(fe *out, const fe *a) {
  if (fe_is_zero(a)) {
    *out = FE_ZERO;
    return 1;
  }
  fe w, r, t;
  fe_pow(&w, a, Q_MINUS_1_HALF); /* a^((q-1)/2) */
  fe_mul(&r, a, &w);             /* a^((q+1)/2) */
  fe_mul(&t, &r, &w);            /* a^q */
  fe c = root_of_unity;
  int m = TWO_ADICITY;
  while (!fe_equal(&t, &FE_ONE)) {
    int i = 0;
    fe probe = t;
    while (!fe_equal(&probe, &FE_ONE)) {
      fe_sqr(&probe, &probe);
      if (++i == m) return 0; /* a is not a square */
    }
    fe b = c;
    for (int k = 0; k < m - i - 1; k++) fe_sqr(&b, &b);
    m = i;
    fe_sqr(&c, &b);
    fe_mul(&t, &t, &c);
    fe_mul(&r, &r, &b);
  }
  *out = r;
  return 1;
}

void field_init(void) {
  uint64_t one[4] = { 1, 0, 0, 0 };
  fe_set_words(&montgomery_one_plain, one);
  /* q = 2 * ((q - 1) / 2) + 1 */
  uint64_t q[4];
  uint64_t carry = 1;
  for (int i = 0; i < 4; i++) {
    q[i] = (Q_MINUS_1_HALF[i] << 1) | carry;
    carry = Q_MINUS_1_HALF[i] >> 63;
  }
  fe five;
  fe_from_u64(&five, 5);
  fe_pow(&root_of_unity, &five, q);
}
