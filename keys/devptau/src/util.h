/* Allocation that cannot fail silently, and a tiny fork/join over pthreads. */
#ifndef DEVPTAU_UTIL_H
#define DEVPTAU_UTIL_H
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static void *xmalloc(size_t size) {
  void *p = malloc(size ? size : 1);
  if (p == NULL) {
    fprintf(stderr, "devptau: out of memory (%zu bytes)\n", size);
    exit(3);
  }
  return p;
}

/* cache-line aligned, for the comb tables */
static void *xmalloc_aligned(size_t size) {
  void *p = NULL;
  if (posix_memalign(&p, 64, size ? size : 64) != 0) {
    fprintf(stderr, "devptau: out of memory (%zu bytes)\n", size);
    exit(3);
  }
  return p;
}

/* Runs fn(arg) on `threads` threads (the caller being one of them) and waits for all. */
static void run_threads(void *(*fn)(void *), void *arg, int threads) {
  if (threads < 1) threads = 1;
  pthread_t *ids = xmalloc((size_t)threads * sizeof *ids);
  for (int i = 1; i < threads; i++) {
    if (pthread_create(&ids[i], NULL, fn, arg) != 0) {
      fprintf(stderr, "devptau: pthread_create failed\n");
      exit(3);
    }
  }
  fn(arg);
  for (int i = 1; i < threads; i++) pthread_join(ids[i], NULL);
  free(ids);
}

#endif
