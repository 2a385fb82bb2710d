/* Short Weierstrass group y^2 = x^3 + b (a = 0) over a field FE, instantiated by groups.h for G1 (Fq)
 * and G2 (Fq2). Before including, define G(name) (prefix paste), FE (field element type) and FE_(op)
 * (field operation name). Affine (0, 0) is the point at infinity (never on the curve since b != 0),
 * which is how ffjavascript writes it; Jacobian z = 0 is infinity. */

typedef struct { FE x, y; } G(aff);
typedef struct { FE x, y, z; } G(jac);

static inline int G(aff_is_inf)(const G(aff) *p) { return FE_(is_zero)(&p->x) && FE_(is_zero)(&p->y); }

static inline void G(jac_set_inf)(G(jac) *p) {
  memset(p, 0, sizeof *p);
  FE_(one)(&p->x);
  FE_(one)(&p->y);
}

static inline void G(jac_from_aff)(G(jac) *r, const G(aff) *p) {
  if (G(aff_is_inf)(p)) {
    G(jac_set_inf)(r);
    return;
  }
  r->x = p->x;
  r->y = p->y;
  FE_(one)(&r->z);
}

/* dbl-2009-l */
static void G(jac_dbl)(G(jac) *r, const G(jac) *p) {
  FE a, b, c, d, e, f, t;
  FE_(sqr)(&a, &p->x);
  FE_(sqr)(&b, &p->y);
  FE_(sqr)(&c, &b);
  FE_(add)(&t, &p->x, &b);
  FE_(sqr)(&t, &t);
  FE_(sub)(&t, &t, &a);
  FE_(sub)(&t, &t, &c);
  FE_(dbl)(&d, &t);
  FE_(dbl)(&e, &a);
  FE_(add)(&e, &e, &a);
  FE_(sqr)(&f, &e);
  FE z3;
  FE_(mul)(&z3, &p->y, &p->z);
  FE_(dbl)(&z3, &z3);
  FE x3;
  FE_(dbl)(&t, &d);
  FE_(sub)(&x3, &f, &t);
  FE y3;
  FE_(sub)(&t, &d, &x3);
  FE_(mul)(&y3, &e, &t);
  FE_(dbl)(&c, &c);
  FE_(dbl)(&c, &c);
  FE_(dbl)(&c, &c);
  FE_(sub)(&y3, &y3, &c);
  r->x = x3;
  r->y = y3;
  r->z = z3;
}

/* r = p + q, q affine (madd-2007-bl), every special case handled */
static void G(jac_madd)(G(jac) *r, const G(jac) *p, const G(aff) *q) {
  if (G(aff_is_inf)(q)) {
    *r = *p;
    return;
  }
  if (FE_(is_zero)(&p->z)) {
    G(jac_from_aff)(r, q);
    return;
  }
  FE z1z1, u2, s2, h, hh, i, j, rr, v, t;
  FE_(sqr)(&z1z1, &p->z);
  FE_(mul)(&u2, &q->x, &z1z1);
  FE_(mul)(&s2, &q->y, &p->z);
  FE_(mul)(&s2, &s2, &z1z1);
  FE_(sub)(&h, &u2, &p->x);
  FE_(sub)(&rr, &s2, &p->y);
  if (FE_(is_zero)(&h)) {
    if (FE_(is_zero)(&rr)) {
      G(jac_dbl)(r, p);
    } else {
      G(jac_set_inf)(r);
    }
    return;
  }
  FE_(dbl)(&rr, &rr);
  FE_(sqr)(&hh, &h);
  FE_(dbl)(&i, &hh);
  FE_(dbl)(&i, &i);
  FE_(mul)(&j, &h, &i);
  FE_(mul)(&v, &p->x, &i);
  FE x3, y3, z3;
  FE_(sqr)(&x3, &rr);
  FE_(sub)(&x3, &x3, &j);
  FE_(sub)(&x3, &x3, &v);
  FE_(sub)(&x3, &x3, &v);
  FE_(sub)(&t, &v, &x3);
  FE_(mul)(&y3, &rr, &t);
  FE_(mul)(&t, &p->y, &j);
  FE_(dbl)(&t, &t);
  FE_(sub)(&y3, &y3, &t);
  FE_(add)(&z3, &p->z, &h);
  FE_(sqr)(&z3, &z3);
  FE_(sub)(&z3, &z3, &z1z1);
  FE_(sub)(&z3, &z3, &hh);
  r->x = x3;
  r->y = y3;
  r->z = z3;
}

static void G(to_affine)(G(aff) *out, const G(jac) *p) {
  if (FE_(is_zero)(&p->z)) {
    memset(out, 0, sizeof *out);
    return;
  }
  FE zi, zi2, zi3;
  FE_(inv)(&zi, &p->z);
  FE_(sqr)(&zi2, &zi);
  FE_(mul)(&zi3, &zi2, &zi);
  FE_(mul)(&out->x, &p->x, &zi2);
  FE_(mul)(&out->y, &p->y, &zi3);
}

/* Montgomery's trick: one inversion for n points; scratch holds n elements */
static void G(batch_to_affine)(G(aff) *out, const G(jac) *in, size_t n, FE *scratch) {
  FE acc;
  FE_(one)(&acc);
  for (size_t k = 0; k < n; k++) {
    scratch[k] = acc;
    if (!FE_(is_zero)(&in[k].z)) FE_(mul)(&acc, &acc, &in[k].z);
  }
  FE_(inv)(&acc, &acc);
  for (size_t k = n; k-- > 0;) {
    if (FE_(is_zero)(&in[k].z)) {
      memset(&out[k], 0, sizeof out[k]);
      continue;
    }
    FE zi, zi2, zi3;
    FE_(mul)(&zi, &acc, &scratch[k]);
    FE_(mul)(&acc, &acc, &in[k].z);
    FE_(sqr)(&zi2, &zi);
    FE_(mul)(&zi3, &zi2, &zi);
    FE_(mul)(&out[k].x, &in[k].x, &zi2);
    FE_(mul)(&out[k].y, &in[k].y, &zi3);
  }
}

/* Plain double-and-add on a 256-bit normal-form scalar: slow but with no exceptional cases; the
 * fallback for the few points the batched comb cannot do and the reference in the self-test. */
static void G(mul_safe)(G(aff) *out, const G(aff) *base, const uint64_t k[4]) {
  G(jac) acc;
  G(jac_set_inf)(&acc);
  for (int bit = 255; bit >= 0; bit--) {
    G(jac_dbl)(&acc, &acc);
    if ((k[bit / 64] >> (bit % 64)) & 1) G(jac_madd)(&acc, &acc, base);
  }
  G(to_affine)(out, &acc);
}

static int G(on_curve)(const G(aff) *p, const FE *b) {
  FE l, r;
  FE_(sqr)(&l, &p->y);
  FE_(sqr)(&r, &p->x);
  FE_(mul)(&r, &r, &p->x);
  FE_(add)(&r, &r, b);
  return FE_(eq)(&l, &r);
}
