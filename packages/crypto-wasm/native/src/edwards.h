/*
 * AltBabyJubjub (PROTOCOL.md §2.2): -x^2 + y^2 = 1 + d x^2 y^2 over Fr, cofactor 8, prime subgroup of
 * order l. a = -1 is a square and d is not, so the extended-coordinate formulas below are complete.
 */
#ifndef ZKLITE_EDWARDS_H
#define ZKLITE_EDWARDS_H

#include "field.h"

/* Extended twisted Edwards coordinates: x = X/Z, y = Y/Z, T = XY/Z. */
typedef struct { fe x, y, z, t; } point;

/* Little-endian 64-bit words of a scalar below 2^256. */
typedef struct { uint64_t w[4]; } scalar;

extern const scalar SUBGROUP_ORDER;

void edwards_init(void);
void point_identity(point *r);
void point_add(point *r, const point *a, const point *b);
void point_double(point *r, const point *a);
void point_neg(point *r, const point *a);
int point_is_identity(const point *a);
int point_equal(const point *a, const point *b);
/* k * P by 4-bit fixed windows. */
void point_mul(point *r, const point *a, const scalar *k);
/* k * G for the spending-key generator G, from a precomputed comb. */
void point_mul_generator(point *r, const scalar *k);
/* franklin-crypto's Point::read. Returns 0 when y >= p or no x exists. */
int point_decompress(point *r, const uint8_t in[32]);
void point_compress(uint8_t out[32], const point *a);
/* Affine x of a point whose Z may differ from 1. */
void point_affine_x(fe *x, const point *a);

int scalar_from_bytes_below(scalar *s, const uint8_t in[32], const scalar *bound);

#endif
