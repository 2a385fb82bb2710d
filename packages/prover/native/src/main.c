/* zklite-prover: a Groth16 prover (and an INSECURE development key generator) for snarkjs .zkey files.
 *
 *   zklite-prover prove ZKEY WTNS|- [--r1cs R1CS] [--threads N] [--no-check] [--window C] [--plain-buckets]
 *       prints {"proof": {...}, "publicSignals": [...], "stats": {...}} on stdout, in snarkjs' proof.json /
 *       public.json shapes. WTNS "-" reads the witness from stdin. --r1cs refuses a witness that does not
 *       satisfy the circuit before proving. --no-check skips the on-curve check of the key's points.
 *       --window fixes the Pippenger window (2..16; default: chosen per MSM), --plain-buckets uses
 *       extended-Jacobian buckets only (for comparison with the batch-affine default).
 *   zklite-prover devkeys R1CS OUT.zkey [--threads N] < secrets     (see devkeys.h; INSECURE)
 *   zklite-prover selftest
 * Errors: one JSON line {"error": CODE, "message": ...} on stderr, exit status 2.
 *
 * The proof is computed as snarkjs' groth16_prove.js does, so it verifies against the same keys:
 *   A_T, B_T = the A and B rows of the QAP at the domain points (zkey section 4), C_T = A_T * B_T;
 *   each is interpolated (inverse FFT), shifted to the coset w_2n * <w_n> (coefficient i times w_2n^i) and
 *   evaluated there (FFT); H = MSM(section 9, A*B - C on the coset);
 *   pi_a = alpha1 + MSM(A, w) + r delta1, pi_b = beta2 + MSM(B2, w) + s delta2,
 *   pi_c = MSM(C, private w) + H + s pi_a + r (beta1 + MSM(B1, w) + s delta1) - r s delta1. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "fft.h"
#include "field.h"
#include "groups.h"
#include "scalars.h"
#include "zkey.h"
#include "devkeys.h"
#include "version.h"

/* ------------------------------------------------------------ output */

/* decimal digits of a 256-bit normal-form integer */
static void u256_to_decimal(char *out, const uint64_t v[4]) {
  uint64_t n[4] = {v[0], v[1], v[2], v[3]};
  char digits[96];
  int len = 0;
  const uint64_t base = 10000000000000000000ULL; /* 10^19 */
  for (;;) {
    int zero = (n[0] | n[1] | n[2] | n[3]) == 0;
    if (zero && len > 0) break;
    u128 rem = 0;
    for (int i = 3; i >= 0; i--) {
      u128 cur = (rem << 64) | n[i];
      n[i] = (uint64_t)(cur / base);
      rem = cur % base;
    }
    uint64_t chunk = (uint64_t)rem;
    int last = (n[0] | n[1] | n[2] | n[3]) == 0;
    for (int k = 0; k < 19; k++) {
      digits[len++] = (char)('0' + chunk % 10);
      chunk /= 10;
      if (last && chunk == 0) break;
    }
    if (last) break;
  }
  for (int i = 0; i < len; i++) out[i] = digits[len - 1 - i];
  out[len] = '\0';
}

static void print_fq(const fq_t *x) {
  fq_t n;
  fq_from_mont(&n, x);
  char s[96];
  u256_to_decimal(s, n.v);
  printf("\"%s\"", s);
}

static void print_g1(const g1_aff *p) {
  if (g1_aff_is_inf(p)) {
    printf("[\"0\",\"1\",\"0\"]");
    return;
  }
  printf("[");
  print_fq(&p->x);
  printf(",");
  print_fq(&p->y);
  printf(",\"1\"]");
}

static void print_g2(const g2_aff *p) {
  if (g2_aff_is_inf(p)) {
    printf("[[\"0\",\"0\"],[\"1\",\"0\"],[\"0\",\"0\"]]");
    return;
  }
  printf("[[");
  print_fq(&p->x.c0);
  printf(",");
  print_fq(&p->x.c1);
  printf("],[");
  print_fq(&p->y.c0);
  printf(",");
  print_fq(&p->y.c1);
  printf("],[\"1\",\"0\"]]");
}


/* ------------------------------------------------------------ randomness */

static void random_scalar(fr_t *out) {
  FILE *f = fopen("/dev/urandom", "rb");
  if (f == NULL) fail("IO_ERROR", "cannot open /dev/urandom for the proof's blinding factors");
  for (;;) {
    if (fread(out->v, 1, 32, f) != 32) fail("IO_ERROR", "reading /dev/urandom failed");
    out->v[3] &= 0x3fffffffffffffffULL; /* < 2^254, then rejection below r */
    if (fr_is_canonical(out) && !fr_is_zero(out)) break;
  }
  fclose(f);
}

/* ------------------------------------------------------------ prove */

/* One QAP row from the domain to the coset: inverse DIF (natural in, coefficients in bit-reversed order),
 * times inc^i / n at the bit-reversed positions, forward DIT from bit-reversed order; no permutation pass. */
typedef struct {
  fft_domain *d;
  fr_t *poly;
  const fr_t *coset;
  int threads;
} coset_job;

static void *coset_worker(void *arg) {
  coset_job *job = arg;
  fft_run_mode(job->d, job->poly, 1, FFT_DIF, job->threads);
  fr_mul_table(job->poly, job->coset, job->d->n, job->threads);
  fft_run_mode(job->d, job->poly, 0, FFT_BITREV_IN, job->threads);
  return NULL;
}

typedef struct {
  double load, check, witness, r1cs, abc, fft, msm_a, msm_b1, msm_b2, msm_c, msm_h, total;
} timings;

static void prove(const char *zkey_path, const char *wtns_path, const char *r1cs_path, int threads, int check,
                  int window) {
  timings t = {0};
  double t0 = now_seconds(), mark = t0;
#define LAP(field)                  \
  do {                              \
    double now_ = now_seconds();    \
    t.field = now_ - mark;          \
    mark = now_;                    \
  } while (0)

  zkey z;
  zkey_open(&z, zkey_path);
  LAP(load);
  binfile wf;
  if (strcmp(wtns_path, "-") == 0) binfile_read_stream(&wf, stdin, "the witness on stdin", "WTNS");
  else binfile_open(&wf, wtns_path, "WTNS");
  fr_t *w = wtns_load(&wf, z.n_vars, zkey_path);
  binfile_close(&wf);
  LAP(witness);
  if (r1cs_path != NULL) {
    r1cs r;
    r1cs_open(&r, r1cs_path);
    if ((uint64_t)r.n_constraints + z.n_public + 1 > z.domain_size) {
      fail("R1CS_MISMATCH", "%s has %u constraints: too many for the key's domain of %u", r1cs_path, r.n_constraints, z.domain_size);
    }
    r1cs_check_witness(&r, w, z.n_vars, z.n_public);
    binfile_close(&r.file);
  }
  LAP(r1cs);
  if (check) zkey_check_points(&z, threads);
  LAP(check);

  /* QAP rows at the domain points */
  const size_t n = z.domain_size;
  fr_t *qa = xcalloc(n, sizeof(fr_t)), *qb = xcalloc(n, sizeof(fr_t)), *qc = xmalloc_aligned(n * sizeof(fr_t));
  fr_t *rows[2] = {qa, qb};
  for (uint32_t i = 0; i < z.n_coefs; i++) {
    const unsigned char *e = z.coefs + 4 + (size_t)i * COEF_BYTES;
    const uint32_t m = rd_u32(e), c = rd_u32(e + 4), s = rd_u32(e + 8);
    fr_t coef, term;
    memcpy(&coef, e + 12, 32);
    if (m > 1 || c >= n || s >= z.n_vars || !fr_is_canonical(&coef)) {
      fail("ZKEY_CORRUPT", "%s: coefficient #%u (matrix %u, constraint %u, signal %u) is out of range", zkey_path, i, m, c, s);
    }
    fr_mul(&term, &coef, &w[s]); /* (c R^2) w / R = (c w) R: Montgomery form */
    fr_add(&rows[m][c], &rows[m][c], &term);
  }
  for (size_t i = 0; i < n; i++) fr_mul(&qc[i], &qa[i], &qb[i]);
  LAP(abc);

  fft_domain d;
  fft_domain_init(&d, z.log_domain, threads);
  fr_t inv_n, n_fr, inc = fr_root_of_unity(z.log_domain + 1);
  fr_from_u64(&n_fr, n);
  fr_inv(&inv_n, &n_fr);
  fr_t *coset = fr_bitrev_geometric_table(n, z.log_domain, &inv_n, &inc, threads);
  /* A and B side by side on half the threads each (no barrier between their threads), then C on all */
  coset_job jobs[3] = {{&d, qa, coset, threads > 1 ? threads / 2 : 1},
                       {&d, qb, coset, threads > 1 ? threads - threads / 2 : 1},
                       {&d, qc, coset, threads}};
  if (threads > 1) {
    pthread_t other;
    if (pthread_create(&other, NULL, coset_worker, &jobs[1]) != 0) fail("THREADS", "pthread_create failed");
    coset_worker(&jobs[0]);
    pthread_join(other, NULL);
  } else {
    coset_worker(&jobs[0]);
    coset_worker(&jobs[1]);
  }
  coset_worker(&jobs[2]);
  free(coset);
  fft_domain_free(&d);
  for (size_t i = 0; i < n; i++) {
    fr_t p;
    fr_mul(&p, &qa[i], &qb[i]);
    fr_sub(&p, &p, &qc[i]);
    fr_from_mont(&qa[i], &p);
  }
  free(qb);
  free(qc);
  LAP(fft);

  g1_xyzz msm_a, msm_b1, msm_c, msm_h;
  g2_xyzz msm_b2;
  /* A, B1, B2 and C share the witness' recoding (C from signal nPublic + 1 on) */
  msm_scalars ws;
  msm_scalars_prepare(&ws, w, z.n_vars, threads, window);
  g1_msm_prepared(&msm_a, z.a, &ws, 0, z.n_vars, threads);
  LAP(msm_a);
  g1_msm_prepared(&msm_b1, z.b1, &ws, 0, z.n_vars, threads);
  LAP(msm_b1);
  g2_msm_prepared(&msm_b2, z.b2, &ws, 0, z.n_vars, threads);
  LAP(msm_b2);
  g1_msm_prepared(&msm_c, z.c, &ws, z.n_public + 1, z.n_vars - z.n_public - 1, threads);
  LAP(msm_c);
  msm_scalars_free(&ws);
  g1_msm(&msm_h, z.h, qa, n, threads, window);
  LAP(msm_h);
  free(qa);

  fr_t r, s, rs;
  random_scalar(&r);
  random_scalar(&s);
  {
    fr_t rm, sm, p;
    fr_to_mont(&rm, &r);
    fr_to_mont(&sm, &s);
    fr_mul(&p, &rm, &sm);
    fr_neg(&p, &p);
    fr_from_mont(&rs, &p); /* -r s, normal form */
  }
  g1_xyzz alpha1, beta1, delta1, tmp;
  g2_xyzz beta2, delta2, tmp2;
  g1_xyzz_from_aff(&alpha1, &z.alpha1);
  g1_xyzz_from_aff(&beta1, &z.beta1);
  g1_xyzz_from_aff(&delta1, &z.delta1);
  g2_xyzz_from_aff(&beta2, &z.beta2);
  g2_xyzz_from_aff(&delta2, &z.delta2);

  g1_xyzz pi_a = msm_a, pib1 = msm_b1, pi_c = msm_c;
  g2_xyzz pi_b = msm_b2;
  g1_xyzz_add(&pi_a, &alpha1);
  g1_xyzz_mul(&tmp, &delta1, &r);
  g1_xyzz_add(&pi_a, &tmp);
  g2_xyzz_add(&pi_b, &beta2);
  g2_xyzz_mul(&tmp2, &delta2, &s);
  g2_xyzz_add(&pi_b, &tmp2);
  g1_xyzz_add(&pib1, &beta1);
  g1_xyzz_mul(&tmp, &delta1, &s);
  g1_xyzz_add(&pib1, &tmp);
  g1_xyzz_add(&pi_c, &msm_h);
  g1_xyzz_mul(&tmp, &pi_a, &s);
  g1_xyzz_add(&pi_c, &tmp);
  g1_xyzz_mul(&tmp, &pib1, &r);
  g1_xyzz_add(&pi_c, &tmp);
  g1_xyzz_mul(&tmp, &delta1, &rs);
  g1_xyzz_add(&pi_c, &tmp);

  g1_aff a_aff, c_aff;
  g2_aff b_aff;
  g1_xyzz_to_aff(&a_aff, &pi_a);
  g2_xyzz_to_aff(&b_aff, &pi_b);
  g1_xyzz_to_aff(&c_aff, &pi_c);
  t.total = now_seconds() - t0;

  printf("{\"proof\":{\"pi_a\":");
  print_g1(&a_aff);
  printf(",\"pi_b\":");
  print_g2(&b_aff);
  printf(",\"pi_c\":");
  print_g1(&c_aff);
  printf(",\"protocol\":\"groth16\",\"curve\":\"bn128\"},\"publicSignals\":[");
  for (uint32_t i = 1; i <= z.n_public; i++) {
    char dec[96];
    u256_to_decimal(dec, w[i].v);
    printf("%s\"%s\"", i > 1 ? "," : "", dec);
  }
  printf("],\"stats\":{\"threads\":%d,\"vars\":%u,\"public\":%u,\"domain\":%u,\"coefficients\":%u,"
         "\"seconds\":{\"load\":%.4f,\"witness\":%.4f,\"r1cs_check\":%.4f,\"point_check\":%.4f,\"abc\":%.4f,"
         "\"fft\":%.4f,\"msm_a\":%.4f,\"msm_b1\":%.4f,\"msm_b2\":%.4f,\"msm_c\":%.4f,\"msm_h\":%.4f,\"total\":%.4f},"
         "\"cpu_seconds\":%.3f,\"peak_rss_bytes\":%ld}}\n",
         threads, z.n_vars, z.n_public, z.domain_size, z.n_coefs, t.load, t.witness, t.r1cs, t.check, t.abc, t.fft,
         t.msm_a, t.msm_b1, t.msm_b2, t.msm_c, t.msm_h, t.total, cpu_seconds(), peak_rss_kb() * 1024L);
  free(w);
  binfile_close(&z.file);
}

/* ------------------------------------------------------------ self-test */

static uint64_t splitmix(uint64_t *state) {
  uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

static void random_fr(fr_t *x, uint64_t *state) {
  do {
    *x = (fr_t){{splitmix(state), splitmix(state), splitmix(state), splitmix(state) & 0x3fffffffffffffffULL}};
  } while (!fr_is_canonical(x));
}

static int selftest(int threads) {
  int failures = 0;
  uint64_t state = 0x5eed;
  /* MSM against one-by-one double-and-add, on edge-case and random scalars, every window size */
  enum { N = 300 };
  g1_aff g1 = g1_generator(), *b1 = xmalloc(N * sizeof *b1);
  g2_aff g2 = g2_generator(), *b2 = xmalloc(N * sizeof *b2);
  fr_t *k = xmalloc(N * sizeof *k);
  for (int i = 0; i < N; i++) {
    fr_t e;
    random_fr(&e, &state);
    g1_mul_safe(&b1[i], &g1, e.v);
    g2_mul_safe(&b2[i], &g2, e.v);
    if (i % 7 == 0) memset(&b1[i], 0, sizeof b1[i]);
    random_fr(&k[i], &state);
    if (i % 5 == 1) k[i] = (fr_t){{(uint64_t)i, 0, 0, 0}};
    if (i % 5 == 2) {
      k[i] = fr_modulus;
      k[i].v[0] -= (uint64_t)i; /* -i */
    }
    if (i % 11 == 3) k[i] = (fr_t){{0, 0, 0, 0}};
  }
  b1[10] = b1[11]; /* equal bases and scalars: doublings inside buckets */
  k[10] = k[11];
  b2[20] = b2[21];
  k[20] = k[21];
  g1_xyzz ref1, term1;
  g2_xyzz ref2, term2;
  g1_xyzz_set_inf(&ref1);
  g2_xyzz_set_inf(&ref2);
  for (int i = 0; i < N; i++) {
    g1_xyzz p;
    g2_xyzz q;
    g1_xyzz_from_aff(&p, &b1[i]);
    g2_xyzz_from_aff(&q, &b2[i]);
    g1_xyzz_mul(&term1, &p, &k[i]);
    g2_xyzz_mul(&term2, &q, &k[i]);
    g1_xyzz_add(&ref1, &term1);
    g2_xyzz_add(&ref2, &term2);
  }
  g1_aff r1, o1;
  g2_aff r2, o2;
  g1_xyzz_to_aff(&r1, &ref1);
  g2_xyzz_to_aff(&r2, &ref2);
  for (int variant = 0; variant < 2 * (MSM_MAX_WINDOW + 1); variant++) {
    const int c = variant % (MSM_MAX_WINDOW + 1);
    msm_batch_affine = variant <= MSM_MAX_WINDOW;
    if (c == 1) continue;
    g1_xyzz m1;
    g2_xyzz m2;
    g1_msm(&m1, (const unsigned char *)b1, k, N, threads, c);
    g2_msm(&m2, (const unsigned char *)b2, k, N, threads, c);
    g1_xyzz_to_aff(&o1, &m1);
    g2_xyzz_to_aff(&o2, &m2);
    if (memcmp(&o1, &r1, sizeof o1) != 0 || memcmp(&o2, &r2, sizeof o2) != 0) {
      fprintf(stderr, "selftest: MSM with window %d (%s buckets) differs\n", c, msm_batch_affine ? "affine" : "plain");
      failures++;
    }
  }
  msm_batch_affine = 1;
  /* FFT round trip and a point evaluation */
  for (int logn = 1; logn <= 16; logn += 3) {
    fft_domain d;
    fft_domain_init(&d, logn, threads);
    const size_t n = d.n;
    fr_t *a = xmalloc(n * sizeof *a), *orig = xmalloc(n * sizeof *orig);
    for (size_t i = 0; i < n; i++) random_fr(&a[i], &state), orig[i] = a[i];
    fft_run(&d, a, 0, threads);
    /* a[1] must be sum orig[j] w^j */
    fr_t w = fr_root_of_unity(logn), x, acc = {{0, 0, 0, 0}}, pw;
    fr_one(&pw);
    for (size_t j = 0; j < n; j++) {
      fr_mul(&x, &orig[j], &pw);
      fr_add(&acc, &acc, &x);
      fr_mul(&pw, &pw, &w);
    }
    if (!fr_eq(&acc, &a[1])) {
      fprintf(stderr, "selftest: FFT of size 2^%d evaluates wrongly\n", logn);
      failures++;
    }
    fr_t inv_n, nf, one;
    fr_one(&one);
    fr_from_u64(&nf, n);
    fr_inv(&inv_n, &nf);
    fft_run(&d, a, 1, threads);
    fr_scale_geometric(a, n, &inv_n, &one, threads);
    if (memcmp(a, orig, n * sizeof *a) != 0) {
      fprintf(stderr, "selftest: FFT round trip of size 2^%d differs\n", logn);
      failures++;
    }
    /* the chained form (inverse DIF, bit-reversed scaling, DIT) equals ifft, scale, fft */
    fr_t *b = xmalloc(n * sizeof *b), inc = fr_root_of_unity(logn + 1);
    memcpy(b, orig, n * sizeof *b);
    memcpy(a, orig, n * sizeof *a);
    fft_run(&d, a, 1, threads);
    fr_scale_geometric(a, n, &inv_n, &inc, threads);
    fft_run(&d, a, 0, threads);
    fr_t *table = fr_bitrev_geometric_table(n, logn, &inv_n, &inc, threads);
    fft_run_mode(&d, b, 1, FFT_DIF, threads);
    fr_mul_table(b, table, n, threads);
    fft_run_mode(&d, b, 0, FFT_BITREV_IN, threads);
    if (memcmp(a, b, n * sizeof *a) != 0) {
      fprintf(stderr, "selftest: chained coset FFT of size 2^%d differs\n", logn);
      failures++;
    }
    free(table);
    free(b);
    free(a);
    free(orig);
    fft_domain_free(&d);
  }
  /* decimal output */
  char dec[96];
  const uint64_t big[4] = {0x43e1f593f0000000ULL, 0x2833e84879b97091ULL, 0xb85045b68181585dULL, 0x30644e72e131a029ULL};
  u256_to_decimal(dec, big);
  if (strcmp(dec, "21888242871839275222246405745257275088548364400416034343698204186575808495616") != 0) {
    fprintf(stderr, "selftest: decimal conversion gives %s\n", dec);
    failures++;
  }
  u256_to_decimal(dec, (const uint64_t[4]){0, 0, 0, 0});
  if (strcmp(dec, "0") != 0) failures++;
  u256_to_decimal(dec, (const uint64_t[4]){10000000000000000000ULL, 0, 0, 0});
  if (strcmp(dec, "10000000000000000000") != 0) {
    fprintf(stderr, "selftest: decimal conversion gives %s\n", dec);
    failures++;
  }
  failures += devkeys_selftest(threads);
  free(b1);
  free(b2);
  free(k);
  fprintf(stderr, failures ? "selftest FAILED\n" : "selftest ok\n");
  return failures ? 1 : 0;
}

/* ------------------------------------------------------------ main */

static const char *str_option(int argc, char **argv, const char *name) {
  for (int i = 1; i + 1 < argc; i++) {
    if (strcmp(argv[i], name) == 0) return argv[i + 1];
  }
  return NULL;
}

static int has_flag(int argc, char **argv, const char *name) {
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], name) == 0) return 1;
  }
  return 0;
}

int main(int argc, char **argv) {
  long cpus = sysconf(_SC_NPROCESSORS_ONLN);
  int threads = int_option(argc, argv, "--threads", cpus > 0 ? (int)cpus : 1, 1, 1024);
  if (argc >= 2 && strcmp(argv[1], "selftest") == 0) return selftest(threads);
  if (argc >= 2 && strcmp(argv[1], "version") == 0) {
    printf("{\"version\":\"%s\"}\n", ZKP_VERSION);
    return 0;
  }
  if (argc >= 4 && strcmp(argv[1], "prove") == 0) {
    int window = int_option(argc, argv, "--window", 0, 0, MSM_MAX_WINDOW);
    if (window == 1) fail("USAGE", "--window must be 0 (automatic) or 2..%d", MSM_MAX_WINDOW);
    if (has_flag(argc, argv, "--plain-buckets")) msm_batch_affine = 0;
    prove(argv[2], argv[3], str_option(argc, argv, "--r1cs"), threads, !has_flag(argc, argv, "--no-check"), window);
    return 0;
  }
  if (argc >= 4 && strcmp(argv[1], "devkeys") == 0) {
    devkeys(argv[2], argv[3], threads);
    return 0;
  }
  fail("USAGE", "usage: zklite-prover prove ZKEY WTNS|- [--r1cs R1CS] [--threads N] [--no-check] [--window C] | "
                "devkeys R1CS OUT.zkey [--threads N] < secrets | selftest | version");
}
