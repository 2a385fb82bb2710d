/* INSECURE development Groth16 keys: a snarkjs-compatible .zkey written straight from toxic waste this
 * process is given (tau, alpha, beta, gamma, delta as hex on stdin), with no powers of tau and no phase 2.
 * Whoever knows the secrets can forge proofs: tests, CI and local devnets only.
 *
 * With L_j the Lagrange basis of the domain {w^j : j < n} (n = 2^ceil(log2(constraints + public + 1)), as
 * snarkjs' `groth16 setup` picks it), and per signal s the QAP values at tau
 *   a_s = sum_c A[c][s] L_c(tau) + L_(constraints + s)(tau) for s <= nPublic (snarkjs' extra input rows),
 *   b_s = sum_c B[c][s] L_c(tau),  c_s = sum_c C[c][s] L_c(tau),
 * the key holds, all as fixed-base multiples of the generators (comb_impl.h):
 *   alpha1, beta1, beta2, gamma2, delta1, delta2;   IC_s = (beta a_s + alpha b_s + c_s) / gamma  (s <= nPublic)
 *   A_s = a_s G1,  B1_s = b_s G1,  B2_s = b_s G2,     C_s  = (beta a_s + alpha b_s + c_s) / delta (s > nPublic)
 *   H_i = L'_(2i+1)(tau) / delta, L' the Lagrange basis of the domain of size 2n, i < n: snarkjs' prover
 *   evaluates A B - C on the odd points of that domain (the coset w_2n <w_n>), where the vanishing
 *   polynomial x^n - 1 is -2, and sum_i P(x_i) L'_(2i+1)(tau) = P(tau) = h(tau) t(tau).
 *   Section 4 lists the A and B coefficients (times R^2 mod r, as snarkjs stores them) in constraint
 *   order, then the input rows. Section 10 records no contribution (its circuit hash is left zero). */
#ifndef ZKP_DEVKEYS_H
#define ZKP_DEVKEYS_H
#include <errno.h>
#include "groups.h"
#include "scalars.h"
#include "zkey.h"

typedef struct {
  FILE *f;
  const char *path;
  long long section_end;
} zkey_writer;

static void zw_put(zkey_writer *w, const void *data, size_t size) {
  if (size != 0 && fwrite(data, 1, size, w->f) != size) fail("IO_ERROR", "writing %s failed: %s", w->path, strerror(errno));
}

static void zw_u32(zkey_writer *w, uint32_t v) { zw_put(w, &v, 4); }
static void zw_u64(zkey_writer *w, uint64_t v) { zw_put(w, &v, 8); }

static void zw_check(zkey_writer *w) {
  if (w->section_end >= 0 && ftello(w->f) != w->section_end) fail("INTERNAL", "section size mismatch in %s", w->path);
}

static void zw_section(zkey_writer *w, uint32_t id, uint64_t size) {
  zw_check(w);
  zw_u32(w, id);
  zw_u64(w, size);
  w->section_end = (long long)ftello(w->f) + (long long)size;
}

static double devkeys_started;
static void dk_progress(const char *what, size_t count) {
  fprintf(stderr, "[devkeys %7.2fs] %s (%zu)\n", now_seconds() - devkeys_started, what, count);
}

/* ------------------------------------------------------------ exponents */

typedef struct {
  fr_t *a, *b, *c; /* per wire, Montgomery */
  const fr_t *lagrange;
  zkey_writer *out; /* section 4 entries, or NULL when only counting */
  uint64_t ab_terms;
  fr_t r2;
} dk_walk;

static void dk_term(void *arg, int matrix, uint32_t constraint, uint32_t wire, const fr_t *coef) {
  dk_walk *ctx = arg;
  if (ctx->out == NULL) {
    if (matrix < 2) ctx->ab_terms++;
    return;
  }
  fr_t cm, t;
  fr_to_mont(&cm, coef);
  fr_mul(&t, &cm, &ctx->lagrange[constraint]);
  fr_t *acc = matrix == 0 ? ctx->a : matrix == 1 ? ctx->b : ctx->c;
  fr_add(&acc[wire], &acc[wire], &t);
  if (matrix < 2) {
    fr_t stored;
    fr_mul(&stored, &cm, &ctx->r2); /* (coef R) (R^3) / R = coef R^3, the Montgomery form of coef R^2 */
    fr_from_mont(&stored, &stored);   /* the integer coef R^2 mod r, which snarkjs writes */
    const uint32_t head[3] = {(uint32_t)matrix, constraint, wire};
    zw_put(ctx->out, head, sizeof head);
    zw_put(ctx->out, stored.v, 32);
  }
}

/* out[i] = L'_(2i+1)(tau) for the domain of size 2n: (tau^2n - 1) / 2n * x_i / (tau - x_i), x_i = w_2n^(2i+1) */
static void odd_lagrange_at_tau(fr_t *out, int log_n, const fr_t *tau) {
  const size_t n = (size_t)1 << log_n;
  const fr_t inc = fr_root_of_unity(log_n + 1), w = fr_root_of_unity(log_n);
  fr_t one, two_n, inv, t2n, factor;
  fr_one(&one);
  fr_from_u64(&two_n, 2 * n);
  fr_inv(&inv, &two_n);
  t2n = fr_pow_u64(tau, 2 * n);
  fr_sub(&factor, &t2n, &one);
  fr_mul(&factor, &factor, &inv);
  if (fr_is_zero(&factor)) fail("DEVKEYS_BAD_SECRET", "tau lies in the evaluation domain; pick another");
  fr_t *x = xmalloc(n * sizeof *x), *scratch = xmalloc(n * sizeof *scratch);
  fr_t xi = inc;
  for (size_t i = 0; i < n; i++) {
    x[i] = xi;
    fr_sub(&out[i], tau, &xi);
    fr_mul(&xi, &xi, &w);
  }
  fr_batch_inverse(out, n, scratch);
  for (size_t i = 0; i < n; i++) {
    fr_mul(&out[i], &out[i], &x[i]);
    fr_mul(&out[i], &out[i], &factor);
  }
  free(x);
  free(scratch);
}

/* ------------------------------------------------------------ point sections */

enum { DK_CHUNK = 1 << 16 };

typedef struct {
  int threads;
  g1_comb g1;
  g2_comb g2;
  g1_aff g1_base;
  g2_aff g2_base;
  fr_t *normal; /* DK_CHUNK scalars */
  void *points; /* DK_CHUNK G2 points, reused for G1 */
} dk_gen;

/* writes scalar_i * factor * G for i < n (scalars Montgomery; factor NULL = 1) */
static void dk_emit(dk_gen *g, zkey_writer *w, const fr_t *scalars, size_t n, const fr_t *factor, int g2) {
  for (size_t at = 0; at < n; at += DK_CHUNK) {
    const size_t count = n - at < DK_CHUNK ? n - at : DK_CHUNK;
    fr_to_normal_scaled(g->normal, scalars + at, count, factor);
    if (g2) {
      g2_comb_mul_many(&g->g2, &g->g2_base, g->normal, count, g->points, g->threads);
      zw_put(w, g->points, count * sizeof(g2_aff));
    } else {
      g1_comb_mul_many(&g->g1, &g->g1_base, g->normal, count, g->points, g->threads);
      zw_put(w, g->points, count * sizeof(g1_aff));
    }
  }
}

static int comb_window_for(size_t points, int max) {
  int w = 4;
  while (w < max && ((size_t)1 << (w + 2)) < points) w++;
  return w;
}

static void devkeys(const char *r1cs_path, const char *out_path, int threads) {
  devkeys_started = now_seconds();
  /* secrets: tau alpha beta gamma delta */
  char hex[5][80];
  fr_t sec[5];
  if (scanf("%79s %79s %79s %79s %79s", hex[0], hex[1], hex[2], hex[3], hex[4]) != 5) {
    fail("USAGE", "stdin must hold tau, alpha, beta, gamma and delta as hex integers in 1..r-1");
  }
  for (int i = 0; i < 5; i++) {
    fr_t n;
    if (!fr_parse_hex(&n, hex[i]) || fr_is_zero(&n)) fail("USAGE", "secret #%d is not a hex integer in 1..r-1", i + 1);
    fr_to_mont(&sec[i], &n);
  }
  const fr_t tau = sec[0], alpha = sec[1], beta = sec[2], gamma = sec[3], delta = sec[4];

  r1cs r;
  r1cs_open(&r, r1cs_path);
  const uint32_t n_public = r.n_pub_out + r.n_pub_in, n_vars = r.n_wires;
  if (n_vars < n_public + 1) fail("R1CS_CORRUPT", "%s: %u wires for %u public signals", r1cs_path, n_vars, n_public);
  const uint64_t rows = (uint64_t)r.n_constraints + n_public + 1;
  int log_n = 0;
  while (((uint64_t)1 << log_n) < rows) log_n++;
  if (log_n < 1) log_n = 1;
  if (log_n >= FR_TWO_ADICITY) fail("R1CS_UNSUPPORTED", "%s needs a domain of 2^%d: too large", r1cs_path, log_n);
  const size_t n = (size_t)1 << log_n;

  fr_t *lagrange = xmalloc(n * sizeof *lagrange);
  lagrange_at_tau(lagrange, log_n, &tau, 0);
  dk_progress("Lagrange basis at tau", n);

  dk_walk walk = {.a = xcalloc(n_vars, sizeof(fr_t)), .b = xcalloc(n_vars, sizeof(fr_t)), .c = xcalloc(n_vars, sizeof(fr_t)),
                  .lagrange = lagrange};
  {
    const fr_t r2_value = fr_r2; /* R^2 as an integer; in Montgomery form it is R^3 */
    fr_to_mont(&walk.r2, &r2_value);
  }
  r1cs_walk(&r, &walk, dk_term); /* counts A and B terms */

  zkey_writer w = {.f = fopen(out_path, "wb"), .path = out_path, .section_end = -1};
  if (w.f == NULL) fail("IO_ERROR", "cannot create %s: %s", out_path, strerror(errno));
  static char io_buffer[1 << 20];
  setvbuf(w.f, io_buffer, _IOFBF, sizeof io_buffer);
  zw_put(&w, "zkey", 4);
  zw_u32(&w, 1);
  zw_u32(&w, 10);
  zw_section(&w, 1, 4);
  zw_u32(&w, 1); /* Groth16 */

  dk_gen g = {.threads = threads, .g1_base = g1_generator(), .g2_base = g2_generator()};
  {
    fr_t t;
    g1_aff alpha1, beta1, delta1;
    g2_aff beta2, gamma2, delta2;
    fr_from_mont(&t, &alpha), g1_mul_safe(&alpha1, &g.g1_base, t.v);
    fr_from_mont(&t, &beta), g1_mul_safe(&beta1, &g.g1_base, t.v), g2_mul_safe(&beta2, &g.g2_base, t.v);
    fr_from_mont(&t, &gamma), g2_mul_safe(&gamma2, &g.g2_base, t.v);
    fr_from_mont(&t, &delta), g1_mul_safe(&delta1, &g.g1_base, t.v), g2_mul_safe(&delta2, &g.g2_base, t.v);
    zw_section(&w, 2, 4 + 32 + 4 + 32 + 4 + 4 + 4 + 3 * G1_BYTES + 3 * G2_BYTES);
    zw_u32(&w, 32);
    zw_put(&w, fq_modulus.v, 32);
    zw_u32(&w, 32);
    zw_put(&w, fr_modulus.v, 32);
    zw_u32(&w, n_vars);
    zw_u32(&w, n_public);
    zw_u32(&w, (uint32_t)n);
    zw_put(&w, &alpha1, G1_BYTES);
    zw_put(&w, &beta1, G1_BYTES);
    zw_put(&w, &beta2, G2_BYTES);
    zw_put(&w, &gamma2, G2_BYTES);
    zw_put(&w, &delta1, G1_BYTES);
    zw_put(&w, &delta2, G2_BYTES);
  }

  const uint64_t n_coefs = walk.ab_terms + n_public + 1;
  if (n_coefs > 0xffffffffULL) fail("R1CS_UNSUPPORTED", "%s: too many coefficients for a zkey", r1cs_path);
  zw_section(&w, 4, 4 + n_coefs * COEF_BYTES);
  zw_u32(&w, (uint32_t)n_coefs);
  walk.out = &w;
  r1cs_walk(&r, &walk, dk_term); /* writes A, B entries; accumulates a, b, c */
  {
    fr_t one_r2;
    fr_from_mont(&one_r2, &walk.r2); /* 1 * R^2 mod r */
    for (uint32_t s = 0; s <= n_public; s++) {
      const uint32_t head[3] = {0, r.n_constraints + s, s};
      zw_put(&w, head, sizeof head);
      zw_put(&w, one_r2.v, 32);
      fr_add(&walk.a[s], &walk.a[s], &lagrange[r.n_constraints + s]);
    }
  }
  binfile_close(&r.file);
  free(lagrange);
  dk_progress("QAP at tau and coefficients", (size_t)n_coefs);

  /* (beta a + alpha b + c), kept in walk.c */
  for (uint32_t s = 0; s < n_vars; s++) {
    fr_t t;
    fr_mul(&t, &beta, &walk.a[s]);
    fr_add(&walk.c[s], &walk.c[s], &t);
    fr_mul(&t, &alpha, &walk.b[s]);
    fr_add(&walk.c[s], &walk.c[s], &t);
  }
  fr_t inv_gamma, inv_delta;
  fr_inv(&inv_gamma, &gamma);
  fr_inv(&inv_delta, &delta);

  const size_t most = n > n_vars ? n : n_vars;
  const int w1 = comb_window_for(most, 16), w2 = comb_window_for(n_vars, 15);
  g1_comb_init(&g.g1, &g.g1_base, w1, threads);
  g2_comb_init(&g.g2, &g.g2_base, w2, threads);
  g.normal = xmalloc(DK_CHUNK * sizeof(fr_t));
  g.points = xmalloc(DK_CHUNK * sizeof(g2_aff));
  dk_progress("comb tables", 0);

  zw_section(&w, 3, (uint64_t)(n_public + 1) * G1_BYTES);
  dk_emit(&g, &w, walk.c, n_public + 1, &inv_gamma, 0);
  zw_section(&w, 5, (uint64_t)n_vars * G1_BYTES);
  dk_emit(&g, &w, walk.a, n_vars, NULL, 0);
  dk_progress("A", n_vars);
  zw_section(&w, 6, (uint64_t)n_vars * G1_BYTES);
  dk_emit(&g, &w, walk.b, n_vars, NULL, 0);
  dk_progress("B1", n_vars);
  zw_section(&w, 7, (uint64_t)n_vars * G2_BYTES);
  dk_emit(&g, &w, walk.b, n_vars, NULL, 1);
  dk_progress("B2", n_vars);
  zw_section(&w, 8, (uint64_t)(n_vars - n_public - 1) * G1_BYTES);
  dk_emit(&g, &w, walk.c + n_public + 1, n_vars - n_public - 1, &inv_delta, 0);
  dk_progress("C", n_vars - n_public - 1);
  free(walk.a);
  free(walk.b);
  free(walk.c);

  fr_t *hexp = xmalloc(n * sizeof *hexp);
  odd_lagrange_at_tau(hexp, log_n, &tau);
  zw_section(&w, 9, (uint64_t)n * G1_BYTES);
  dk_emit(&g, &w, hexp, n, &inv_delta, 0);
  free(hexp);
  dk_progress("H", n);

  zw_section(&w, 10, 64 + 4);
  static const unsigned char zero_hash[64];
  zw_put(&w, zero_hash, 64);
  zw_u32(&w, 0);
  zw_check(&w);
  if (fflush(w.f) != 0 || fclose(w.f) != 0) fail("IO_ERROR", "closing %s failed: %s", out_path, strerror(errno));
  g1_comb_free(&g.g1);
  g2_comb_free(&g.g2);
  free(g.normal);
  free(g.points);
  printf("{\"insecure\":true,\"zkey\":\"%s\",\"vars\":%u,\"public\":%u,\"constraints\":%u,\"domain\":%zu,"
         "\"coefficients\":%llu,\"seconds\":%.3f,\"cpu_seconds\":%.3f,\"peak_rss_bytes\":%ld}\n",
         out_path, n_vars, n_public, r.n_constraints, n, (unsigned long long)n_coefs, now_seconds() - devkeys_started,
         cpu_seconds(), peak_rss_kb() * 1024L);
}

/* The odd Lagrange values equal the full basis of the doubled domain at odd indices. */
static int devkeys_selftest(int threads) {
  (void)threads;
  int failures = 0;
  for (int log_n = 1; log_n <= 6; log_n++) {
    const size_t n = (size_t)1 << log_n;
    fr_t tau, *odd = xmalloc(n * sizeof *odd), *full = xmalloc(2 * n * sizeof *full);
    fr_from_u64(&tau, 0x1234567ULL + (uint64_t)log_n);
    odd_lagrange_at_tau(odd, log_n, &tau);
    lagrange_at_tau(full, log_n + 1, &tau, 0);
    for (size_t i = 0; i < n; i++) {
      if (!fr_eq(&odd[i], &full[2 * i + 1])) {
        fprintf(stderr, "selftest: odd Lagrange value %zu of 2^%d differs\n", i, log_n + 1);
        failures++;
        break;
      }
    }
    free(odd);
    free(full);
  }
  return failures;
}

#endif
