#include "rescue.h"

#include "rescue_constants.h"
#include "rescue_ifma.h"

#define RESCUE_WIDTH 3
#define RESCUE_HALF_ROUNDS 44

static fe round_constants[RESCUE_ROUND_CONSTANT_COUNT];
static fe mds[RESCUE_WIDTH][RESCUE_WIDTH];

#if defined(ZKLITE_X86_IFMA)
static int use_ifma;
#endif

void rescue_init(void) {
  for (int i = 0; i < RESCUE_ROUND_CONSTANT_COUNT; i++) {
    fe plain;
    fe_set_words(&plain, RESCUE_ROUND_CONSTANTS[i]);
    fe_mul(&round_constants[i], &plain, &FE_R2);
  }
  for (int i = 0; i < RESCUE_WIDTH; i++) {
    for (int j = 0; j < RESCUE_WIDTH; j++) {
      fe plain;
      fe_set_words(&plain, RESCUE_MDS[i][j]);
      fe_mul(&mds[i][j], &plain, &FE_R2);
    }
  }
#if defined(ZKLITE_X86_IFMA)
  if (rescue_ifma_supported()) {
    rescue_ifma_init(RESCUE_ROUND_CONSTANTS, RESCUE_ROUND_CONSTANT_COUNT, RESCUE_MDS);
    use_ifma = 1;
  }
#endif
}

int rescue_select_kernel_query(void) {
#if defined(ZKLITE_X86_IFMA)
  return use_ifma;
#else
  return 0;
#endif
}

int rescue_select_kernel(int vector) {
#if defined(ZKLITE_X86_IFMA)
  use_ifma = vector && rescue_ifma_supported();
  return use_ifma;
#else
  (void)vector;
  return 0;
#endif
}

static inline void fifth_power(fe *x) {
  fe square, fourth;
  fe_sqr(&square, x);
  fe_sqr(&fourth, &square);
  fe_mul(x, &fourth, x);
}

void rescue_permute(fe state[3]) {
#if defined(ZKLITE_X86_IFMA)
  if (use_ifma) {
    rescue_ifma_permute(state);
    return;
  }
#endif
  for (int i = 0; i < RESCUE_WIDTH; i++) fe_add(&state[i], &state[i], &round_constants[i]);
  for (int round = 0; round < RESCUE_HALF_ROUNDS; round++) {
    if ((round & 1) == 0) {
      fe_fifth_root3(state);
    } else {
      for (int i = 0; i < RESCUE_WIDTH; i++) fifth_power(&state[i]);
    }
    const fe *constants = &round_constants[RESCUE_WIDTH * (round + 1)];
    fe mixed[RESCUE_WIDTH];
    for (int i = 0; i < RESCUE_WIDTH; i++) {
      fe product;
      mixed[i] = constants[i];
      for (int j = 0; j < RESCUE_WIDTH; j++) {
        fe_mul(&product, &mds[i][j], &state[j]);
        fe_add(&mixed[i], &mixed[i], &product);
      }
    }
    for (int i = 0; i < RESCUE_WIDTH; i++) state[i] = mixed[i];
  }
}

void rescue_sponge(fe out[2], const fe *inputs, int count) {
  fe state[RESCUE_WIDTH] = { FE_ZERO, FE_ZERO, FE_ZERO };
  fe_from_u64(&state[2], (uint64_t)count);
  for (int i = 0; i < count; i += 2) {
    fe_add(&state[0], &state[0], &inputs[i]);
    if (i + 1 < count) {
      fe_add(&state[1], &state[1], &inputs[i + 1]);
    } else {
      fe_add(&state[1], &state[1], &FE_ONE); /* padding element 1 */
    }
    rescue_permute(state);
  }
  out[0] = state[0];
  out[1] = state[1];
}
