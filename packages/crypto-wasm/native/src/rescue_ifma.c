#include "rescue_ifma.h"

#if defined(ZKLITE_X86_IFMA)

#include "cpu_features.h"
#include "vfe_ifma.h"

#define HALF_ROUNDS 44

/* 5^-1 mod (p - 1), as in field.c */
static const uint64_t FIFTH_ROOT_EXPONENT[4] = { 0xcfe7f7a98ccccccdULL, 0x535cb9d394945a0dULL,
                                                 0x93736af8679aad17ULL, 0x26b6a528b427b354ULL };

/* Lane i holds Rescue state element i; lane 3 is unused. */
static vfe round_constants[HALF_ROUNDS + 1];
static vfe mds_columns[3];

int rescue_ifma_supported(void) {
  return cpu_has_avx512_ifma();
}

static int exponent_bit(const uint64_t e[4], int bit) {
  return (int)((e[bit >> 6] >> (bit & 63)) & 1);
}

/* x^(1/5) in every lane: sliding window of width 5, as pow_batch in field.c. */
IFMA static void vfe_fifth_root(vfe *x) {
  enum { WINDOW = 5 };
  vfe odd[1 << (WINDOW - 1)];
  vfe square, acc;
  odd[0] = *x;
  vfe_mul(&square, x, x);
  for (int i = 1; i < (1 << (WINDOW - 1)); i++) vfe_mul(&odd[i], &odd[i - 1], &square);
  int bit = 255;
  while (bit >= 0 && !exponent_bit(FIFTH_ROOT_EXPONENT, bit)) bit--;
  int started = 0;
  while (bit >= 0) {
    if (!exponent_bit(FIFTH_ROOT_EXPONENT, bit)) {
      vfe_mul(&acc, &acc, &acc);
      bit--;
      continue;
    }
    int low = bit - WINDOW + 1;
    if (low < 0) low = 0;
    while (!exponent_bit(FIFTH_ROOT_EXPONENT, low)) low++;
    int value = 0;
    for (int k = bit; k >= low; k--) {
      value = (value << 1) | exponent_bit(FIFTH_ROOT_EXPONENT, k);
      if (started) vfe_mul(&acc, &acc, &acc);
    }
    if (started) {
      vfe_mul(&acc, &acc, &odd[value >> 1]);
    } else {
      acc = odd[value >> 1];
      started = 1;
    }
    bit = low - 1;
  }
  *x = acc;
}

IFMA static void vfe_fifth_power(vfe *x) {
  vfe square, fourth;
  vfe_mul(&square, x, x);
  vfe_mul(&fourth, &square, &square);
  vfe_mul(x, &fourth, x);
}

void rescue_ifma_init(const uint64_t round_constants_in[][4], int count, const uint64_t mds[3][3][4]) {
  if (!rescue_ifma_supported()) return;
  for (int round = 0; round * 3 < count; round++) {
    uint64_t words[4][4] = { { 0 } };
    for (int lane = 0; lane < 3; lane++) {
      for (int i = 0; i < 4; i++) words[lane][i] = round_constants_in[3 * round + lane][i];
    }
    vfe_from_words(&round_constants[round], (const uint64_t(*)[4])words);
  }
  for (int column = 0; column < 3; column++) {
    uint64_t words[4][4] = { { 0 } };
    for (int row = 0; row < 3; row++) {
      for (int i = 0; i < 4; i++) words[row][i] = mds[row][column][i];
    }
    vfe_from_words(&mds_columns[column], (const uint64_t(*)[4])words);
  }
}

IFMA void rescue_ifma_permute(fe state[3]) {
  uint64_t words[4][4] = { { 0 } };
  for (int i = 0; i < 3; i++) {
    uint8_t bytes[32];
    fe_to_bytes(bytes, &state[i]);
    for (int w = 0; w < 4; w++) {
      uint64_t v = 0;
      for (int b = 7; b >= 0; b--) v = (v << 8) | bytes[8 * w + b];
      words[i][w] = v;
    }
  }
  vfe s;
  vfe_from_words(&s, (const uint64_t(*)[4])words);
  vfe_add(&s, &s, &round_constants[0]);
  for (int round = 0; round < HALF_ROUNDS; round++) {
    if ((round & 1) == 0) {
      vfe_fifth_root(&s);
    } else {
      vfe_fifth_power(&s);
    }
    vfe mixed = round_constants[round + 1];
    for (int column = 0; column < 3; column++) {
      vfe spread, product;
      vfe_broadcast(&spread, &s, column);
      vfe_mul(&product, &mds_columns[column], &spread);
      vfe_add(&mixed, &mixed, &product);
    }
    s = mixed;
  }
  vfe_to_words(words, &s);
  for (int i = 0; i < 3; i++) {
    fe plain;
    fe_set_words(&plain, words[i]);
    fe_mul(&state[i], &plain, &FE_R2);
  }
}


#endif
