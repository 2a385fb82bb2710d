/* Signed fixed-window recoding of 256-bit scalars for the comb. */
#ifndef ZKP_DIGITS_H
#define ZKP_DIGITS_H
#include <stdint.h>

/* comb batching: points per batch (one field inversion per window each), table prefetch distance */
enum { COMB_BATCH = 1024, COMB_PREFETCH = 8 };
/* state of a batch's running sum */
enum { ACC_INFINITY = 0, ACC_ACTIVE = 1, ACC_EXCEPTIONAL = 2 };

/* Bits [pos, pos + w) of s (w <= 32), zero past bit 255. */
static inline uint64_t scalar_bits(const uint64_t s[4], unsigned pos, unsigned w) {
  if (pos >= 256) return 0;
  unsigned limb = pos / 64, shift = pos % 64;
  uint64_t v = s[limb] >> shift;
  if (shift != 0 && shift + w > 64 && limb + 1 < 4) v |= s[limb + 1] << (64 - shift);
  return v & ((1ULL << w) - 1);
}

/* Windows needed so that every s < 2^254 recodes without a final carry. */
static inline int comb_windows(int w) { return (255 + w - 1) / w; }

/* s = sum_k digits[k * stride] * 2^(w k), digits in [-2^(w-1) + 1, 2^(w-1)] */
static inline void signed_digits(int32_t *digits, size_t stride, const uint64_t s[4], int w, int windows) {
  const int64_t half = (int64_t)1 << (w - 1), full = (int64_t)1 << w;
  int64_t carry = 0;
  for (int k = 0; k < windows; k++) {
    int64_t v = (int64_t)scalar_bits(s, (unsigned)(k * w), (unsigned)w) + carry;
    carry = v > half;
    if (carry) v -= full;
    digits[(size_t)k * stride] = (int32_t)v;
  }
}

#endif
