/* Fq2 = Fq[u] / (u^2 + 1), the field of BN254's G2 coordinates; stored c0 then c1 (ffjavascript's order). */
#ifndef ZKP_FQ2_H
#define ZKP_FQ2_H
#include "field.h"

typedef struct { fq_t c0, c1; } fq2_t;

static inline int fq2_is_zero(const fq2_t *a) { return fq_is_zero(&a->c0) && fq_is_zero(&a->c1); }
static inline int fq2_eq(const fq2_t *a, const fq2_t *b) { return fq_eq(&a->c0, &b->c0) && fq_eq(&a->c1, &b->c1); }

static inline void fq2_add(fq2_t *z, const fq2_t *x, const fq2_t *y) {
  fq_add(&z->c0, &x->c0, &y->c0);
  fq_add(&z->c1, &x->c1, &y->c1);
}

static inline void fq2_sub(fq2_t *z, const fq2_t *x, const fq2_t *y) {
  fq_sub(&z->c0, &x->c0, &y->c0);
  fq_sub(&z->c1, &x->c1, &y->c1);
}

static inline void fq2_dbl(fq2_t *z, const fq2_t *x) { fq2_add(z, x, x); }

static inline void fq2_neg(fq2_t *z, const fq2_t *x) {
  fq_neg(&z->c0, &x->c0);
  fq_neg(&z->c1, &x->c1);
}

/* Karatsuba: 3 Fq multiplications */
static inline void fq2_mul(fq2_t *z, const fq2_t *x, const fq2_t *y) {
  fq_t v0, v1, sx, sy, m;
  fq_mul(&v0, &x->c0, &y->c0);
  fq_mul(&v1, &x->c1, &y->c1);
  fq_add(&sx, &x->c0, &x->c1);
  fq_add(&sy, &y->c0, &y->c1);
  fq_mul(&m, &sx, &sy);
  fq_sub(&z->c0, &v0, &v1);
  fq_sub(&m, &m, &v0);
  fq_sub(&z->c1, &m, &v1);
}

/* (a + bu)^2 = (a + b)(a - b) + 2ab u */
static inline void fq2_sqr(fq2_t *z, const fq2_t *x) {
  fq_t s, d, p;
  fq_add(&s, &x->c0, &x->c1);
  fq_sub(&d, &x->c0, &x->c1);
  fq_mul(&p, &x->c0, &x->c1);
  fq_mul(&z->c0, &s, &d);
  fq_dbl(&z->c1, &p);
}

/* 1/(a + bu) = (a - bu) / (a^2 + b^2) */
static void fq2_inv(fq2_t *z, const fq2_t *x) {
  fq_t a2, b2, n, ni;
  fq_sqr(&a2, &x->c0);
  fq_sqr(&b2, &x->c1);
  fq_add(&n, &a2, &b2);
  fq_inv(&ni, &n);
  fq_mul(&z->c0, &x->c0, &ni);
  fq_mul(&n, &x->c1, &ni);
  fq_neg(&z->c1, &n);
}

static inline void fq2_one(fq2_t *z) {
  fq_one(&z->c0);
  z->c1 = (fq_t){{0, 0, 0, 0}};
}

#endif
