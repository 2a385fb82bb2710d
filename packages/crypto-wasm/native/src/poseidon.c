#include "poseidon.h"

#include "field.h"

/* Room for every width 2..17 of circomlib's parameter set (10,854 round constants, 1,784 MDS entries). */
#define POOL_ELEMENTS 12638

typedef struct {
  int loaded;
  int rounds_full;
  int rounds_partial;
  const fe *round_constants;
  const fe *mds;
} poseidon_params;

static fe pool[POOL_ELEMENTS];
static int pool_used;
static poseidon_params params_by_width[POSEIDON_MAX_WIDTH + 1];

int poseidon_load(int width, int rounds_full, int rounds_partial, const uint8_t *constants) {
  if (width < POSEIDON_MIN_WIDTH || width > POSEIDON_MAX_WIDTH) return 0;
  if (rounds_full <= 0 || rounds_full % 2 != 0 || rounds_partial <= 0 || rounds_partial > 200) return 0;
  if (poseidon_is_loaded(width)) return 1;
  int constant_count = (rounds_full + rounds_partial) * width;
  int total = constant_count + width * width;
  if (pool_used + total > POOL_ELEMENTS) return 0;
  fe *slot = &pool[pool_used];
  for (int i = 0; i < total; i++) {
    if (!fe_from_bytes(&slot[i], constants + 32 * i)) return 0;
  }
  pool_used += total;
  poseidon_params *params = &params_by_width[width];
  params->rounds_full = rounds_full;
  params->rounds_partial = rounds_partial;
  params->round_constants = slot;
  params->mds = slot + constant_count;
  /* Published last: a Node worker thread may hash with a width another thread is loading. */
  __atomic_store_n(&params->loaded, 1, __ATOMIC_RELEASE);
  return 1;
}

int poseidon_is_loaded(int width) {
  return width >= POSEIDON_MIN_WIDTH && width <= POSEIDON_MAX_WIDTH &&
         __atomic_load_n(&params_by_width[width].loaded, __ATOMIC_ACQUIRE);
}

static inline void fifth_power(fe *x) {
  fe square, fourth;
  fe_sqr(&square, x);
  fe_sqr(&fourth, &square);
  fe_mul(x, &fourth, x);
}

int poseidon_hash(uint8_t out[32], const uint8_t *inputs, int count) {
  int width = count + 1;
  if (!poseidon_is_loaded(width)) return 0;
  const poseidon_params *params = &params_by_width[width];
  fe state[POSEIDON_MAX_WIDTH];
  state[0] = FE_ZERO;
  for (int i = 0; i < count; i++) {
    if (!fe_from_bytes(&state[i + 1], inputs + 32 * i)) return 0;
  }
  int rounds = params->rounds_full + params->rounds_partial;
  int first_partial = params->rounds_full / 2;
  int last_partial = first_partial + params->rounds_partial;
  const fe *constants = params->round_constants;
  for (int round = 0; round < rounds; round++) {
    for (int i = 0; i < width; i++) fe_add(&state[i], &state[i], &constants[round * width + i]);
    if (round < first_partial || round >= last_partial) {
      for (int i = 0; i < width; i++) fifth_power(&state[i]);
    } else {
      fifth_power(&state[0]);
    }
    fe mixed[POSEIDON_MAX_WIDTH];
    for (int i = 0; i < width; i++) {
      const fe *row = &params->mds[i * width];
      fe product;
      fe_mul(&mixed[i], &row[0], &state[0]);
      for (int j = 1; j < width; j++) {
        fe_mul(&product, &row[j], &state[j]);
        fe_add(&mixed[i], &mixed[i], &product);
      }
    }
    for (int i = 0; i < width; i++) state[i] = mixed[i];
  }
  fe_to_bytes(out, &state[0]);
  return 1;
}
