/*
 * Rescue's permutation with AVX-512 IFMA (x86-64): the three state elements sit in three lanes of a
 * 256-bit vector, in radix 2^52 Montgomery form (five 52-bit limbs, R = 2^260), so every S-box
 * exponentiation of a round runs as one vector exponentiation. Selected at run time by rescue.c.
 */
#ifndef ZKLITE_RESCUE_IFMA_H
#define ZKLITE_RESCUE_IFMA_H

#include "field.h"

#if defined(ZKLITE_X86_IFMA)
int rescue_ifma_supported(void);
void rescue_ifma_init(const uint64_t round_constants[][4], int count, const uint64_t mds[3][3][4]);
void rescue_ifma_permute(fe state[3]);
#endif

#endif
