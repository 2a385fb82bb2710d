/* Montgomery arithmetic on 4 x 64-bit little-endian limbs (R = 2^256), instantiated by field.h for
 * BN254's base field Fq and scalar field Fr. Before including, define:
 *   F(name)      pastes the field prefix (fq_name / fr_name)
 *   F_P0..F_P3   the modulus limbs, F_INV = -P^-1 mod 2^64, F_R2_0..3 = R^2 mod P
 * Requires P < 2^254 (BN254's moduli are), so the carry-free CIOS variant applies and x + y never
 * overflows 256 bits. Every value is kept fully reduced (< P). */

typedef struct { uint64_t v[4]; } F(t);

static const F(t) F(modulus) = {{F_P0, F_P1, F_P2, F_P3}};
static const F(t) F(r2) = {{F_R2_0, F_R2_1, F_R2_2, F_R2_3}};

static inline int F(is_zero)(const F(t) *a) { return (a->v[0] | a->v[1] | a->v[2] | a->v[3]) == 0; }

static inline int F(eq)(const F(t) *a, const F(t) *b) {
  return ((a->v[0] ^ b->v[0]) | (a->v[1] ^ b->v[1]) | (a->v[2] ^ b->v[2]) | (a->v[3] ^ b->v[3])) == 0;
}

/* z = s - P if s >= P else s (s < 2P) */
static inline void F(reduce_once)(F(t) *z, const uint64_t s[4]) {
  uint64_t d[4];
  u128 b = (u128)s[0] - F_P0;
  d[0] = (uint64_t)b;
  b = (u128)s[1] - F_P1 - (uint64_t)((b >> 64) & 1);
  d[1] = (uint64_t)b;
  b = (u128)s[2] - F_P2 - (uint64_t)((b >> 64) & 1);
  d[2] = (uint64_t)b;
  b = (u128)s[3] - F_P3 - (uint64_t)((b >> 64) & 1);
  d[3] = (uint64_t)b;
  uint64_t keep = (uint64_t)0 - (uint64_t)((b >> 64) & 1); /* all ones when s < P */
  for (int i = 0; i < 4; i++) z->v[i] = (s[i] & keep) | (d[i] & ~keep);
}

static inline void F(add)(F(t) *z, const F(t) *x, const F(t) *y) {
  uint64_t s[4];
  u128 c = (u128)x->v[0] + y->v[0];
  s[0] = (uint64_t)c;
  c = (u128)x->v[1] + y->v[1] + (uint64_t)(c >> 64);
  s[1] = (uint64_t)c;
  c = (u128)x->v[2] + y->v[2] + (uint64_t)(c >> 64);
  s[2] = (uint64_t)c;
  s[3] = x->v[3] + y->v[3] + (uint64_t)(c >> 64);
  F(reduce_once)(z, s);
}

static inline void F(dbl)(F(t) *z, const F(t) *x) { F(add)(z, x, x); }

static inline void F(sub)(F(t) *z, const F(t) *x, const F(t) *y) {
  uint64_t d[4];
  u128 b = (u128)x->v[0] - y->v[0];
  d[0] = (uint64_t)b;
  b = (u128)x->v[1] - y->v[1] - (uint64_t)((b >> 64) & 1);
  d[1] = (uint64_t)b;
  b = (u128)x->v[2] - y->v[2] - (uint64_t)((b >> 64) & 1);
  d[2] = (uint64_t)b;
  b = (u128)x->v[3] - y->v[3] - (uint64_t)((b >> 64) & 1);
  d[3] = (uint64_t)b;
  uint64_t m = (uint64_t)0 - (uint64_t)((b >> 64) & 1); /* all ones on borrow: add P back */
  u128 c = (u128)d[0] + (F_P0 & m);
  z->v[0] = (uint64_t)c;
  c = (u128)d[1] + (F_P1 & m) + (uint64_t)(c >> 64);
  z->v[1] = (uint64_t)c;
  c = (u128)d[2] + (F_P2 & m) + (uint64_t)(c >> 64);
  z->v[2] = (uint64_t)c;
  z->v[3] = d[3] + (F_P3 & m) + (uint64_t)(c >> 64);
}

static inline void F(neg)(F(t) *z, const F(t) *x) {
  static const F(t) zero = {{0, 0, 0, 0}};
  F(sub)(z, &zero, x);
}

#if defined(__x86_64__) && defined(__ADX__) && defined(__BMI2__) && !defined(ZKP_NO_ASM)
/* z = x * y / R: the same CIOS as the C version below, with MULX and the two carry chains of ADCX/ADOX
 * (from packages/crypto-wasm/native/src/field_u64_adx.h, here for either modulus). Built when the compiler
 * targets a CPU with BMI2 and ADX (-march=native on one); the portable build uses the C version. */
static const uint64_t F(adx_p)[4] = {F_P0, F_P1, F_P2, F_P3};
static const uint64_t F(adx_inv) = F_INV;

static inline __attribute__((always_inline)) void F(mul)(F(t) *z, const F(t) *x, const F(t) *y) {
  uint64_t r0, r1, r2, r3, r4, lo, hi;
  __asm__(
    "movq 0(%[b]), %%rdx\n\t"
    "xorl %k[lo], %k[lo]\n\t"
    "mulxq 0(%[a]), %[r0], %[r1]\n\t"
    "mulxq 8(%[a]), %[lo], %[r2]\n\t"
    "adcxq %[lo], %[r1]\n\t"
    "mulxq 16(%[a]), %[lo], %[r3]\n\t"
    "adcxq %[lo], %[r2]\n\t"
    "mulxq 24(%[a]), %[lo], %[r4]\n\t"
    "adcxq %[lo], %[r3]\n\t"
    "movl $0, %k[lo]\n\t"
    "adcxq %[lo], %[r4]\n\t"
    "movq %[r0], %%rdx\n\t"
    "imulq %[pinv], %%rdx\n\t"
    "xorl %k[lo], %k[lo]\n\t"
    "mulxq %[p0], %[lo], %[hi]\n\t"
    "adcxq %[r0], %[lo]\n\t"
    "adcxq %[hi], %[r1]\n\t"
    "mulxq %[p1], %[lo], %[hi]\n\t"
    "adoxq %[lo], %[r1]\n\t"
    "adcxq %[hi], %[r2]\n\t"
    "mulxq %[p2], %[lo], %[hi]\n\t"
    "adoxq %[lo], %[r2]\n\t"
    "adcxq %[hi], %[r3]\n\t"
    "mulxq %[p3], %[lo], %[hi]\n\t"
    "adoxq %[lo], %[r3]\n\t"
    "adcxq %[hi], %[r4]\n\t"
    "movl $0, %k[lo]\n\t"
    "adoxq %[lo], %[r4]\n\t"
    "movq 8(%[b]), %%rdx\n\t"
    "xorl %k[lo], %k[lo]\n\t"
    "mulxq 0(%[a]), %[lo], %[hi]\n\t"
    "adoxq %[lo], %[r1]\n\t"
    "adcxq %[hi], %[r2]\n\t"
    "mulxq 8(%[a]), %[lo], %[hi]\n\t"
    "adoxq %[lo], %[r2]\n\t"
    "adcxq %[hi], %[r3]\n\t"
    "mulxq 16(%[a]), %[lo], %[hi]\n\t"
    "adoxq %[lo], %[r3]\n\t"
    "adcxq %[hi], %[r4]\n\t"
    "mulxq 24(%[a]), %[lo], %[r0]\n\t"
    "adoxq %[lo], %[r4]\n\t"
    "movl $0, %k[lo]\n\t"
    "adcxq %[lo], %[r0]\n\t"
    "adoxq %[lo], %[r0]\n\t"
    "movq %[r1], %%rdx\n\t"
    "imulq %[pinv], %%rdx\n\t"
    "xorl %k[lo], %k[lo]\n\t"
    "mulxq %[p0], %[lo], %[hi]\n\t"
    "adcxq %[r1], %[lo]\n\t"
    "adcxq %[hi], %[r2]\n\t"
    "mulxq %[p1], %[lo], %[hi]\n\t"
    "adoxq %[lo], %[r2]\n\t"
    "adcxq %[hi], %[r3]\n\t"
    "mulxq %[p2], %[lo], %[hi]\n\t"
    "adoxq %[lo], %[r3]\n\t"
    "adcxq %[hi], %[r4]\n\t"
    "mulxq %[p3], %[lo], %[hi]\n\t"
    "adoxq %[lo], %[r4]\n\t"
    "adcxq %[hi], %[r0]\n\t"
    "movl $0, %k[lo]\n\t"
    "adoxq %[lo], %[r0]\n\t"
    "movq 16(%[b]), %%rdx\n\t"
    "xorl %k[lo], %k[lo]\n\t"
    "mulxq 0(%[a]), %[lo], %[hi]\n\t"
    "adoxq %[lo], %[r2]\n\t"
    "adcxq %[hi], %[r3]\n\t"
    "mulxq 8(%[a]), %[lo], %[hi]\n\t"
    "adoxq %[lo], %[r3]\n\t"
    "adcxq %[hi], %[r4]\n\t"
    "mulxq 16(%[a]), %[lo], %[hi]\n\t"
    "adoxq %[lo], %[r4]\n\t"
    "adcxq %[hi], %[r0]\n\t"
    "mulxq 24(%[a]), %[lo], %[r1]\n\t"
    "adoxq %[lo], %[r0]\n\t"
    "movl $0, %k[lo]\n\t"
    "adcxq %[lo], %[r1]\n\t"
    "adoxq %[lo], %[r1]\n\t"
    "movq %[r2], %%rdx\n\t"
    "imulq %[pinv], %%rdx\n\t"
    "xorl %k[lo], %k[lo]\n\t"
    "mulxq %[p0], %[lo], %[hi]\n\t"
    "adcxq %[r2], %[lo]\n\t"
    "adcxq %[hi], %[r3]\n\t"
    "mulxq %[p1], %[lo], %[hi]\n\t"
    "adoxq %[lo], %[r3]\n\t"
    "adcxq %[hi], %[r4]\n\t"
    "mulxq %[p2], %[lo], %[hi]\n\t"
    "adoxq %[lo], %[r4]\n\t"
    "adcxq %[hi], %[r0]\n\t"
    "mulxq %[p3], %[lo], %[hi]\n\t"
    "adoxq %[lo], %[r0]\n\t"
    "adcxq %[hi], %[r1]\n\t"
    "movl $0, %k[lo]\n\t"
    "adoxq %[lo], %[r1]\n\t"
    "movq 24(%[b]), %%rdx\n\t"
    "xorl %k[lo], %k[lo]\n\t"
    "mulxq 0(%[a]), %[lo], %[hi]\n\t"
    "adoxq %[lo], %[r3]\n\t"
    "adcxq %[hi], %[r4]\n\t"
    "mulxq 8(%[a]), %[lo], %[hi]\n\t"
    "adoxq %[lo], %[r4]\n\t"
    "adcxq %[hi], %[r0]\n\t"
    "mulxq 16(%[a]), %[lo], %[hi]\n\t"
    "adoxq %[lo], %[r0]\n\t"
    "adcxq %[hi], %[r1]\n\t"
    "mulxq 24(%[a]), %[lo], %[r2]\n\t"
    "adoxq %[lo], %[r1]\n\t"
    "movl $0, %k[lo]\n\t"
    "adcxq %[lo], %[r2]\n\t"
    "adoxq %[lo], %[r2]\n\t"
    "movq %[r3], %%rdx\n\t"
    "imulq %[pinv], %%rdx\n\t"
    "xorl %k[lo], %k[lo]\n\t"
    "mulxq %[p0], %[lo], %[hi]\n\t"
    "adcxq %[r3], %[lo]\n\t"
    "adcxq %[hi], %[r4]\n\t"
    "mulxq %[p1], %[lo], %[hi]\n\t"
    "adoxq %[lo], %[r4]\n\t"
    "adcxq %[hi], %[r0]\n\t"
    "mulxq %[p2], %[lo], %[hi]\n\t"
    "adoxq %[lo], %[r0]\n\t"
    "adcxq %[hi], %[r1]\n\t"
    "mulxq %[p3], %[lo], %[hi]\n\t"
    "adoxq %[lo], %[r1]\n\t"
    "adcxq %[hi], %[r2]\n\t"
    "movl $0, %k[lo]\n\t"
    "adoxq %[lo], %[r2]\n\t"
    : [r0] "=&r"(r0), [r1] "=&r"(r1), [r2] "=&r"(r2), [r3] "=&r"(r3), [r4] "=&r"(r4), [lo] "=&r"(lo), [hi] "=&r"(hi)
    : [a] "r"(x->v), [b] "r"(y->v), [p0] "m"(F(adx_p)[0]), [p1] "m"(F(adx_p)[1]), [p2] "m"(F(adx_p)[2]),
      [p3] "m"(F(adx_p)[3]), [pinv] "m"(F(adx_inv)), "m"(*(const uint64_t(*)[4])x->v), "m"(*(const uint64_t(*)[4])y->v)
    : "rdx", "cc");
  const uint64_t s[4] = {r4, r0, r1, r2};
  F(reduce_once)(z, s);
}
#else
/* z = x * y / R (CIOS; the top-limb carries cannot overflow because P < 2^254) */
static inline __attribute__((always_inline)) void F(mul)(F(t) *z, const F(t) *x, const F(t) *y) {
  uint64_t t0 = 0, t1 = 0, t2 = 0, t3 = 0;
  const uint64_t x0 = x->v[0], x1 = x->v[1], x2 = x->v[2], x3 = x->v[3];
  for (int i = 0; i < 4; i++) {
    const uint64_t yi = y->v[i];
    u128 a = (u128)x0 * yi + t0;
    uint64_t A = (uint64_t)(a >> 64), lo = (uint64_t)a;
    const uint64_t m = lo * F_INV;
    u128 c = (u128)m * F_P0 + lo;
    uint64_t C = (uint64_t)(c >> 64);
    a = (u128)x1 * yi + t1 + A;
    A = (uint64_t)(a >> 64);
    c = (u128)m * F_P1 + (uint64_t)a + C;
    C = (uint64_t)(c >> 64);
    t0 = (uint64_t)c;
    a = (u128)x2 * yi + t2 + A;
    A = (uint64_t)(a >> 64);
    c = (u128)m * F_P2 + (uint64_t)a + C;
    C = (uint64_t)(c >> 64);
    t1 = (uint64_t)c;
    a = (u128)x3 * yi + t3 + A;
    A = (uint64_t)(a >> 64);
    c = (u128)m * F_P3 + (uint64_t)a + C;
    C = (uint64_t)(c >> 64);
    t2 = (uint64_t)c;
    t3 = C + A;
  }
  const uint64_t s[4] = {t0, t1, t2, t3};
  F(reduce_once)(z, s);
}
#endif

static inline void F(sqr)(F(t) *z, const F(t) *x) { F(mul)(z, x, x); }

/* Montgomery form of a value < P given in normal form, and back */
static inline void F(to_mont)(F(t) *z, const F(t) *x) { F(mul)(z, x, &F(r2)); }
static inline void F(from_mont)(F(t) *z, const F(t) *x) {
  static const F(t) one = {{1, 0, 0, 0}};
  F(mul)(z, x, &one);
}

static inline void F(one)(F(t) *z) {
  static const F(t) one = {{1, 0, 0, 0}};
  F(to_mont)(z, &one);
}

static inline void F(from_u64)(F(t) *z, uint64_t v) {
  const F(t) n = {{v, 0, 0, 0}};
  F(to_mont)(z, &n);
}

/* z = x^e, e a 256-bit exponent in normal form */
static void F(pow)(F(t) *z, const F(t) *x, const uint64_t e[4]) {
  F(t) acc, base = *x;
  F(one)(&acc);
  for (int bit = 255; bit >= 0; bit--) {
    F(sqr)(&acc, &acc);
    if ((e[bit / 64] >> (bit % 64)) & 1) F(mul)(&acc, &acc, &base);
  }
  *z = acc;
}

/* z = 1/x by Fermat (x^(P-2)); 1/0 gives 0 */
static void F(inv)(F(t) *z, const F(t) *x) {
  const uint64_t e[4] = {F_P0 - 2, F_P1, F_P2, F_P3};
  F(pow)(z, x, e);
}

/* x < P as a normal-form integer */
static inline int F(is_canonical)(const F(t) *x) {
  for (int i = 3; i >= 0; i--) {
    if (x->v[i] != F(modulus).v[i]) return x->v[i] < F(modulus).v[i];
  }
  return 0;
}
