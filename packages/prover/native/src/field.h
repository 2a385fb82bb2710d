/* BN254's base field Fq (curve coordinates) and scalar field Fr (exponents), Montgomery form. */
#ifndef ZKP_FIELD_H
#define ZKP_FIELD_H
#include <stdint.h>

#if !defined(__SIZEOF_INT128__)
#error "the prover needs a compiler with unsigned __int128 (gcc or clang on a 64-bit target)"
#endif
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "the prover maps zkey limbs straight into memory; zkeys store little-endian Montgomery form"
#endif

__extension__ typedef unsigned __int128 u128;

#define F(name) fq_##name
#define F_P0 0x3c208c16d87cfd47ULL
#define F_P1 0x97816a916871ca8dULL
#define F_P2 0xb85045b68181585dULL
#define F_P3 0x30644e72e131a029ULL
#define F_INV 0x87d20782e4866389ULL
#define F_R2_0 0xf32cfc5b538afa89ULL
#define F_R2_1 0xb5e71911d44501fbULL
#define F_R2_2 0x47ab1eff0a417ff6ULL
#define F_R2_3 0x06d89f71cab8351fULL
#include "field_impl.h"
#undef F
#undef F_P0
#undef F_P1
#undef F_P2
#undef F_P3
#undef F_INV
#undef F_R2_0
#undef F_R2_1
#undef F_R2_2
#undef F_R2_3

#define F(name) fr_##name
#define F_P0 0x43e1f593f0000001ULL
#define F_P1 0x2833e84879b97091ULL
#define F_P2 0xb85045b68181585dULL
#define F_P3 0x30644e72e131a029ULL
#define F_INV 0xc2e1f593efffffffULL
#define F_R2_0 0x1bb8e645ae216da7ULL
#define F_R2_1 0x53fe3ab1e35c59e3ULL
#define F_R2_2 0x8c49833d53bb8085ULL
#define F_R2_3 0x0216d0b17f4e44a5ULL
#include "field_impl.h"
#undef F
#undef F_P0
#undef F_P1
#undef F_P2
#undef F_P3
#undef F_INV
#undef F_R2_0
#undef F_R2_1
#undef F_R2_2
#undef F_R2_3

#endif
