/* x86-64 feature checks for the optional kernels (cpuid leaf 7 plus the OS's saved-state mask). */
#ifndef ZKLITE_CPU_FEATURES_H
#define ZKLITE_CPU_FEATURES_H

#if defined(__x86_64__)
#include <cpuid.h>
#include <stdint.h>

static inline uint32_t cpu_leaf7_ebx(void) {
  unsigned int a, b, c, d;
  if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return 0;
  return b;
}

/* MULX (BMI2) and ADCX/ADOX (ADX). */
static inline int cpu_has_bmi2_adx(void) {
  uint32_t ebx = cpu_leaf7_ebx();
  return (ebx & (1u << 8)) && (ebx & (1u << 19));
}

/* AVX-512 F, VL and IFMA, with the OS saving the AVX-512 registers (XCR0 bits 1, 2, 5, 6, 7). */
static inline int cpu_has_avx512_ifma(void) {
  unsigned int a, b, c, d;
  if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & (1u << 27))) return 0; /* OSXSAVE */
  uint32_t low, high;
  __asm__("xgetbv" : "=a"(low), "=d"(high) : "c"(0));
  if ((low & 0xe6) != 0xe6) return 0;
  uint32_t ebx = cpu_leaf7_ebx();
  return (ebx & (1u << 16)) && (ebx & (1u << 21)) && (ebx & (1u << 31));
}
#endif

#endif
