/* BN254 G1 (over Fq) and G2 (over Fq2, twist b = 3 / (9 + u)): affine/Jacobian arithmetic and the fixed-base
 * comb, extended-Jacobian buckets and Pippenger multi-scalar multiplication (msm_impl.h). keys/devptau compiles
 * against these headers too, with ZKP_NO_MSM defined (it needs only the comb). */
#ifndef ZKP_GROUPS_H
#define ZKP_GROUPS_H
#include <string.h>
#include "digits.h"
#include "fq2.h"
#include "util.h"

#define G(name) g1_##name
#define FE fq_t
#define FE_(op) fq_##op
#include "group_impl.h"
#include "comb_impl.h"
#ifndef ZKP_NO_MSM
#include "msm_impl.h"
#endif
#undef G
#undef FE
#undef FE_

#define G(name) g2_##name
#define FE fq2_t
#define FE_(op) fq2_##op
#include "group_impl.h"
#include "comb_impl.h"
#ifndef ZKP_NO_MSM
#include "msm_impl.h"
#endif
#undef G
#undef FE
#undef FE_

static fq_t fq_from_limbs(uint64_t l0, uint64_t l1, uint64_t l2, uint64_t l3) {
  const fq_t n = {{l0, l1, l2, l3}};
  fq_t m;
  fq_to_mont(&m, &n);
  return m;
}

/* The generators snarkjs/ffjavascript use: G1 = (1, 2); G2 the standard BN254 (alt_bn128) one. */
static g1_aff g1_generator(void) {
  g1_aff g;
  fq_from_u64(&g.x, 1);
  fq_from_u64(&g.y, 2);
  return g;
}

static g2_aff g2_generator(void) {
  g2_aff g;
  g.x.c0 = fq_from_limbs(0x46debd5cd992f6edULL, 0x674322d4f75edaddULL, 0x426a00665e5c4479ULL, 0x1800deef121f1e76ULL);
  g.x.c1 = fq_from_limbs(0x97e485b7aef312c2ULL, 0xf1aa493335a9e712ULL, 0x7260bfb731fb5d25ULL, 0x198e9393920d483aULL);
  g.y.c0 = fq_from_limbs(0x4ce6cc0166fa7daaULL, 0xe3d1e7690c43d37bULL, 0x4aab71808dcb408fULL, 0x12c85ea5db8c6debULL);
  g.y.c1 = fq_from_limbs(0x55acdadcd122975bULL, 0xbc4b313370b38ef3ULL, 0xec9e99ad690c3395ULL, 0x090689d0585ff075ULL);
  return g;
}

static fq_t g1_b(void) {
  fq_t b;
  fq_from_u64(&b, 3);
  return b;
}

static fq2_t g2_b(void) {
  fq2_t twist, inv, b;
  fq_from_u64(&twist.c0, 9);
  fq_from_u64(&twist.c1, 1);
  fq2_inv(&inv, &twist);
  fq_from_u64(&b.c0, 3);
  b.c1 = (fq_t){{0, 0, 0, 0}};
  fq2_mul(&b, &b, &inv);
  return b;
}

#endif
