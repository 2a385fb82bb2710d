/*
 * Poseidon for widths 2..4 with AVX-512 IFMA (x86-64): the state sits in the lanes of one vector
 * (vfe_ifma.h), so a full round's S-boxes and each matrix column take one vector product. Selected at
 * run time by poseidon.c; same optimized form and same results as the scalar code.
 */
#ifndef ZKLITE_POSEIDON_IFMA_H
#define ZKLITE_POSEIDON_IFMA_H

#include <stdint.h>

#include "field.h"

#define POSEIDON_IFMA_MAX_WIDTH 4

#if defined(ZKLITE_X86_IFMA)
int poseidon_ifma_supported(void);
/* Prepares the vector constants for `width` from the scalar ones (layout of poseidon_load). */
void poseidon_ifma_prepare(int width, int rounds_full, int rounds_partial, const fe *full_constants,
                           const fe *partial_constants, const fe *mds, const fe *pre_sparse, const fe *sparse);
/* Hashes the state [0, inputs...] (canonical words); returns 0 when `width` was not prepared. */
int poseidon_ifma_hash(uint8_t out[32], const uint64_t state_words[4][4], int width);
#endif

#endif
