#include "poseidon_ifma.h"

#if defined(ZKLITE_X86_IFMA)

#include <stdlib.h>

#include "cpu_features.h"
#include "vfe_ifma.h"

#define MAX_ROUNDS_FULL 8
#define MAX_ROUNDS_PARTIAL 64

typedef struct {
  int ready;
  int rounds_full;
  int rounds_partial;
  vfe full_constants[MAX_ROUNDS_FULL];
  vfe mds_columns[POSEIDON_IFMA_MAX_WIDTH];
  vfe pre_sparse_columns[POSEIDON_IFMA_MAX_WIDTH];
  vfe partial_constants[MAX_ROUNDS_PARTIAL]; /* lane 0 only */
  vfe first_rows[MAX_ROUNDS_PARTIAL];        /* lanes: a, v_1 .. v_{t-1} */
  vfe first_columns[MAX_ROUNDS_PARTIAL];     /* lanes: 0, w_1 .. w_{t-1} */
} vector_params;

static vector_params *params_by_width[POSEIDON_IFMA_MAX_WIDTH + 1];

int poseidon_ifma_supported(void) {
  return cpu_has_avx512_ifma();
}

/* Up to four scalar elements (missing ones zero) as the lanes of a vector element. */
IFMA static void lanes_of(vfe *r, const fe *const values[4]) {
  uint64_t words[4][4] = { { 0 } };
  for (int lane = 0; lane < 4; lane++) {
    if (values[lane] == NULL) continue;
    uint8_t bytes[32];
    fe_to_bytes(bytes, values[lane]);
    for (int w = 0; w < 4; w++) {
      uint64_t v = 0;
      for (int b = 7; b >= 0; b--) v = (v << 8) | bytes[8 * w + b];
      words[lane][w] = v;
    }
  }
  vfe_from_words(r, (const uint64_t(*)[4])words);
}

IFMA void poseidon_ifma_prepare(int width, int rounds_full, int rounds_partial, const fe *full_constants,
                                const fe *partial_constants, const fe *mds, const fe *pre_sparse, const fe *sparse) {
  if (width > POSEIDON_IFMA_MAX_WIDTH || rounds_full > MAX_ROUNDS_FULL || rounds_partial > MAX_ROUNDS_PARTIAL) return;
  if (params_by_width[width] != NULL || !poseidon_ifma_supported()) return;
  vector_params *v = aligned_alloc(32, (sizeof(vector_params) + 31) / 32 * 32);
  if (v == NULL) return;
  v->rounds_full = rounds_full;
  v->rounds_partial = rounds_partial;
  for (int r = 0; r < rounds_full; r++) {
    const fe *lanes[4] = { NULL, NULL, NULL, NULL };
    for (int i = 0; i < width; i++) lanes[i] = &full_constants[r * width + i];
    lanes_of(&v->full_constants[r], lanes);
  }
  for (int j = 0; j < width; j++) {
    const fe *column[4] = { NULL, NULL, NULL, NULL }, *pre[4] = { NULL, NULL, NULL, NULL };
    for (int i = 0; i < width; i++) {
      column[i] = &mds[i * width + j];
      pre[i] = &pre_sparse[i * width + j];
    }
    lanes_of(&v->mds_columns[j], column);
    lanes_of(&v->pre_sparse_columns[j], pre);
  }
  for (int p = 0; p < rounds_partial; p++) {
    const fe *entries = &sparse[p * (2 * width - 1)];
    const fe *constant[4] = { &partial_constants[p], NULL, NULL, NULL };
    const fe *row[4] = { NULL, NULL, NULL, NULL }, *column[4] = { NULL, NULL, NULL, NULL };
    for (int i = 0; i < width; i++) row[i] = &entries[i];
    for (int i = 1; i < width; i++) column[i] = &entries[width + i - 1];
    lanes_of(&v->partial_constants[p], constant);
    lanes_of(&v->first_rows[p], row);
    lanes_of(&v->first_columns[p], column);
  }
  v->ready = 1;
  __atomic_store_n(&params_by_width[width], v, __ATOMIC_RELEASE);
}

IFMA static inline void vfe_fifth_power(vfe *r, const vfe *x) {
  vfe square, fourth;
  vfe_mul(&square, x, x);
  vfe_mul(&fourth, &square, &square);
  vfe_mul(r, &fourth, x);
}

/* Lane 0 from a, the other lanes from b. */
IFMA static inline void vfe_lane0_from(vfe *r, const vfe *a, const vfe *b) {
  for (int j = 0; j < 5; j++) r->l[j] = _mm256_blend_epi32(b->l[j], a->l[j], 0x03);
}

/*
 * Σ_j columns[j] · state[j] over `width` columns. Each product is below 2p, so the sum stays below 8p;
 * it is left unnormalized (see vfe_add_lazy), as every consumer adds a constant and normalizes first.
 */
IFMA static void mix(vfe *state, const vfe *columns, int width) {
  vfe sum, spread, product;
  vfe_broadcast(&spread, state, 0);
  vfe_mul(&sum, &columns[0], &spread);
  for (int j = 1; j < width; j++) {
    vfe_broadcast(&spread, state, j);
    vfe_mul(&product, &columns[j], &spread);
    vfe_add_lazy(&sum, &sum, &product);
  }
  *state = sum;
}

IFMA static void full_round(vfe *state, const vfe *constants, const vfe *columns, int width) {
  vfe_add(state, state, constants); /* normalized and below 9p: fine for the S-box's first square */
  vfe_fifth_power(state, state);
  mix(state, columns, width);
}

/*
 * out0 = a·y0 + Σ v_j y_j (a lane sum), out_j = y_j + w_j·y0. The lanes j ≥ 1 grow by less than 2p a
 * round; they only meet products by constants below p, which accept any 260-bit value, so they are
 * reduced (a product by one) every REDUCE_EVERY rounds and after the last partial round.
 */
#define REDUCE_EVERY 32

IFMA static void reduce_lanes(vfe *state) {
  vfe one;
  for (int j = 0; j < 5; j++) one.l[j] = _mm256_set1_epi64x((long long)VFE_ONE_MONT[j]);
  vfe_normalize(state);
  vfe_mul(state, state, &one);
}

IFMA static void partial_round(vfe *state, const vector_params *v, int p, int width) {
  vfe y, powered, products, spread, updates, rest;
  vfe_add(&y, state, &v->partial_constants[p]); /* normalizes the lazily added state */
  vfe_fifth_power(&powered, &y);
  vfe_lane0_from(&y, &powered, &y);
  vfe_mul(&products, &v->first_rows[p], &y);
  vfe_broadcast(&spread, &y, 0);
  vfe_mul(&updates, &v->first_columns[p], &spread);
  vfe_add_lazy(&rest, &y, &updates);
  vfe sum = products, lane;
  for (int i = 1; i < width; i++) {
    vfe_broadcast(&lane, &products, i);
    vfe_add_lazy(&sum, &sum, &lane);
  }
  vfe_lane0_from(state, &sum, &rest);
}

IFMA int poseidon_ifma_hash(uint8_t out[32], const uint64_t state_words[4][4], int width) {
  if (width > POSEIDON_IFMA_MAX_WIDTH) return 0;
  const vector_params *v = __atomic_load_n(&params_by_width[width], __ATOMIC_ACQUIRE);
  if (v == NULL) return 0;
  vfe state;
  vfe_from_words(&state, state_words);
  int half = v->rounds_full / 2;
  for (int r = 0; r < half; r++) {
    full_round(&state, &v->full_constants[r], r == half - 1 ? v->pre_sparse_columns : v->mds_columns, width);
  }
  for (int p = 0; p < v->rounds_partial; p++) {
    partial_round(&state, v, p, width);
    if ((p + 1) % REDUCE_EVERY == 0 || p + 1 == v->rounds_partial) reduce_lanes(&state);
  }
  for (int r = half; r < v->rounds_full; r++) full_round(&state, &v->full_constants[r], v->mds_columns, width);
  vfe_normalize(&state);
  uint64_t words[4][4];
  vfe_to_words(words, &state);
  for (int b = 0; b < 32; b++) out[b] = (uint8_t)(words[0][b >> 3] >> (8 * (b & 7)));
  return 1;
}

#endif
