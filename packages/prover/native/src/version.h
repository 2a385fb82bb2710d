/* Bumped on any change that alters the proofs or keys this binary writes. DEVKEYS_VERSION keys the
 * development-key caches: a generator fix must invalidate every key it wrote before. */
#ifndef ZKP_VERSION_H
#define ZKP_VERSION_H
#define ZKP_VERSION "1"
#define DEVKEYS_VERSION "1"
#endif
