#include "poseidon.h"

#include "field.h"
#include "poseidon_ifma.h"

/* Room for every width 2..17 of circomlib's parameter set in the optimized form (24,060 elements). */
#define POOL_ELEMENTS 24060
#define MAX_ROUNDS_FULL 8
#define MAX_ROUNDS_PARTIAL 200

typedef struct {
  int loaded;
  int rounds_full;
  int rounds_partial;
  const fe *full_constants;
  const fe *partial_constants;
  const fe *mds;
  const fe *pre_sparse;
  const fe *sparse;
} poseidon_params;

static fe pool[POOL_ELEMENTS];
#if defined(ZKLITE_X86_IFMA)
static int use_vector_kernel = 1;

int poseidon_select_kernel(int vector) {
  use_vector_kernel = vector && poseidon_ifma_supported();
  return use_vector_kernel;
}
#else
int poseidon_select_kernel(int vector) {
  (void)vector;
  return 0;
}
#endif
static int pool_used;
static poseidon_params params_by_width[POSEIDON_MAX_WIDTH + 1];

int poseidon_param_count(int width, int rounds_full, int rounds_partial) {
  return rounds_full * width + rounds_partial + 2 * width * width + rounds_partial * (2 * width - 1);
}

int poseidon_is_loaded(int width) {
  return width >= POSEIDON_MIN_WIDTH && width <= POSEIDON_MAX_WIDTH &&
         __atomic_load_n(&params_by_width[width].loaded, __ATOMIC_ACQUIRE);
}

int poseidon_load(int width, int rounds_full, int rounds_partial, const uint8_t *constants) {
  if (width < POSEIDON_MIN_WIDTH || width > POSEIDON_MAX_WIDTH) return 0;
  if (rounds_full < 2 || rounds_full > MAX_ROUNDS_FULL || rounds_full % 2 != 0) return 0;
  if (rounds_partial < 1 || rounds_partial > MAX_ROUNDS_PARTIAL) return 0;
  if (poseidon_is_loaded(width)) return 1;
  int total = poseidon_param_count(width, rounds_full, rounds_partial);
  if (pool_used + total > POOL_ELEMENTS) return 0;
  fe *slot = &pool[pool_used];
  for (int i = 0; i < total; i++) {
    if (!fe_from_bytes(&slot[i], constants + 32 * i)) return 0;
  }
  pool_used += total;
  poseidon_params *params = &params_by_width[width];
  params->rounds_full = rounds_full;
  params->rounds_partial = rounds_partial;
  params->full_constants = slot;
  params->partial_constants = params->full_constants + rounds_full * width;
  params->mds = params->partial_constants + rounds_partial;
  params->pre_sparse = params->mds + width * width;
  params->sparse = params->pre_sparse + width * width;
#if defined(ZKLITE_X86_IFMA)
  poseidon_ifma_prepare(width, rounds_full, rounds_partial, params->full_constants, params->partial_constants,
                        params->mds, params->pre_sparse, params->sparse);
#endif
  /* Published last: a Node worker thread may hash with a width another thread is loading. */
  __atomic_store_n(&params->loaded, 1, __ATOMIC_RELEASE);
  return 1;
}

static inline void fifth_power(fe *x) {
  fe square, fourth;
  fe_sqr(&square, x);
  fe_sqr(&fourth, &square);
  fe_mul(x, &fourth, x);
}

/* state = S-box(state + constants), then matrix · state */
static void full_round(fe *state, int width, const fe *constants, const fe *matrix) {
  for (int i = 0; i < width; i++) {
    fe_add(&state[i], &state[i], &constants[i]);
    fifth_power(&state[i]);
  }
  fe mixed[POSEIDON_MAX_WIDTH];
  for (int i = 0; i < width; i++) {
    const fe *row = &matrix[i * width];
    fe product;
    fe_mul(&mixed[i], &row[0], &state[0]);
    for (int j = 1; j < width; j++) {
      fe_mul(&product, &row[j], &state[j]);
      fe_add(&mixed[i], &mixed[i], &product);
    }
  }
  for (int i = 0; i < width; i++) state[i] = mixed[i];
}

/* state[0] = S-box(state[0] + c); then the sparse matrix [[a, v], [w, I]] */
static void partial_round(fe *state, int width, const fe *constant, const fe *entries) {
  fe_add(&state[0], &state[0], constant);
  fifth_power(&state[0]);
  fe s0 = state[0], out0, product;
  fe_mul(&out0, &entries[0], &s0);
  for (int j = 1; j < width; j++) {
    fe_mul(&product, &entries[j], &state[j]);
    fe_add(&out0, &out0, &product);
    fe_mul(&product, &entries[width + j - 1], &s0);
    fe_add(&state[j], &state[j], &product);
  }
  state[0] = out0;
}

int poseidon_hash(uint8_t out[32], const uint8_t *inputs, int count) {
  int width = count + 1;
  if (!poseidon_is_loaded(width)) return 0;
  const poseidon_params *params = &params_by_width[width];
#if defined(ZKLITE_X86_IFMA)
  if (width <= POSEIDON_IFMA_MAX_WIDTH && use_vector_kernel) {
    uint64_t words[4][4] = { { 0 } };
    for (int i = 0; i < count; i++) {
      uint64_t *w = words[i + 1];
      for (int k = 0; k < 4; k++) {
        uint64_t v = 0;
        for (int b = 7; b >= 0; b--) v = (v << 8) | inputs[32 * i + 8 * k + b];
        w[k] = v;
      }
      fe check;
      if (!fe_from_bytes(&check, inputs + 32 * i)) return 0;
    }
    if (poseidon_ifma_hash(out, (const uint64_t(*)[4])words, width)) return 1;
  }
#endif
  fe state[POSEIDON_MAX_WIDTH];
  state[0] = FE_ZERO;
  for (int i = 0; i < count; i++) {
    if (!fe_from_bytes(&state[i + 1], inputs + 32 * i)) return 0;
  }
  int half = params->rounds_full / 2;
  for (int r = 0; r < half; r++) {
    full_round(state, width, &params->full_constants[r * width], r == half - 1 ? params->pre_sparse : params->mds);
  }
  for (int p = 0; p < params->rounds_partial; p++) {
    partial_round(state, width, &params->partial_constants[p], &params->sparse[p * (2 * width - 1)]);
  }
  for (int r = half; r < params->rounds_full; r++) {
    full_round(state, width, &params->full_constants[r * width], params->mds);
  }
  fe_to_bytes(out, &state[0]);
  return 1;
}
