#include "musig.h"

#include "edwards.h"
#include "rescue.h"

#define PACKING_CAPACITY 253 /* Fr::CAPACITY: bits per packed field element */
#define MESSAGE_PADDED_BITS 736

/* Bit number `index` of a byte string read most significant bit first. */
static int bit_msb_first(const uint8_t *bytes, int length, int index) {
  int byte = index >> 3;
  if (byte >= length) return 0;
  return (bytes[byte] >> (7 - (index & 7))) & 1;
}

/* franklin-crypto multipacking: `bit_count` bits into 253-bit little-endian chunks. */
static int pack_bits(fe *out, const uint8_t *bytes, int length, int bit_count) {
  int count = 0;
  for (int start = 0; start < bit_count; start += PACKING_CAPACITY) {
    uint64_t words[4] = { 0, 0, 0, 0 };
    int end = start + PACKING_CAPACITY < bit_count ? start + PACKING_CAPACITY : bit_count;
    for (int i = start; i < end; i++) {
      int weight = i - start;
      words[weight >> 6] |= (uint64_t)bit_msb_first(bytes, length, i) << (weight & 63);
    }
    fe plain;
    fe_set_words(&plain, words);
    fe_mul(&out[count++], &plain, &FE_R2);
  }
  return count;
}

int musig_hash_message(uint8_t out[32], const uint8_t *message, int length) {
  if (length < 0 || length > MUSIG_MAX_MESSAGE_BYTES) return 0;
  fe packed[3];
  int count = pack_bits(packed, message, length, MESSAGE_PADDED_BITS);
  fe squeezed[2];
  rescue_sponge(squeezed, packed, count);
  fe_to_bytes(out, &squeezed[0]);
  return 1;
}

/* rescue_hash_to_scalar(LE(pk.x) ‖ LE(R.x), m): the low 125 bits of two squeezed outputs. */
static void challenge(scalar *c, const fe *public_x, const fe *r_x, const uint8_t hashed_message[32]) {
  uint8_t input[96];
  fe_to_bytes(input, public_x);
  fe_to_bytes(input + 32, r_x);
  for (int i = 0; i < 32; i++) input[64 + i] = hashed_message[i];
  fe packed[4];
  int count = pack_bits(packed, input, 96, 96 * 8);
  fe squeezed[2];
  rescue_sponge(squeezed, packed, count);
  uint8_t s0[32], s1[32];
  fe_to_bytes(s0, &squeezed[0]);
  fe_to_bytes(s1, &squeezed[1]);
  uint64_t lo[2], hi[2];
  for (int w = 0; w < 2; w++) {
    lo[w] = hi[w] = 0;
    for (int b = 7; b >= 0; b--) {
      lo[w] = (lo[w] << 8) | s0[8 * w + b];
      hi[w] = (hi[w] << 8) | s1[8 * w + b];
    }
  }
  const uint64_t mask61 = (1ULL << 61) - 1; /* 125 = 64 + 61 */
  lo[1] &= mask61;
  hi[1] &= mask61;
  /* c = lo + hi * 2^125 */
  c->w[0] = lo[0];
  c->w[1] = lo[1] | (hi[0] << 61);
  c->w[2] = (hi[0] >> 3) | (hi[1] << 61);
  c->w[3] = hi[1] >> 3;
}

int musig_verify(const uint8_t *message, int length, const uint8_t signature[96]) {
  if (length < 0 || length > MUSIG_MAX_MESSAGE_BYTES) return MUSIG_MESSAGE_TOO_LONG;
  point public_key, r;
  if (!point_decompress(&public_key, signature)) return MUSIG_BAD_PUBLIC_KEY;
  if (!point_decompress(&r, signature + 32)) return MUSIG_BAD_SIGNATURE;
  scalar s;
  if (!scalar_from_bytes_below(&s, signature + 64, &SUBGROUP_ORDER)) return MUSIG_BAD_SIGNATURE;

  point check;
  point_mul(&check, &public_key, &SUBGROUP_ORDER);
  if (!point_is_identity(&check)) return MUSIG_INVALID;
  point_mul(&check, &r, &SUBGROUP_ORDER);
  if (!point_is_identity(&check)) return MUSIG_INVALID;

  uint8_t hashed[32];
  musig_hash_message(hashed, message, length);
  scalar c;
  challenge(&c, &public_key.x, &r.x, hashed); /* decompressed points have Z = 1 */

  point left, right;
  point_mul(&left, &public_key, &c);
  point_add(&left, &left, &r);
  point_mul_generator(&right, &s);
  return point_equal(&left, &right) ? MUSIG_VALID : MUSIG_INVALID;
}

int musig_sign_points(uint8_t out[96], const uint8_t private_key[32], const uint8_t nonce[32],
                      const uint8_t hashed_message[32]) {
  scalar sk, k;
  if (!scalar_from_bytes_below(&sk, private_key, &SUBGROUP_ORDER)) return 0;
  if (!scalar_from_bytes_below(&k, nonce, &SUBGROUP_ORDER)) return 0;
  point public_key, r;
  point_mul_generator(&public_key, &sk);
  point_mul_generator(&r, &k);
  point_compress(out, &public_key);
  point_compress(out + 32, &r);
  fe public_x, r_x;
  point_affine_x(&public_x, &public_key);
  point_affine_x(&r_x, &r);
  scalar c;
  challenge(&c, &public_x, &r_x, hashed_message);
  for (int i = 0; i < 4; i++) {
    for (int b = 0; b < 8; b++) out[64 + 8 * i + b] = (uint8_t)(c.w[i] >> (8 * b));
  }
  return 1;
}

int musig_public_key(uint8_t out[32], const uint8_t private_key[32]) {
  scalar sk;
  if (!scalar_from_bytes_below(&sk, private_key, &SUBGROUP_ORDER)) return 0;
  point public_key;
  point_mul_generator(&public_key, &sk);
  point_compress(out, &public_key);
  return 1;
}
