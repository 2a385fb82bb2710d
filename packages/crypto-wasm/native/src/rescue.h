/* zkSync's Rescue over BN254 (PROTOCOL.md §2.3): t = 3, rate 2, alpha = 5, 22 double rounds. */
#ifndef ZKLITE_RESCUE_H
#define ZKLITE_RESCUE_H

#include "field.h"

void rescue_init(void);
/* Chooses the AVX-512 IFMA permutation (vector = 1, where built and supported) or the scalar one.
   Returns 1 when the vector kernel is in use. */
int rescue_select_kernel(int vector);
int rescue_select_kernel_query(void);
void rescue_permute(fe state[3]);
/*
 * The length-specialized sponge shared by franklin-crypto's rescue_hash and StatefulRescue: state
 * [0, 0, n], inputs padded with ones to an even count and added two at a time into state[0..1], one
 * permutation per pair. Writes the final state[0] and state[1] (the two squeezed outputs).
 */
void rescue_sponge(fe out[2], const fe *inputs, int count);

#endif
