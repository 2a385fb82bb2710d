/* Errors with a stable code (printed as one JSON line on stderr, exit status 2), allocation that cannot
 * fail silently, timing and a tiny fork/join over pthreads. Shared with keys/devptau, which uses only some of
 * them: hence `static inline` (no unused-function warnings). */
#ifndef ZKP_UTIL_H
#define ZKP_UTIL_H
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

/* Writes {"error": CODE, "message": "..."} to stderr and exits with status 2. The TypeScript side turns it
 * into a typed ProverError with the same code. */
__attribute__((noreturn, format(printf, 2, 3))) static void fail(const char *code, const char *format, ...) {
  char message[1024];
  va_list args;
  va_start(args, format);
  vsnprintf(message, sizeof message, format, args);
  va_end(args);
  fprintf(stderr, "{\"error\":\"%s\",\"message\":\"", code);
  for (const char *c = message; *c; c++) {
    if (*c == '"' || *c == '\\') fputc('\\', stderr);
    fputc(*c == '\n' ? ' ' : *c, stderr);
  }
  fprintf(stderr, "\"}\n");
  exit(2);
}

static void *xmalloc(size_t size) {
  void *p = malloc(size ? size : 1);
  if (p == NULL) fail("OUT_OF_MEMORY", "allocating %zu bytes failed", size);
  return p;
}

static inline void *xcalloc(size_t n, size_t size) {
  void *p = calloc(n ? n : 1, size ? size : 1);
  if (p == NULL) fail("OUT_OF_MEMORY", "allocating %zu x %zu bytes failed", n, size);
  return p;
}

/* cache-line aligned, for the comb tables */
static void *xmalloc_aligned(size_t size) {
  void *p = NULL;
  if (posix_memalign(&p, 64, size ? size : 64) != 0) fail("OUT_OF_MEMORY", "allocating %zu bytes failed", size);
  return p;
}

static inline double now_seconds(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static inline long peak_rss_kb(void) {
  struct rusage u;
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

static inline double cpu_seconds(void) {
  struct rusage u;
  getrusage(RUSAGE_SELF, &u);
  return (double)u.ru_utime.tv_sec + (double)u.ru_utime.tv_usec * 1e-6 + (double)u.ru_stime.tv_sec + (double)u.ru_stime.tv_usec * 1e-6;
}

/* Runs fn(arg) on `threads` threads (the caller being one of them) and waits for all. */
static void run_threads(void *(*fn)(void *), void *arg, int threads) {
  if (threads < 1) threads = 1;
  pthread_t *ids = xmalloc((size_t)threads * sizeof *ids);
  for (int i = 1; i < threads; i++) {
    if (pthread_create(&ids[i], NULL, fn, arg) != 0) fail("THREADS", "pthread_create failed");
  }
  fn(arg);
  for (int i = 1; i < threads; i++) pthread_join(ids[i], NULL);
  free(ids);
}

/* The integer after `name` in argv (fallback when absent); anything else than an integer in min..max fails
 * with USAGE. */
static inline int int_option(int argc, char **argv, const char *name, int fallback, int min, int max) {
  for (int i = 1; i + 1 < argc; i++) {
    if (strcmp(argv[i], name) == 0) {
      char *end;
      long v = strtol(argv[i + 1], &end, 10);
      if (*end != '\0' || v < min || v > max) fail("USAGE", "%s must be an integer in %d..%d", name, min, max);
      return (int)v;
    }
  }
  return fallback;
}

/* A shared counter handing out work items to the threads of run_threads. */
typedef struct {
  size_t next, end, step;
  pthread_mutex_t lock;
} work_queue;

static inline void queue_init(work_queue *q, size_t end, size_t step) {
  q->next = 0;
  q->end = end;
  q->step = step ? step : 1;
  pthread_mutex_init(&q->lock, NULL);
}

/* [*start, *stop) of the next item, 0 when none is left */
static inline int queue_take(work_queue *q, size_t *start, size_t *stop) {
  pthread_mutex_lock(&q->lock);
  size_t s = q->next;
  if (s < q->end) q->next = s + q->step;
  pthread_mutex_unlock(&q->lock);
  if (s >= q->end) return 0;
  *start = s;
  *stop = s + q->step < q->end ? s + q->step : q->end;
  return 1;
}

static inline void queue_destroy(work_queue *q) { pthread_mutex_destroy(&q->lock); }

#endif
