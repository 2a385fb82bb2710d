/* snarkjs Groth16 .zkey (read), .wtns and .r1cs.
 *
 * zkey sections: 1 header (u32 protocol, 1 = Groth16); 2 Groth16 header (n8q, q, n8r, r, nVars, nPublic,
 * domainSize, alpha1, beta1, beta2, gamma2, delta1, delta2); 3 IC (nPublic + 1 G1); 4 coefficients (u32
 * count, then (u32 matrix 0 = A / 1 = B, u32 constraint, u32 signal, Fr value * R^2 mod r) each); 5 A, 6 B1
 * (nVars G1), 7 B2 (nVars G2), 8 C (nVars - nPublic - 1 G1), 9 H (domainSize G1); 10 contributions.
 * Points are affine, coordinates in Montgomery form little-endian ("LEM"), infinity = all zeros; that is
 * exactly the memory layout of g1_aff / g2_aff. Witness values (.wtns section 2) are normal form. */
#ifndef ZKP_ZKEY_H
#define ZKP_ZKEY_H
#include "binfile.h"
#include "groups.h"

enum { G1_BYTES = 64, G2_BYTES = 128, FR_BYTES = 32, COEF_BYTES = 12 + 32 };

typedef struct {
  binfile file;
  uint32_t n_vars, n_public, domain_size;
  int log_domain;
  g1_aff alpha1, beta1, delta1;
  g2_aff beta2, gamma2, delta2;
  const unsigned char *ic, *coefs, *a, *b1, *b2, *c, *h;
  uint32_t n_coefs;
} zkey;

static int is_canonical_fq(const fq_t *x) { return fq_is_canonical(x); }

static int fq2_is_canonical(const fq2_t *x) { return fq_is_canonical(&x->c0) && fq_is_canonical(&x->c1); }

static int g1_valid(const g1_aff *p) {
  static int have_b = 0;
  static fq_t b;
  if (!have_b) {
    b = g1_b();
    have_b = 1;
  }
  if (!is_canonical_fq(&p->x) || !is_canonical_fq(&p->y)) return 0;
  return g1_aff_is_inf(p) || g1_on_curve(p, &b);
}

static int g2_valid(const g2_aff *p, const fq2_t *b) {
  if (!fq2_is_canonical(&p->x) || !fq2_is_canonical(&p->y)) return 0;
  return g2_aff_is_inf(p) || g2_on_curve(p, b);
}

/* ------------------------------------------------------------ point checks on all threads */

typedef struct {
  const unsigned char *points;
  size_t n, bad_index;
  int g2, bad;
  fq_t b1;
  fq2_t b2;
  work_queue queue;
  pthread_mutex_t lock;
} check_job;

static void *check_worker(void *arg) {
  check_job *job = arg;
  size_t start, stop;
  while (queue_take(&job->queue, &start, &stop)) {
    for (size_t i = start; i < stop; i++) {
      int ok;
      if (job->g2) {
        g2_aff p;
        memcpy(&p, job->points + i * G2_BYTES, sizeof p);
        ok = g2_valid(&p, &job->b2);
      } else {
        g1_aff p;
        memcpy(&p, job->points + i * G1_BYTES, sizeof p);
        ok = fq_is_canonical(&p.x) && fq_is_canonical(&p.y) && (g1_aff_is_inf(&p) || g1_on_curve(&p, &job->b1));
      }
      if (!ok) {
        pthread_mutex_lock(&job->lock);
        if (!job->bad || i < job->bad_index) job->bad_index = i;
        job->bad = 1;
        pthread_mutex_unlock(&job->lock);
        return NULL;
      }
    }
  }
  return NULL;
}

static void check_points(const zkey *z, const unsigned char *points, size_t n, int g2, const char *name, int threads) {
  check_job job = {.points = points, .n = n, .g2 = g2, .b1 = g1_b(), .b2 = g2_b()};
  pthread_mutex_init(&job.lock, NULL);
  queue_init(&job.queue, n, 1 << 14);
  run_threads(check_worker, &job, threads);
  queue_destroy(&job.queue);
  pthread_mutex_destroy(&job.lock);
  if (job.bad) fail("ZKEY_CORRUPT", "%s: %s point #%zu is not a point of the curve", z->file.path, name, job.bad_index);
}

/* ------------------------------------------------------------ zkey */

static void zkey_open(zkey *z, const char *path) {
  binfile *f = &z->file;
  binfile_open(f, path, "ZKEY");
  binfile_parse(f, "zkey", 1, 1);
  const unsigned char *h1 = binfile_section(f, 1, 4, "header");
  const uint32_t protocol = rd_u32(h1);
  if (protocol != 1) fail("ZKEY_UNSUPPORTED", "%s is not a Groth16 zkey (protocol id %u; 2 = PLONK, 10 = FFLONK)", path, protocol);
  const uint64_t h2_size = 4 + 32 + 4 + 32 + 4 + 4 + 4 + 3 * G1_BYTES + 3 * G2_BYTES;
  const unsigned char *h = binfile_section(f, 2, h2_size, "Groth16 header");
  if (rd_u32(h) != 32 || memcmp(h + 4, fq_modulus.v, 32) != 0 || rd_u32(h + 36) != 32 || memcmp(h + 40, fr_modulus.v, 32) != 0) {
    fail("ZKEY_UNSUPPORTED", "%s is not a bn128 (BN254) key", path);
  }
  z->n_vars = rd_u32(h + 72);
  z->n_public = rd_u32(h + 76);
  z->domain_size = rd_u32(h + 80);
  if (z->domain_size < 2 || (z->domain_size & (z->domain_size - 1)) != 0) {
    fail("ZKEY_CORRUPT", "%s: domain size %u is not a power of two", path, z->domain_size);
  }
  z->log_domain = __builtin_ctz(z->domain_size);
  if (z->log_domain >= FR_TWO_ADICITY) fail("ZKEY_UNSUPPORTED", "%s: domain 2^%d is too large (at most 2^27)", path, z->log_domain);
  if (z->n_vars < 1 || z->n_public >= z->n_vars) fail("ZKEY_CORRUPT", "%s: %u variables, %u public", path, z->n_vars, z->n_public);
  const unsigned char *p = h + 84;
  memcpy(&z->alpha1, p, G1_BYTES), p += G1_BYTES;
  memcpy(&z->beta1, p, G1_BYTES), p += G1_BYTES;
  memcpy(&z->beta2, p, G2_BYTES), p += G2_BYTES;
  memcpy(&z->gamma2, p, G2_BYTES), p += G2_BYTES;
  memcpy(&z->delta1, p, G1_BYTES), p += G1_BYTES;
  memcpy(&z->delta2, p, G2_BYTES);
  const fq2_t b2 = g2_b();
  if (!g1_valid(&z->alpha1) || !g1_valid(&z->beta1) || !g1_valid(&z->delta1) || !g2_valid(&z->beta2, &b2) ||
      !g2_valid(&z->gamma2, &b2) || !g2_valid(&z->delta2, &b2)) {
    fail("ZKEY_CORRUPT", "%s: a verification key point is not on the curve", path);
  }
  const uint64_t nv = z->n_vars, np = z->n_public;
  z->ic = binfile_section(f, 3, (np + 1) * G1_BYTES, "IC");
  z->coefs = binfile_section(f, 4, (uint64_t)-1, "coefficients");
  if (f->length[4] < 4) fail("ZKEY_CORRUPT", "%s: empty coefficients section", path);
  z->n_coefs = rd_u32(z->coefs);
  if (f->length[4] != 4 + (uint64_t)z->n_coefs * COEF_BYTES) {
    fail("ZKEY_CORRUPT", "%s: coefficients section is %llu bytes for %u coefficients", path, (unsigned long long)f->length[4], z->n_coefs);
  }
  z->a = binfile_section(f, 5, nv * G1_BYTES, "A");
  z->b1 = binfile_section(f, 6, nv * G1_BYTES, "B1");
  z->b2 = binfile_section(f, 7, nv * G2_BYTES, "B2");
  z->c = binfile_section(f, 8, (nv - np - 1) * G1_BYTES, "C");
  z->h = binfile_section(f, 9, (uint64_t)z->domain_size * G1_BYTES, "H");
}

/* Every point of the key is canonical and on its curve (catches most corruption; ~2-4% of a proof). */
static void zkey_check_points(const zkey *z, int threads) {
  const uint64_t nv = z->n_vars, np = z->n_public;
  {
    check_points(z, z->ic, np + 1, 0, "IC", threads);
    check_points(z, z->a, nv, 0, "A", threads);
    check_points(z, z->b1, nv, 0, "B1", threads);
    check_points(z, z->b2, nv, 1, "B2", threads);
    check_points(z, z->c, nv - np - 1, 0, "C", threads);
    check_points(z, z->h, z->domain_size, 0, "H", threads);
  }
}

/* ------------------------------------------------------------ wtns */

/* Witness values as an aligned normal-form array; checks the prime, the length and that each is < r. */
static fr_t *wtns_load(binfile *f, uint32_t expected_vars, const char *zkey_path) {
  binfile_parse(f, "wtns", 1, 2);
  const unsigned char *h = binfile_section(f, 1, 4 + 32 + 4, "header");
  if (rd_u32(h) != 32 || memcmp(h + 4, fr_modulus.v, 32) != 0) fail("WTNS_UNSUPPORTED", "%s is not a bn128 witness", f->path);
  const uint32_t n = rd_u32(h + 36);
  if (n != expected_vars) {
    fail("WITNESS_LENGTH_MISMATCH", "%s has %u values, the circuit of %s has %u: witness and key are for different circuits",
         f->path, n, zkey_path, expected_vars);
  }
  const unsigned char *values = binfile_section(f, 2, (uint64_t)n * FR_BYTES, "values");
  fr_t *w = xmalloc_aligned((size_t)n * sizeof(fr_t));
  memcpy(w, values, (size_t)n * FR_BYTES);
  for (uint32_t i = 0; i < n; i++) {
    if (!fr_is_canonical(&w[i])) fail("WTNS_CORRUPT", "%s: value #%u is not below the field order", f->path, i);
  }
  fr_t one = {{1, 0, 0, 0}};
  if (!fr_eq(&w[0], &one)) fail("WTNS_CORRUPT", "%s: signal 0 must be 1", f->path);
  return w;
}

/* ------------------------------------------------------------ r1cs */

typedef struct {
  binfile file;
  uint32_t n_wires, n_pub_out, n_pub_in, n_prv_in, n_constraints;
  const unsigned char *constraints;
  uint64_t constraints_size;
} r1cs;

static void r1cs_open(r1cs *r, const char *path) {
  binfile *f = &r->file;
  binfile_open(f, path, "R1CS");
  binfile_parse(f, "r1cs", 1, 1);
  const unsigned char *h = binfile_section(f, 1, 4 + 32 + 4 * 4 + 8 + 4, "header");
  if (rd_u32(h) != 32 || memcmp(h + 4, fr_modulus.v, 32) != 0) fail("R1CS_UNSUPPORTED", "%s is not a bn128 circuit", path);
  r->n_wires = rd_u32(h + 36);
  r->n_pub_out = rd_u32(h + 40);
  r->n_pub_in = rd_u32(h + 44);
  r->n_prv_in = rd_u32(h + 48);
  r->n_constraints = rd_u32(h + 60);
  r->constraints = binfile_section(f, 2, (uint64_t)-1, "constraints");
  r->constraints_size = f->length[2];
}

/* Walks one linear combination at *at; returns sum coef_k * w[wire_k] in normal form (w_mont: witness in
 * Montgomery form, so montmul(coef, w R) = coef w). With `fn`, calls it on each term instead. */
typedef void (*lc_term_fn)(void *ctx, int matrix, uint32_t constraint, uint32_t wire, const fr_t *coef);

static void r1cs_walk(const r1cs *r, void *ctx, lc_term_fn fn) {
  uint64_t at = 0;
  const unsigned char *d = r->constraints;
  for (uint32_t c = 0; c < r->n_constraints; c++) {
    for (int m = 0; m < 3; m++) {
      if (at + 4 > r->constraints_size) fail("R1CS_TRUNCATED", "%s: constraint %u cut short", r->file.path, c);
      const uint32_t terms = rd_u32(d + at);
      at += 4;
      if ((uint64_t)terms * 36 > r->constraints_size - at) fail("R1CS_TRUNCATED", "%s: constraint %u cut short", r->file.path, c);
      for (uint32_t t = 0; t < terms; t++) {
        const uint32_t wire = rd_u32(d + at);
        fr_t coef;
        memcpy(&coef, d + at + 4, 32);
        at += 36;
        if (wire >= r->n_wires || !fr_is_canonical(&coef)) fail("R1CS_CORRUPT", "%s: constraint %u has a bad term", r->file.path, c);
        fn(ctx, m, c, wire, &coef);
      }
    }
  }
}

typedef struct {
  const fr_t *w_mont;
  fr_t sums[3];
  uint32_t current;
  int started;
  uint32_t failed_at;
  int failed;
} r1cs_check_ctx;

static void r1cs_check_close(r1cs_check_ctx *ctx) {
  if (!ctx->started || ctx->failed) return;
  fr_t ab;
  fr_to_mont(&ab, &ctx->sums[0]);
  fr_mul(&ab, &ab, &ctx->sums[1]);
  if (!fr_eq(&ab, &ctx->sums[2])) {
    ctx->failed = 1;
    ctx->failed_at = ctx->current;
  }
}

static void r1cs_check_term(void *arg, int matrix, uint32_t constraint, uint32_t wire, const fr_t *coef) {
  r1cs_check_ctx *ctx = arg;
  if (!ctx->started || constraint != ctx->current) {
    r1cs_check_close(ctx);
    memset(ctx->sums, 0, sizeof ctx->sums);
    ctx->current = constraint;
    ctx->started = 1;
  }
  fr_t t;
  fr_mul(&t, coef, &ctx->w_mont[wire]);
  fr_add(&ctx->sums[matrix], &ctx->sums[matrix], &t);
}

/* Refuses a witness that does not satisfy every constraint <A,w> * <B,w> = <C,w>. */
static void r1cs_check_witness(const r1cs *r, const fr_t *w, uint32_t n_vars, uint32_t n_public) {
  if (r->n_wires != n_vars || r->n_pub_out + r->n_pub_in != n_public) {
    fail("R1CS_MISMATCH", "%s has %u wires and %u public signals, the key %u and %u", r->file.path, r->n_wires,
         r->n_pub_out + r->n_pub_in, n_vars, n_public);
  }
  fr_t *w_mont = xmalloc_aligned((size_t)n_vars * sizeof(fr_t));
  for (uint32_t i = 0; i < n_vars; i++) fr_to_mont(&w_mont[i], &w[i]);
  r1cs_check_ctx ctx = {.w_mont = w_mont};
  r1cs_walk(r, &ctx, r1cs_check_term);
  r1cs_check_close(&ctx);
  free(w_mont);
  /* constraints with no terms at all are trivially satisfied; the walk only sees those with terms */
  if (ctx.failed) fail("R1CS_UNSATISFIED", "the witness does not satisfy constraint %u of %s", ctx.failed_at, r->file.path);
}

#endif
