/* Fr helpers shared by the prover, its dev keys and keys/devptau: roots of unity, powers, hex parsing, batch
 * inversion, the Lagrange basis at tau. */
#ifndef ZKP_SCALARS_H
#define ZKP_SCALARS_H
#include <string.h>
#include "field.h"
#include "util.h"

/* Fr has 2-adicity 28; ffjavascript's Fr.w[28] = 5^((r - 1) / 2^28), the root snarkjs' FFTs use */
enum { FR_TWO_ADICITY = 28 };

static fr_t fr_root_of_unity(int p) {
  const fr_t w28 = {{0x9bd61b6e725b19f0ULL, 0x402d111e41112ed4ULL, 0x00e0a7eb8ef62abcULL, 0x2a3c09f0a58a7e85ULL}};
  fr_t w;
  fr_to_mont(&w, &w28);
  for (int i = p; i < FR_TWO_ADICITY; i++) fr_sqr(&w, &w);
  return w;
}

static fr_t fr_pow_u64(const fr_t *x, uint64_t e) {
  const uint64_t exponent[4] = {e, 0, 0, 0};
  fr_t z;
  fr_pow(&z, x, exponent);
  return z;
}

/* Parses up to 64 hex digits into *out (normal form); 0 unless they are all hex digits and the value is < r. */
static int fr_parse_hex(fr_t *out, const char *hex) {
  size_t len = strlen(hex);
  if (len == 0 || len > 64) return 0;
  memset(out, 0, sizeof *out);
  for (size_t i = 0; i < len; i++) {
    char ch = hex[len - 1 - i];
    uint64_t v;
    if (ch >= '0' && ch <= '9') v = (uint64_t)(ch - '0');
    else if (ch >= 'a' && ch <= 'f') v = (uint64_t)(ch - 'a' + 10);
    else if (ch >= 'A' && ch <= 'F') v = (uint64_t)(ch - 'A' + 10);
    else return 0;
    out->v[i / 16] |= v << (4 * (i % 16));
  }
  return fr_is_canonical(out);
}

/* In place, x[i] = 1 / x[i] for nonzero entries (Montgomery's trick) */
static void fr_batch_inverse(fr_t *x, size_t n, fr_t *scratch) {
  fr_t acc;
  fr_one(&acc);
  for (size_t i = 0; i < n; i++) {
    scratch[i] = acc;
    if (!fr_is_zero(&x[i])) fr_mul(&acc, &acc, &x[i]);
  }
  fr_inv(&acc, &acc);
  for (size_t i = n; i-- > 0;) {
    if (fr_is_zero(&x[i])) continue;
    fr_t inv;
    fr_mul(&inv, &acc, &scratch[i]);
    fr_mul(&acc, &acc, &x[i]);
    x[i] = inv;
  }
}

/* out[j] = L_j(tau) for the domain {w^j : j < m}, m = 2^p, w = fr_root_of_unity(p), Montgomery form:
 *   L_j(tau) = (tau^m - 1) / m * w^j / (tau - w^j)
 * which is what snarkjs' `prepare phase2` (an inverse FFT of tau^i * G) gives. With drop_last, the
 * input's last power tau^(m-1) counts as zero, as snarkjs does for the extra tauG1 domain 2^(power+1)
 * (its tauG1 section holds only 2^(power+1) - 1 powers): L_j(tau) - w^j tau^(m-1) / m. */
static void lagrange_at_tau(fr_t *out, int p, const fr_t *tau, int drop_last) {
  const size_t m = (size_t)1 << p;
  const fr_t w = fr_root_of_unity(p);
  fr_t one, m_fr, inv_m, tau_m, c, drop = {{0, 0, 0, 0}};
  fr_one(&one);
  fr_from_u64(&m_fr, m);
  fr_inv(&inv_m, &m_fr);
  tau_m = fr_pow_u64(tau, m);
  fr_sub(&c, &tau_m, &one);
  fr_mul(&c, &c, &inv_m);
  if (drop_last) {
    drop = fr_pow_u64(tau, m - 1);
    fr_mul(&drop, &drop, &inv_m);
  }
  fr_t *wj = xmalloc(m * sizeof *wj), *scratch = xmalloc(m * sizeof *scratch);
  fr_t x = one;
  for (size_t j = 0; j < m; j++) {
    wj[j] = x;
    fr_sub(&out[j], tau, &x); /* tau - w^j */
    fr_mul(&x, &x, &w);
  }
  if (fr_is_zero(&c)) {
    /* tau is itself in the domain: L_j(tau) is 1 at that point and 0 elsewhere */
    for (size_t j = 0; j < m; j++) out[j] = fr_is_zero(&out[j]) ? one : (fr_t){{0, 0, 0, 0}};
  } else {
    fr_batch_inverse(out, m, scratch);
    for (size_t j = 0; j < m; j++) {
      fr_mul(&out[j], &out[j], &wj[j]);
      fr_mul(&out[j], &out[j], &c);
    }
  }
  if (drop_last) {
    for (size_t j = 0; j < m; j++) {
      fr_t t;
      fr_mul(&t, &wj[j], &drop);
      fr_sub(&out[j], &out[j], &t);
    }
  }
  free(wj);
  free(scratch);
}

/* Montgomery -> normal form, optionally times a factor (both in Montgomery form) */
static void fr_to_normal_scaled(fr_t *out, const fr_t *in, size_t n, const fr_t *factor) {
  for (size_t i = 0; i < n; i++) {
    fr_t t = in[i];
    if (factor != NULL) fr_mul(&t, &t, factor);
    fr_from_mont(&out[i], &t);
  }
}

#endif
