/* INSECURE development powers of tau for snarkjs (bn128), from a tau/alpha/beta the caller knows.
 *
 * Writes what `snarkjs powersoftau prepare phase2` would output for a ceremony whose secrets are
 * tau/alpha/beta and that lists 0 contributions: header, tauG1, tauG2, alphaTauG1, betaTauG1, betaG2,
 * contributions, then the Lagrange sections 12-15. Every point is a fixed-base multiple of a generator
 * (comb tables + batched affine additions, see comb_impl.h); the Lagrange exponents come from the
 * closed formula instead of snarkjs' point FFT.
 *
 * usage: devptau POWER OUT.ptau [--threads N] [--g1-window W] [--g2-window W] < secrets
 *        secrets: three hex integers < r (tau alpha beta), whitespace separated
 *        devptau --selftest   checks the comb against plain double-and-add on edge-case scalars */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* field.h, groups.h, scalars.h and util.h are packages/prover/native/src's (native-build.mjs puts that directory
 * on the include path); devptau needs the comb, not the prover's MSM. */
#define ZKP_NO_MSM
#include "field.h"
#include "groups.h"
#include "scalars.h"

static double started;

static void progress(const char *what, size_t points) {
  fprintf(stderr, "[devptau %7.1fs] %s (%zu points)\n", now_seconds() - started, what, points);
}

static void die(const char *message) {
  fprintf(stderr, "devptau: %s\n", message);
  exit(2);
}

/* ---------------------------------------------------------------- output file (iden3 binfile) */

typedef struct {
  FILE *f;
  const char *path;
  long long section_end; /* expected offset at the end of the open section */
} ptau_writer;

static void put(ptau_writer *w, const void *data, size_t size) {
  if (size != 0 && fwrite(data, 1, size, w->f) != size) {
    fprintf(stderr, "devptau: writing %s failed: %s\n", w->path, strerror(errno));
    exit(4);
  }
}

static void put_u32(ptau_writer *w, uint32_t v) {
  const uint8_t b[4] = {(uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24)};
  put(w, b, 4);
}

static void put_u64(ptau_writer *w, uint64_t v) {
  put_u32(w, (uint32_t)v);
  put_u32(w, (uint32_t)(v >> 32));
}

static void check_position(ptau_writer *w) {
  if (w->section_end >= 0 && ftello(w->f) != w->section_end) die("internal error: section size mismatch");
}

static void begin_section(ptau_writer *w, uint32_t id, uint64_t size) {
  check_position(w);
  put_u32(w, id);
  put_u64(w, size);
  w->section_end = (long long)ftello(w->f) + (long long)size;
}

/* ---------------------------------------------------------------- point sections */

enum { EMIT_CHUNK = 1 << 17 };

typedef struct {
  int threads;
  g1_comb g1;
  g2_comb g2;
  g1_aff g1_base;
  g2_aff g2_base;
  void *points; /* EMIT_CHUNK G2 points, reused for G1 */
} generator;

/* Affine Montgomery little-endian coordinates are exactly the in-memory layout of g1_aff / g2_aff. */
static void emit_g1(generator *gen, ptau_writer *w, const fr_t *scalars, size_t n) {
  for (size_t at = 0; at < n; at += EMIT_CHUNK) {
    size_t count = n - at < EMIT_CHUNK ? n - at : EMIT_CHUNK;
    g1_comb_mul_many(&gen->g1, &gen->g1_base, scalars + at, count, gen->points, gen->threads);
    put(w, gen->points, count * sizeof(g1_aff));
  }
}

static void emit_g2(generator *gen, ptau_writer *w, const fr_t *scalars, size_t n) {
  for (size_t at = 0; at < n; at += EMIT_CHUNK) {
    size_t count = n - at < EMIT_CHUNK ? n - at : EMIT_CHUNK;
    g2_comb_mul_many(&gen->g2, &gen->g2_base, scalars + at, count, gen->points, gen->threads);
    put(w, gen->points, count * sizeof(g2_aff));
  }
}

/* ---------------------------------------------------------------- secrets */

static void read_secrets(fr_t *tau, fr_t *alpha, fr_t *beta) {
  char t[80], a[80], b[80];
  fr_t n[3];
  if (scanf("%79s %79s %79s", t, a, b) != 3 || !fr_parse_hex(&n[0], t) || !fr_parse_hex(&n[1], a) ||
      !fr_parse_hex(&n[2], b)) {
    die("stdin must hold tau, alpha and beta as hex integers below the bn128 scalar field order");
  }
  fr_to_mont(tau, &n[0]);
  fr_to_mont(alpha, &n[1]);
  fr_to_mont(beta, &n[2]);
}

/* out[i] = factor * tau^i in Montgomery form */
static void tau_powers(fr_t *out, size_t n, const fr_t *tau, const fr_t *factor) {
  fr_t acc = *factor;
  for (size_t i = 0; i < n; i++) {
    out[i] = acc;
    fr_mul(&acc, &acc, tau);
  }
}

/* ---------------------------------------------------------------- the ptau file */

static void write_ptau(int power, const char *path, generator *gen, const fr_t *tau, const fr_t *alpha,
                       const fr_t *beta) {
  const size_t domain = (size_t)1 << power;
  const size_t n_tau_g1 = 2 * domain - 1;      /* tauG1 holds 2^(power+1) - 1 powers */
  const size_t n_lagrange = 2 * domain - 1;    /* sum over p = 0..power of 2^p */
  const size_t n_lagrange_g1 = n_lagrange + 2 * domain; /* plus the extra tauG1 domain 2^(power+1) */
  const size_t sg1 = sizeof(g1_aff), sg2 = sizeof(g2_aff);

  ptau_writer w = {.f = fopen(path, "wb"), .path = path, .section_end = -1};
  if (w.f == NULL) {
    fprintf(stderr, "devptau: cannot create %s: %s\n", path, strerror(errno));
    exit(4);
  }
  static char io_buffer[1 << 20];
  setvbuf(w.f, io_buffer, _IOFBF, sizeof io_buffer);

  put(&w, "ptau", 4);
  put_u32(&w, 1);  /* version */
  put_u32(&w, 11); /* sections: 1-7 and 12-15 */

  begin_section(&w, 1, 4 + 32 + 4 + 4);
  put_u32(&w, 32);
  put(&w, fq_modulus.v, 32);
  put_u32(&w, (uint32_t)power);
  put_u32(&w, (uint32_t)power); /* ceremony power */

  fr_t one;
  fr_one(&one);
  fr_t *powers = xmalloc(n_tau_g1 * sizeof *powers);
  fr_t *scalars = xmalloc(n_lagrange_g1 * sizeof *scalars);
  tau_powers(powers, n_tau_g1, tau, &one);
  fr_to_normal_scaled(scalars, powers, n_tau_g1, NULL);

  begin_section(&w, 2, n_tau_g1 * sg1);
  emit_g1(gen, &w, scalars, n_tau_g1);
  progress("tauG1", n_tau_g1);
  begin_section(&w, 3, domain * sg2);
  emit_g2(gen, &w, scalars, domain);
  progress("tauG2", domain);

  fr_to_normal_scaled(scalars, powers, domain, alpha);
  begin_section(&w, 4, domain * sg1);
  emit_g1(gen, &w, scalars, domain);
  progress("alphaTauG1", domain);

  fr_to_normal_scaled(scalars, powers, domain, beta);
  begin_section(&w, 5, domain * sg1);
  emit_g1(gen, &w, scalars, domain);
  progress("betaTauG1", domain);
  free(powers);

  begin_section(&w, 6, sg2);
  fr_t beta_normal;
  fr_from_mont(&beta_normal, beta);
  g2_aff beta_g2;
  g2_mul_safe(&beta_g2, &gen->g2_base, beta_normal.v);
  put(&w, &beta_g2, sg2);

  begin_section(&w, 7, 4);
  put_u32(&w, 0); /* no contributions recorded */

  fr_t *lagrange = xmalloc(n_lagrange_g1 * sizeof *lagrange);
  for (int p = 0; p <= power; p++) lagrange_at_tau(lagrange + ((size_t)1 << p) - 1, p, tau, 0);
  lagrange_at_tau(lagrange + n_lagrange, power + 1, tau, 1);
  progress("Lagrange exponents", n_lagrange_g1);

  fr_to_normal_scaled(scalars, lagrange, n_lagrange_g1, NULL);
  begin_section(&w, 12, n_lagrange_g1 * sg1);
  emit_g1(gen, &w, scalars, n_lagrange_g1);
  progress("lagrange tauG1", n_lagrange_g1);
  begin_section(&w, 13, n_lagrange * sg2);
  emit_g2(gen, &w, scalars, n_lagrange);
  progress("lagrange tauG2", n_lagrange);

  fr_to_normal_scaled(scalars, lagrange, n_lagrange, alpha);
  begin_section(&w, 14, n_lagrange * sg1);
  emit_g1(gen, &w, scalars, n_lagrange);
  progress("lagrange alphaTauG1", n_lagrange);

  fr_to_normal_scaled(scalars, lagrange, n_lagrange, beta);
  begin_section(&w, 15, n_lagrange * sg1);
  emit_g1(gen, &w, scalars, n_lagrange);
  progress("lagrange betaTauG1", n_lagrange);
  check_position(&w);

  free(lagrange);
  free(scalars);
  if (fflush(w.f) != 0 || fsync(fileno(w.f)) != 0 || fclose(w.f) != 0) {
    fprintf(stderr, "devptau: closing %s failed: %s\n", path, strerror(errno));
    exit(4);
  }
}

/* ---------------------------------------------------------------- self-test */

/* 256-bit helpers for crafting scalars */
static void u256_sub(uint64_t z[4], const uint64_t x[4], const uint64_t y[4]) {
  u128 b = 0;
  for (int i = 0; i < 4; i++) {
    u128 d = (u128)x[i] - y[i] - (uint64_t)b;
    z[i] = (uint64_t)d;
    b = (d >> 64) & 1;
  }
}

/* The scalar s = 2 d 2^t - r (t = the top window's shift, d = r / 2^t rounded down) makes the comb's
 * running sum before the top window equal (d 2^t - r) G = d 2^t G, the very table entry it adds next:
 * the doubling case the batched affine addition cannot do. With e = r mod 2^t, s = r - 2e; this needs
 * e < 2^(t-1) (else d would round up). Returns 0 when the construction does not apply to w. */
static int exceptional_scalar(fr_t *s, int w) {
  const unsigned t = (unsigned)(w * (comb_windows(w) - 1));
  const fr_t r = fr_modulus;
  if (t == 0 || t >= 256) return 0;
  uint64_t e[4] = {0, 0, 0, 0};
  for (unsigned bit = 0; bit < t; bit++) e[bit / 64] |= r.v[bit / 64] & (1ULL << (bit % 64));
  if ((e[(t - 1) / 64] >> ((t - 1) % 64)) & 1) return 0;
  u256_sub(s->v, r.v, e);
  u256_sub(s->v, s->v, e);
  return fr_is_canonical(s) && !fr_is_zero(s);
}

static uint64_t splitmix(uint64_t *state) {
  uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

static size_t selftest_scalars(fr_t *s, int w, int *has_exceptional) {
  size_t n = 0;
  const fr_t r = fr_modulus;
  for (uint64_t v = 0; v < 4; v++) s[n++] = (fr_t){{v, 0, 0, 0}};
  s[n] = r;
  s[n++].v[0] -= 1;
  s[n] = r;
  s[n++].v[0] -= 2;
  s[n++] = (fr_t){{0, 0, 0, 1ULL << 61}}; /* 2^253 */
  s[n++] = (fr_t){{~0ULL, ~0ULL, ~0ULL, 0}};
  *has_exceptional = exceptional_scalar(&s[n], w);
  if (*has_exceptional) n++;
  uint64_t state = 0x5eed;
  for (int i = 0; i < 40; i++) {
    fr_t x = {{splitmix(&state), splitmix(&state), splitmix(&state), splitmix(&state) & 0x0fffffffffffffffULL}};
    s[n++] = x;
  }
  return n;
}

static int selftest_window(int w, int threads) {
  fr_t scalars[64];
  int has_exceptional;
  size_t n = selftest_scalars(scalars, w, &has_exceptional);
  int failures = 0;

  g1_aff g1 = g1_generator();
  fq_t b1 = g1_b();
  g1_comb c1;
  g1_comb_init(&c1, &g1, w, threads);
  g1_aff out1[64];
  size_t exc1 = g1_comb_mul_many(&c1, &g1, scalars, n, out1, threads);
  for (size_t i = 0; i < n; i++) {
    g1_aff ref;
    g1_mul_safe(&ref, &g1, scalars[i].v);
    if (memcmp(&ref, &out1[i], sizeof ref) != 0 || !(g1_aff_is_inf(&ref) || g1_on_curve(&ref, &b1))) {
      fprintf(stderr, "selftest: G1 window %d scalar #%zu differs\n", w, i);
      failures++;
    }
  }
  g1_comb_free(&c1);

  g2_aff g2 = g2_generator();
  fq2_t b2 = g2_b();
  g2_comb c2;
  g2_comb_init(&c2, &g2, w, threads);
  g2_aff out2[64];
  size_t exc2 = g2_comb_mul_many(&c2, &g2, scalars, n, out2, threads);
  for (size_t i = 0; i < n; i++) {
    g2_aff ref;
    g2_mul_safe(&ref, &g2, scalars[i].v);
    if (memcmp(&ref, &out2[i], sizeof ref) != 0 || !(g2_aff_is_inf(&ref) || g2_on_curve(&ref, &b2))) {
      fprintf(stderr, "selftest: G2 window %d scalar #%zu differs\n", w, i);
      failures++;
    }
  }
  g2_comb_free(&c2);

  if (has_exceptional && (exc1 == 0 || exc2 == 0)) {
    fprintf(stderr, "selftest: window %d: the crafted doubling scalar did not reach the fallback\n", w);
    failures++;
  }
  fprintf(stderr, "selftest: window %2d: %zu scalars, fallback used %zu (G1) %zu (G2) times\n", w, n, exc1, exc2);
  return failures;
}

static int selftest(int threads) {
  int failures = 0;
  g1_aff g1 = g1_generator(), p;
  g2_aff g2 = g2_generator(), q;
  fq_t b1 = g1_b();
  fq2_t b2 = g2_b();
  if (!g1_on_curve(&g1, &b1) || !g2_on_curve(&g2, &b2)) {
    fprintf(stderr, "selftest: a generator is not on its curve\n");
    failures++;
  }
  /* r * G = infinity: both generators have order r */
  g1_mul_safe(&p, &g1, fr_modulus.v);
  g2_mul_safe(&q, &g2, fr_modulus.v);
  if (!g1_aff_is_inf(&p) || !g2_aff_is_inf(&q)) {
    fprintf(stderr, "selftest: r * G is not infinity\n");
    failures++;
  }
  const int windows[] = {16, 15, 4, 5, 7, 11};
  for (size_t i = 0; i < sizeof windows / sizeof windows[0]; i++) failures += selftest_window(windows[i], threads);
  fprintf(stderr, failures ? "selftest FAILED\n" : "selftest ok\n");
  return failures ? 1 : 0;
}

/* ---------------------------------------------------------------- main */

int main(int argc, char **argv) {
  started = now_seconds();
  long cpus = sysconf(_SC_NPROCESSORS_ONLN);
  int threads = int_option(argc, argv, "--threads", cpus > 0 ? (int)cpus : 1, 1, 256);
  if (argc >= 2 && strcmp(argv[1], "--selftest") == 0) return selftest(threads);

  if (argc < 3) die("usage: devptau POWER OUT.ptau [--threads N] [--g1-window W] [--g2-window W] < secrets");
  char *end;
  long power = strtol(argv[1], &end, 10);
  if (*end != '\0' || power < 1 || power > FR_TWO_ADICITY - 1) die("POWER must be an integer in 1..27");
  int g1_window = int_option(argc, argv, "--g1-window", 16, 2, 22);
  int g2_window = int_option(argc, argv, "--g2-window", 15, 2, 22);

  fr_t tau, alpha, beta;
  read_secrets(&tau, &alpha, &beta);

  generator gen = {.threads = threads, .g1_base = g1_generator(), .g2_base = g2_generator()};
  g1_comb_init(&gen.g1, &gen.g1_base, g1_window, threads);
  g2_comb_init(&gen.g2, &gen.g2_base, g2_window, threads);
  gen.points = xmalloc((size_t)EMIT_CHUNK * sizeof(g2_aff));
  progress("comb tables", (size_t)gen.g1.windows * gen.g1.half + (size_t)gen.g2.windows * gen.g2.half);

  write_ptau((int)power, argv[2], &gen, &tau, &alpha, &beta);
  g1_comb_free(&gen.g1);
  g2_comb_free(&gen.g2);
  free(gen.points);
  progress("done", 0);
  return 0;
}
