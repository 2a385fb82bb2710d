/* Radix-2 FFTs over Fr (Montgomery form) on all threads, for the H polynomial.
 *
 * fft:  a[k] <- sum_j a[j] w^(jk),   w = fr_root_of_unity(log n) (ffjavascript's Fr.w[log n], as snarkjs)
 * ifft: a[k] <- (1/n) sum_j a[j] w^(-jk)
 * Iterative decimation in time: bit-reversal permutation, then log n stages of n/2 butterflies each, the
 * butterflies of a stage split among the threads (a barrier between stages). The table holds w^j for
 * j < n/2; w^(-j) = -w^(n/2 - j) since w^(n/2) = -1, so the inverse transform needs no second table.
 * The first 13 stages run block by block (2^13 elements, in cache, no barrier); only the last log n - 13
 * stages sweep the whole array. */
#ifndef ZKP_FFT_H
#define ZKP_FFT_H
#include "field.h"
#include "scalars.h"
#include "util.h"

typedef struct {
  fr_t *roots; /* w^j, j < n/2 */
  size_t n;
  int log_n;
} fft_domain;

/* FFT_NATURAL: natural order in and out (bit reversal, then DIT); FFT_DIF: natural in, bit-reversed out
 * (decimation in frequency); FFT_BITREV_IN: bit-reversed in, natural out (DIT without the permutation).
 * FFT_DIF then FFT_BITREV_IN chain two transforms with no permutation at all. */
enum { FFT_NATURAL = 0, FFT_DIF = 1, FFT_BITREV_IN = 2 };

typedef struct {
  fft_domain *d;
  fr_t *a;
  int inverse, mode, threads, next_id;
  pthread_barrier_t barrier;
  pthread_mutex_t lock;
  const fr_t *base; /* roots job: w */
} fft_job;

static int fft_thread_id(fft_job *job) {
  pthread_mutex_lock(&job->lock);
  int id = job->next_id++;
  pthread_mutex_unlock(&job->lock);
  return id;
}

static inline size_t bit_reverse(size_t x, int bits) {
  size_t r = 0;
  for (int i = 0; i < bits; i++) {
    r = (r << 1) | (x & 1);
    x >>= 1;
  }
  return r;
}

static void *fft_roots_worker(void *arg) {
  fft_job *job = arg;
  const int id = fft_thread_id(job);
  const size_t half = job->d->n / 2, per = (half + (size_t)job->threads - 1) / (size_t)job->threads;
  const size_t start = (size_t)id * per, stop = start + per < half ? start + per : half;
  if (start >= stop) return NULL;
  fr_t x = fr_pow_u64(job->base, start);
  for (size_t j = start; j < stop; j++) {
    job->d->roots[j] = x;
    fr_mul(&x, &x, job->base);
  }
  return NULL;
}

static void fft_domain_init(fft_domain *d, int log_n, int threads) {
  d->log_n = log_n;
  d->n = (size_t)1 << log_n;
  d->roots = xmalloc_aligned((d->n / 2 + 1) * sizeof(fr_t));
  const fr_t w = fr_root_of_unity(log_n);
  fft_job job = {.d = d, .threads = threads, .base = &w};
  pthread_mutex_init(&job.lock, NULL);
  run_threads(fft_roots_worker, &job, threads);
  pthread_mutex_destroy(&job.lock);
}

static void fft_domain_free(fft_domain *d) { free(d->roots); }

/* log2 of the block whose first stages run in cache (2^13 elements = 256 KiB) */
enum { FFT_BLOCK_LOG = 13 };

static inline void fft_butterfly(fft_job *job, fr_t *a, size_t k, size_t m, size_t idx, size_t half) {
  fr_t t, u = a[k];
  if (idx == 0) {
    t = a[k + m];
  } else if (!job->inverse) {
    fr_mul(&t, &a[k + m], &job->d->roots[idx]);
  } else {
    /* w^-idx = -w^(half - idx): subtract where the forward transform adds */
    fr_mul(&t, &a[k + m], &job->d->roots[half - idx]);
    fr_add(&a[k + m], &u, &t);
    fr_sub(&a[k], &u, &t);
    return;
  }
  fr_add(&a[k], &u, &t);
  fr_sub(&a[k + m], &u, &t);
}

/* Gentleman-Sande butterfly: (u, v) -> (u + v, (u - v) w^idx) */
static inline void fft_dif_butterfly(fft_job *job, fr_t *a, size_t k, size_t m, size_t idx, size_t half) {
  fr_t u = a[k], v = a[k + m];
  fr_add(&a[k], &u, &v);
  if (idx == 0) {
    fr_sub(&a[k + m], &u, &v);
  } else if (!job->inverse) {
    fr_sub(&a[k + m], &u, &v);
    fr_mul(&a[k + m], &a[k + m], &job->d->roots[idx]);
  } else {
    /* (u - v) w^-idx = (v - u) w^(half - idx) */
    fr_sub(&a[k + m], &v, &u);
    fr_mul(&a[k + m], &a[k + m], &job->d->roots[half - idx]);
  }
}

static void fft_dif(fft_job *job, int id) {
  const size_t n = job->d->n, half = n / 2;
  const int log_n = job->d->log_n;
  fr_t *a = job->a;
  const int block_log = log_n < FFT_BLOCK_LOG ? log_n : FFT_BLOCK_LOG;
  const size_t bper = (half + (size_t)job->threads - 1) / (size_t)job->threads;
  const size_t bstart = (size_t)id * bper, bstop = bstart + bper < half ? bstart + bper : half;
  for (int s = log_n - 1; s >= block_log; s--) {
    const size_t m = (size_t)1 << s, stride = half >> s;
    for (size_t b = bstart; b < bstop; b++) {
      const size_t j = b & (m - 1), k = ((b >> s) << (s + 1)) + j;
      fft_dif_butterfly(job, a, k, m, j * stride, half);
    }
    pthread_barrier_wait(&job->barrier);
  }
  const size_t block = (size_t)1 << block_log, blocks = n / block;
  for (size_t bl = (size_t)id; bl < blocks; bl += (size_t)job->threads) {
    fr_t *base = a + bl * block;
    for (int s = block_log - 1; s >= 0; s--) {
      const size_t m = (size_t)1 << s, stride = half >> s;
      for (size_t b = 0; b < block / 2; b++) {
        const size_t j = b & (m - 1), k = ((b >> s) << (s + 1)) + j;
        fft_dif_butterfly(job, base, k, m, j * stride, half);
      }
    }
  }
}

static void *fft_worker(void *arg) {
  fft_job *job = arg;
  const int id = fft_thread_id(job);
  const size_t n = job->d->n, half = n / 2;
  const int log_n = job->d->log_n;
  const size_t per = (n + (size_t)job->threads - 1) / (size_t)job->threads;
  fr_t *a = job->a;
  if (job->mode == FFT_DIF) {
    fft_dif(job, id);
    return NULL;
  }
  /* bit reversal: each thread swaps the pairs whose smaller index lies in its range */
  for (size_t i = (size_t)id * per; i < n && i < (size_t)(id + 1) * per && job->mode == FFT_NATURAL; i++) {
    const size_t r = bit_reverse(i, log_n);
    if (i < r) {
      fr_t t = a[i];
      a[i] = a[r];
      a[r] = t;
    }
  }
  pthread_barrier_wait(&job->barrier);
  /* stages 0 .. block_log-1 stay inside aligned blocks of 2^block_log elements: one block at a time, in cache */
  const int block_log = log_n < FFT_BLOCK_LOG ? log_n : FFT_BLOCK_LOG;
  const size_t block = (size_t)1 << block_log, blocks = n / block;
  for (size_t bl = (size_t)id; bl < blocks; bl += (size_t)job->threads) {
    fr_t *base = a + bl * block;
    for (int s = 0; s < block_log; s++) {
      const size_t m = (size_t)1 << s, stride = half >> s;
      for (size_t b = 0; b < block / 2; b++) {
        const size_t j = b & (m - 1), k = ((b >> s) << (s + 1)) + j;
        fft_butterfly(job, base, k, m, j * stride, half);
      }
    }
  }
  pthread_barrier_wait(&job->barrier);
  const size_t bper = (half + (size_t)job->threads - 1) / (size_t)job->threads;
  const size_t bstart = (size_t)id * bper, bstop = bstart + bper < half ? bstart + bper : half;
  for (int s = block_log; s < log_n; s++) {
    const size_t m = (size_t)1 << s, stride = half >> s;
    for (size_t b = bstart; b < bstop; b++) {
      const size_t j = b & (m - 1), k = ((b >> s) << (s + 1)) + j;
      fft_butterfly(job, a, k, m, j * stride, half);
    }
    pthread_barrier_wait(&job->barrier);
  }
  return NULL;
}

static void fft_run_mode(fft_domain *d, fr_t *a, int inverse, int mode, int threads) {
  if (d->n < 2) return;
  if ((size_t)threads > d->n / 2) threads = (int)(d->n / 2);
  fft_job job = {.d = d, .a = a, .inverse = inverse, .mode = mode, .threads = threads};
  pthread_barrier_init(&job.barrier, NULL, (unsigned)threads);
  pthread_mutex_init(&job.lock, NULL);
  run_threads(fft_worker, &job, threads);
  pthread_barrier_destroy(&job.barrier);
  pthread_mutex_destroy(&job.lock);
}

static void fft_run(fft_domain *d, fr_t *a, int inverse, int threads) { fft_run_mode(d, a, inverse, FFT_NATURAL, threads); }

/* a[i] *= first * ratio^i, on all threads */
typedef struct {
  fr_t *a;
  size_t n;
  fr_t first, ratio;
  work_queue queue;
} scale_job;

static void *scale_worker(void *arg) {
  scale_job *job = arg;
  size_t start, stop;
  while (queue_take(&job->queue, &start, &stop)) {
    fr_t x = fr_pow_u64(&job->ratio, start);
    fr_mul(&x, &x, &job->first);
    for (size_t i = start; i < stop; i++) {
      fr_mul(&job->a[i], &job->a[i], &x);
      fr_mul(&x, &x, &job->ratio);
    }
  }
  return NULL;
}

static void fr_scale_geometric(fr_t *a, size_t n, const fr_t *first, const fr_t *ratio, int threads) {
  scale_job job = {.a = a, .n = n, .first = *first, .ratio = *ratio};
  queue_init(&job.queue, n, 1 << 15);
  run_threads(scale_worker, &job, threads);
  queue_destroy(&job.queue);
}

/* table[p] = first * ratio^(bitrev(p)): the geometric scaling for data in bit-reversed order */
typedef struct {
  fr_t *table, *out;
  const fr_t *in;
  size_t n;
  int log_n, mode; /* 0: gather table, 1: out[i] = in[i] * table[i] */
  work_queue queue;
} perm_job;

static void *perm_worker(void *arg) {
  perm_job *job = arg;
  size_t start, stop;
  while (queue_take(&job->queue, &start, &stop)) {
    for (size_t i = start; i < stop; i++) {
      if (job->mode == 0) job->out[i] = job->in[bit_reverse(i, job->log_n)];
      else fr_mul(&job->out[i], &job->out[i], &job->table[i]);
    }
  }
  return NULL;
}

static fr_t *fr_bitrev_geometric_table(size_t n, int log_n, const fr_t *first, const fr_t *ratio, int threads) {
  fr_t *natural = xmalloc_aligned(n * sizeof(fr_t)), *table = xmalloc_aligned(n * sizeof(fr_t));
  fr_t one;
  fr_one(&one);
  for (size_t i = 0; i < n; i++) natural[i] = one;
  fr_scale_geometric(natural, n, first, ratio, threads);
  perm_job job = {.out = table, .in = natural, .n = n, .log_n = log_n, .mode = 0};
  queue_init(&job.queue, n, 1 << 14);
  run_threads(perm_worker, &job, threads);
  queue_destroy(&job.queue);
  free(natural);
  return table;
}

static void fr_mul_table(fr_t *a, const fr_t *table, size_t n, int threads) {
  perm_job job = {.table = (fr_t *)table, .out = a, .n = n, .mode = 1};
  queue_init(&job.queue, n, 1 << 14);
  run_threads(perm_worker, &job, threads);
  queue_destroy(&job.queue);
}

#endif
