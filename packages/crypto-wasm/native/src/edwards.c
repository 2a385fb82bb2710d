#include "edwards.h"

/* l, the prime subgroup order */
const scalar SUBGROUP_ORDER = { { 0x677297dc392126f1ULL, 0xab3eedb83920ee0aULL, 0x370a08b6d0302b0bULL,
                                  0x060c89ce5c263405ULL } };
static const uint64_t D_WORDS[4] = { 0xd075ca8cf4d7eb8eULL, 0x039b2959ebb7c867ULL, 0x3df072d799fd11fcULL,
                                     0x1aee90f15f218969ULL };
static const uint64_t GENERATOR_X[4] = { 0xfd221dc052d76df7ULL, 0x854a1c1c06cd5cc8ULL, 0x4e9803958f6c320eULL,
                                         0x2ef3f9b423a2c8c7ULL };
static const uint64_t GENERATOR_Y[4] = { 0x984b5c0e9c6c94b7ULL, 0x7532c815f5f6d57dULL, 0x784224644a68e406ULL,
                                         0x05a01167ea785d3fULL };

static fe curve_d;
static fe curve_2d;

/* A point prepared for additions: (Y + X, Y - X, 2d T, 2 Z). */
typedef struct { fe y_plus_x, y_minus_x, t2d, z2; } cached_point;

#define COMB_WINDOWS 64 /* 64 nibbles cover 256-bit scalars */
static cached_point generator_comb[COMB_WINDOWS][16];

static void to_cached(cached_point *c, const point *p) {
  fe_add(&c->y_plus_x, &p->y, &p->x);
  fe_sub(&c->y_minus_x, &p->y, &p->x);
  fe_mul(&c->t2d, &p->t, &curve_2d);
  fe_add(&c->z2, &p->z, &p->z);
}

/* add-2008-hwcd-3 with a = -1: 8 multiplications against a cached point. */
static void add_cached(point *r, const point *a, const cached_point *b) {
  fe pa, pb, pc, pd, e, f, g, h;
  fe_sub(&pa, &a->y, &a->x);
  fe_mul(&pa, &pa, &b->y_minus_x);
  fe_add(&pb, &a->y, &a->x);
  fe_mul(&pb, &pb, &b->y_plus_x);
  fe_mul(&pc, &a->t, &b->t2d);
  fe_mul(&pd, &a->z, &b->z2);
  fe_sub(&e, &pb, &pa);
  fe_sub(&f, &pd, &pc);
  fe_add(&g, &pd, &pc);
  fe_add(&h, &pb, &pa);
  fe_mul(&r->x, &e, &f);
  fe_mul(&r->y, &g, &h);
  fe_mul(&r->t, &e, &h);
  fe_mul(&r->z, &f, &g);
}

void point_identity(point *r) {
  r->x = FE_ZERO;
  r->y = FE_ONE;
  r->z = FE_ONE;
  r->t = FE_ZERO;
}

void point_add(point *r, const point *a, const point *b) {
  cached_point c;
  to_cached(&c, b);
  add_cached(r, a, &c);
}

/* dbl-2008-hwcd with a = -1; skip_t leaves T unset when the next step is another doubling. */
static void double_point(point *r, const point *a, int skip_t) {
  fe pa, pb, pc, e, g, f, h, sum;
  fe_sqr(&pa, &a->x);
  fe_sqr(&pb, &a->y);
  fe_sqr(&pc, &a->z);
  fe_add(&pc, &pc, &pc);
  fe_add(&sum, &a->x, &a->y);
  fe_sqr(&e, &sum);
  fe_sub(&e, &e, &pa);
  fe_sub(&e, &e, &pb); /* E = 2XY */
  fe_sub(&g, &pb, &pa); /* G = -A + B */
  fe_sub(&f, &g, &pc);
  fe_add(&h, &pa, &pb);
  fe_sub(&h, &FE_ZERO, &h); /* H = -A - B */
  fe_mul(&r->x, &e, &f);
  fe_mul(&r->y, &g, &h);
  fe_mul(&r->z, &f, &g);
  if (!skip_t) fe_mul(&r->t, &e, &h);
}

void point_double(point *r, const point *a) {
  double_point(r, a, 0);
}

void point_neg(point *r, const point *a) {
  fe_sub(&r->x, &FE_ZERO, &a->x);
  r->y = a->y;
  r->z = a->z;
  fe_sub(&r->t, &FE_ZERO, &a->t);
}

int point_is_identity(const point *a) {
  return fe_is_zero(&a->x) && fe_equal(&a->y, &a->z);
}

int point_equal(const point *a, const point *b) {
  fe l, r;
  fe_mul(&l, &a->x, &b->z);
  fe_mul(&r, &b->x, &a->z);
  if (!fe_equal(&l, &r)) return 0;
  fe_mul(&l, &a->y, &b->z);
  fe_mul(&r, &b->y, &a->z);
  return fe_equal(&l, &r);
}

static int nibble(const scalar *k, int index) {
  return (int)((k->w[index >> 4] >> ((index & 15) * 4)) & 15);
}

void point_mul(point *r, const point *a, const scalar *k) {
  cached_point table[16];
  point multiple = *a;
  to_cached(&table[1], &multiple);
  for (int i = 2; i < 16; i++) {
    add_cached(&multiple, &multiple, &table[1]);
    to_cached(&table[i], &multiple);
  }
  int top = 63;
  while (top >= 0 && nibble(k, top) == 0) top--;
  point acc;
  point_identity(&acc);
  for (int i = top; i >= 0; i--) {
    if (i != top) {
      double_point(&acc, &acc, 1);
      double_point(&acc, &acc, 1);
      double_point(&acc, &acc, 1);
      double_point(&acc, &acc, 0);
    }
    int digit = nibble(k, i);
    if (digit != 0) add_cached(&acc, &acc, &table[digit]);
  }
  *r = acc;
}

void point_mul_generator(point *r, const scalar *k) {
  point acc;
  point_identity(&acc);
  for (int i = 0; i < COMB_WINDOWS; i++) {
    int digit = nibble(k, i);
    if (digit != 0) add_cached(&acc, &acc, &generator_comb[i][digit]);
  }
  *r = acc;
}

int point_decompress(point *r, const uint8_t in[32]) {
  uint8_t y_bytes[32];
  for (int i = 0; i < 32; i++) y_bytes[i] = in[i];
  int sign = y_bytes[31] >> 7;
  y_bytes[31] &= 0x7f;
  fe y, y2, u, v, x;
  if (!fe_from_bytes(&y, y_bytes)) return 0;
  fe_sqr(&y2, &y);
  fe_sub(&u, &y2, &FE_ONE);
  fe_mul(&v, &y2, &curve_d);
  fe_add(&v, &v, &FE_ONE); /* never zero: d is not a square */
  fe_inverse(&v, &v);
  fe_mul(&u, &u, &v);
  if (!fe_sqrt(&x, &u)) return 0;
  if (fe_is_odd(&x) != sign) fe_sub(&x, &FE_ZERO, &x); /* x = 0 stays 0, as in franklin-crypto */
  r->x = x;
  r->y = y;
  r->z = FE_ONE;
  fe_mul(&r->t, &x, &y);
  return 1;
}

void point_compress(uint8_t out[32], const point *a) {
  fe z_inverse, x, y;
  fe_inverse(&z_inverse, &a->z);
  fe_mul(&x, &a->x, &z_inverse);
  fe_mul(&y, &a->y, &z_inverse);
  fe_to_bytes(out, &y);
  if (fe_is_odd(&x)) out[31] |= 0x80;
}

void point_affine_x(fe *x, const point *a) {
  fe z_inverse;
  fe_inverse(&z_inverse, &a->z);
  fe_mul(x, &a->x, &z_inverse);
}

int scalar_from_bytes_below(scalar *s, const uint8_t in[32], const scalar *bound) {
  for (int i = 0; i < 4; i++) {
    uint64_t v = 0;
    for (int b = 7; b >= 0; b--) v = (v << 8) | in[8 * i + b];
    s->w[i] = v;
  }
  for (int i = 3; i >= 0; i--) {
    if (s->w[i] != bound->w[i]) return s->w[i] < bound->w[i];
  }
  return 0;
}

void edwards_init(void) {
  fe plain;
  fe_set_words(&plain, D_WORDS);
  fe_mul(&curve_d, &plain, &FE_R2);
  fe_add(&curve_2d, &curve_d, &curve_d);

  point g;
  fe_set_words(&plain, GENERATOR_X);
  fe_mul(&g.x, &plain, &FE_R2);
  fe_set_words(&plain, GENERATOR_Y);
  fe_mul(&g.y, &plain, &FE_R2);
  g.z = FE_ONE;
  fe_mul(&g.t, &g.x, &g.y);

  /* generator_comb[i][j] = j * 16^i * G */
  point base = g;
  for (int i = 0; i < COMB_WINDOWS; i++) {
    point multiple;
    point_identity(&multiple);
    to_cached(&generator_comb[i][0], &multiple);
    for (int j = 1; j < 16; j++) {
      point_add(&multiple, &multiple, &base);
      to_cached(&generator_comb[i][j], &multiple);
    }
    for (int k = 0; k < 4; k++) point_double(&base, &base);
  }
}
