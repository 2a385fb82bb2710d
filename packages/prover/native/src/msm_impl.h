/* Multi-scalar multiplication sum_i k_i * P_i (Pippenger's bucket method), instantiated by groups.h after
 * group_impl.h for G1 and G2 (same G / FE / FE_ macros).
 *
 * - Buckets are in extended Jacobian coordinates (X, Y, ZZ, ZZZ; x = X/ZZ, y = Y/ZZZ, ZZ^3 = ZZZ^2): a mixed
 *   addition of an affine base costs 8M + 2S, with no inversion (formulas madd-2008-s / add-2008-s /
 *   dbl-2008-s-1 of the Explicit-Formulas Database, written from their published definitions).
 * - Scalars are recoded in signed c-bit digits in [-2^(c-1), 2^(c-1)) (c <= 16), so a window has 2^(c-1) buckets and
 *   a negative digit adds the negated base. A scalar above r/2 is replaced by r - k with the base negated,
 *   so small negative witness values (r - 1, ...) cost as little as small positive ones.
 * - The window c minimises a cost model over the scalars' actual bit lengths (circom witnesses are mostly
 *   bits and small numbers): additions ~ sum_i ceil(bits_i / c), bucket sums ~ windows * 2^c.
 * - Work items are (window, slice of the points), taken by the threads from a queue; each thread keeps its
 *   own buckets. Windows are cut into slices by their count of non-zero digits: with bit-valued witnesses
 *   nearly all the work is in window 0, which then gets most of the slices. Bases are read with memcpy from the mapped zkey (sections are only 4-byte aligned). */

#ifndef ZKP_MSM_ITEM
#define ZKP_MSM_ITEM
typedef struct {
  int window;
  size_t start, stop;
} msm_item;
#endif

typedef struct { FE x, y, zz, zzz; } G(xyzz);

static inline int G(xyzz_is_inf)(const G(xyzz) *p) { return FE_(is_zero)(&p->zz); }
static inline void G(xyzz_set_inf)(G(xyzz) *p) { memset(p, 0, sizeof *p); }

static inline void G(xyzz_from_aff)(G(xyzz) *r, const G(aff) *p) {
  if (G(aff_is_inf)(p)) {
    G(xyzz_set_inf)(r);
    return;
  }
  r->x = p->x;
  r->y = p->y;
  FE_(one)(&r->zz);
  FE_(one)(&r->zzz);
}

/* dbl-2008-s-1 (a = 0) */
static void G(xyzz_dbl)(G(xyzz) *r, const G(xyzz) *p) {
  if (G(xyzz_is_inf)(p)) {
    G(xyzz_set_inf)(r);
    return;
  }
  FE u, v, w, s, m, t, x3, y3;
  FE_(dbl)(&u, &p->y);
  FE_(sqr)(&v, &u);
  FE_(mul)(&w, &u, &v);
  FE_(mul)(&s, &p->x, &v);
  FE_(sqr)(&m, &p->x);
  FE_(dbl)(&t, &m);
  FE_(add)(&m, &m, &t);
  FE_(sqr)(&x3, &m);
  FE_(dbl)(&t, &s);
  FE_(sub)(&x3, &x3, &t);
  FE_(sub)(&t, &s, &x3);
  FE_(mul)(&y3, &m, &t);
  FE_(mul)(&t, &w, &p->y);
  FE_(sub)(&y3, &y3, &t);
  FE_(mul)(&r->zz, &v, &p->zz);
  FE_(mul)(&r->zzz, &w, &p->zzz);
  r->x = x3;
  r->y = y3;
}

/* p = 2 q for affine q (the zz = zzz = 1 case of the doubling) */
static void G(xyzz_dbl_aff)(G(xyzz) *r, const FE *qx, const FE *qy) {
  FE u, v, w, s, m, t;
  FE_(dbl)(&u, qy);
  FE_(sqr)(&v, &u);
  FE_(mul)(&w, &u, &v);
  FE_(mul)(&s, qx, &v);
  FE_(sqr)(&m, qx);
  FE_(dbl)(&t, &m);
  FE_(add)(&m, &m, &t);
  FE_(sqr)(&r->x, &m);
  FE_(dbl)(&t, &s);
  FE_(sub)(&r->x, &r->x, &t);
  FE_(sub)(&t, &s, &r->x);
  FE_(mul)(&r->y, &m, &t);
  FE_(mul)(&t, &w, qy);
  FE_(sub)(&r->y, &r->y, &t);
  r->zz = v;
  r->zzz = w;
}

/* p += (qx, qy) affine, not infinity (madd-2008-s) */
static inline void G(xyzz_madd)(G(xyzz) *p, const FE *qx, const FE *qy) {
  if (G(xyzz_is_inf)(p)) {
    p->x = *qx;
    p->y = *qy;
    FE_(one)(&p->zz);
    FE_(one)(&p->zzz);
    return;
  }
  FE u2, s2, pp, ppp, rr, q, t;
  FE_(mul)(&u2, qx, &p->zz);
  FE_(mul)(&s2, qy, &p->zzz);
  FE_(sub)(&u2, &u2, &p->x); /* P */
  FE_(sub)(&rr, &s2, &p->y); /* R */
  if (FE_(is_zero)(&u2)) {
    if (FE_(is_zero)(&rr)) G(xyzz_dbl_aff)(p, qx, qy);
    else G(xyzz_set_inf)(p);
    return;
  }
  FE_(sqr)(&pp, &u2);
  FE_(mul)(&ppp, &u2, &pp);
  FE_(mul)(&q, &p->x, &pp);
  FE_(sqr)(&p->x, &rr);
  FE_(sub)(&p->x, &p->x, &ppp);
  FE_(sub)(&p->x, &p->x, &q);
  FE_(sub)(&p->x, &p->x, &q);
  FE_(sub)(&t, &q, &p->x);
  FE_(mul)(&t, &rr, &t);
  FE_(mul)(&s2, &p->y, &ppp);
  FE_(sub)(&p->y, &t, &s2);
  FE_(mul)(&p->zz, &p->zz, &pp);
  FE_(mul)(&p->zzz, &p->zzz, &ppp);
}

/* p += q (add-2008-s) */
static void G(xyzz_add)(G(xyzz) *p, const G(xyzz) *q) {
  if (G(xyzz_is_inf)(q)) return;
  if (G(xyzz_is_inf)(p)) {
    *p = *q;
    return;
  }
  FE u1, u2, s1, s2, pp, ppp, rr, qq, t;
  FE_(mul)(&u1, &p->x, &q->zz);
  FE_(mul)(&u2, &q->x, &p->zz);
  FE_(mul)(&s1, &p->y, &q->zzz);
  FE_(mul)(&s2, &q->y, &p->zzz);
  FE_(sub)(&u2, &u2, &u1); /* P */
  FE_(sub)(&rr, &s2, &s1); /* R */
  if (FE_(is_zero)(&u2)) {
    if (FE_(is_zero)(&rr)) G(xyzz_dbl)(p, p);
    else G(xyzz_set_inf)(p);
    return;
  }
  FE_(sqr)(&pp, &u2);
  FE_(mul)(&ppp, &u2, &pp);
  FE_(mul)(&qq, &u1, &pp);
  FE_(sqr)(&p->x, &rr);
  FE_(sub)(&p->x, &p->x, &ppp);
  FE_(sub)(&p->x, &p->x, &qq);
  FE_(sub)(&p->x, &p->x, &qq);
  FE_(sub)(&t, &qq, &p->x);
  FE_(mul)(&t, &rr, &t);
  FE_(mul)(&s1, &s1, &ppp);
  FE_(sub)(&p->y, &t, &s1);
  FE_(mul)(&p->zz, &p->zz, &q->zz);
  FE_(mul)(&p->zz, &p->zz, &pp);
  FE_(mul)(&p->zzz, &p->zzz, &q->zzz);
  FE_(mul)(&p->zzz, &p->zzz, &ppp);
}

static void G(xyzz_to_aff)(G(aff) *out, const G(xyzz) *p) {
  if (G(xyzz_is_inf)(p)) {
    memset(out, 0, sizeof *out);
    return;
  }
  FE zzi, zzzi;
  FE_(inv)(&zzi, &p->zz);
  FE_(inv)(&zzzi, &p->zzz);
  FE_(mul)(&out->x, &p->x, &zzi);
  FE_(mul)(&out->y, &p->y, &zzzi);
}

/* r = k * p for a normal-form scalar (double-and-add; for the few proof terms outside the MSMs) */
static void G(xyzz_mul)(G(xyzz) *r, const G(xyzz) *p, const fr_t *k) {
  G(xyzz) acc;
  G(xyzz_set_inf)(&acc);
  for (int bit = 255; bit >= 0; bit--) {
    G(xyzz_dbl)(&acc, &acc);
    if ((k->v[bit / 64] >> (bit % 64)) & 1) G(xyzz_add)(&acc, p);
  }
  *r = acc;
}

typedef struct {
  const unsigned char *bases; /* n affine points, Montgomery little-endian, any alignment */
  const int16_t *digits;      /* windows x stride, window-major, already offset to the first point */
  const uint8_t *negs;        /* 1: the scalar was folded to r - k, negate every digit of it */
  size_t n, stride;
  int c, windows;
  const msm_item *items; /* (window, range of points), heavier windows cut in more slices */
  G(xyzz) *partial;      /* one result per item */
  work_queue queue;
} G(msm_job);

static void *G(msm_worker)(void *arg) {
  G(msm_job) *job = arg;
  const size_t nbuckets = (size_t)1 << (job->c - 1);
  G(xyzz) *buckets = xmalloc_aligned(nbuckets * sizeof *buckets);
  size_t item, item_end;
  while (queue_take(&job->queue, &item, &item_end)) {
    const int k = job->items[item].window;
    const size_t start = job->items[item].start, stop = job->items[item].stop;
    const int16_t *digits = job->digits + (size_t)k * job->stride;
    memset(buckets, 0, nbuckets * sizeof *buckets); /* zz = 0: infinity */
    enum { AHEAD = 6 };
    for (size_t i = start; i < stop; i++) {
      if (i + AHEAD < stop) {
        const int d = digits[i + AHEAD];
        if (d != 0) __builtin_prefetch(&buckets[(d < 0 ? -d : d) - 1], 1);
        __builtin_prefetch(job->bases + (i + AHEAD) * sizeof(G(aff)));
      }
      const int d = digits[i];
      if (d == 0) continue;
      G(aff) q;
      memcpy(&q, job->bases + i * sizeof(G(aff)), sizeof q);
      if (G(aff_is_inf)(&q)) continue;
      if ((d < 0) ^ job->negs[i]) FE_(neg)(&q.y, &q.y);
      G(xyzz_madd)(&buckets[(d < 0 ? -d : d) - 1], &q.x, &q.y);
    }
    G(xyzz) running, sum;
    G(xyzz_set_inf)(&running);
    G(xyzz_set_inf)(&sum);
    for (size_t b = nbuckets; b-- > 0;) {
      G(xyzz_add)(&running, &buckets[b]);
      G(xyzz_add)(&sum, &running);
    }
    job->partial[item] = sum;
  }
  free(buckets);
  return NULL;
}

/* The same work item with batch-affine buckets: each bucket is an affine point, and the additions into
 * buckets are gathered in batches of MSM_BATCH distinct buckets that share one field inversion
 * (Montgomery's trick): 3 multiplications for the shared inversion plus 3 for the affine formula, against
 * 10 for a mixed addition in extended Jacobian coordinates. A point whose bucket already waits in the open
 * batch, or equals the bucket's point up to sign, goes to a second, extended-Jacobian bucket instead, so
 * bit-sized witness values (every point into bucket 1) cost no more than with plain buckets. */
#ifndef ZKP_MSM_BATCH
#define ZKP_MSM_BATCH
enum { MSM_BATCH = 1024 };
#endif

typedef struct {
  G(aff) *bk;       /* affine buckets */
  uint8_t *used;    /* bk[b] holds a point */
  uint32_t *stamp;  /* batch in which bk[b] last took a pending addition */
  G(xyzz) *spill;   /* second buckets */
  uint32_t *pending_bucket;
  G(aff) *pending_point;
  FE *dx, *prefix;
  size_t npending;
  uint32_t batch;
} G(batch_state);

static void G(batch_flush)(G(batch_state) *st) {
  if (st->npending == 0) return;
  FE product;
  FE_(one)(&product);
  for (size_t j = 0; j < st->npending; j++) {
    st->prefix[j] = product;
    FE_(mul)(&product, &product, &st->dx[j]);
  }
  FE inv;
  FE_(inv)(&inv, &product);
  for (size_t j = st->npending; j-- > 0;) {
    const uint32_t b = st->pending_bucket[j];
    G(aff) *acc = &st->bk[b];
    const G(aff) *q = &st->pending_point[j];
    FE inv_dx, lambda, x3, y3;
    FE_(mul)(&inv_dx, &inv, &st->prefix[j]);
    FE_(mul)(&inv, &inv, &st->dx[j]);
    FE_(sub)(&lambda, &q->y, &acc->y);
    FE_(mul)(&lambda, &lambda, &inv_dx);
    FE_(sqr)(&x3, &lambda);
    FE_(sub)(&x3, &x3, &acc->x);
    FE_(sub)(&x3, &x3, &q->x);
    FE_(sub)(&y3, &acc->x, &x3);
    FE_(mul)(&y3, &y3, &lambda);
    FE_(sub)(&acc->y, &y3, &acc->y);
    acc->x = x3;
  }
  st->npending = 0;
  st->batch++;
}

static inline void G(batch_add)(G(batch_state) *st, uint32_t b, const G(aff) *q) {
  if (!st->used[b]) {
    st->bk[b] = *q;
    st->used[b] = 1;
    return;
  }
  if (st->stamp[b] == st->batch) {
    G(xyzz_madd)(&st->spill[b], &q->x, &q->y);
    return;
  }
  const size_t j = st->npending;
  FE_(sub)(&st->dx[j], &q->x, &st->bk[b].x);
  if (FE_(is_zero)(&st->dx[j])) { /* q = +-bk[b]: the extended formulas handle doubling and cancellation */
    G(xyzz_madd)(&st->spill[b], &q->x, &q->y);
    return;
  }
  st->stamp[b] = st->batch;
  st->pending_bucket[j] = b;
  st->pending_point[j] = *q;
  if (++st->npending == MSM_BATCH) G(batch_flush)(st);
}

static void *G(msm_batch_worker)(void *arg) {
  G(msm_job) *job = arg;
  const size_t nbuckets = (size_t)1 << (job->c - 1);
  G(batch_state) st = {
      .bk = xmalloc_aligned(nbuckets * sizeof(G(aff))),
      .used = xmalloc(nbuckets),
      .stamp = xmalloc(nbuckets * sizeof(uint32_t)),
      .spill = xmalloc_aligned(nbuckets * sizeof(G(xyzz))),
      .pending_bucket = xmalloc(MSM_BATCH * sizeof(uint32_t)),
      .pending_point = xmalloc_aligned(MSM_BATCH * sizeof(G(aff))),
      .dx = xmalloc_aligned(MSM_BATCH * sizeof(FE)),
      .prefix = xmalloc_aligned(MSM_BATCH * sizeof(FE)),
  };
  size_t item, item_end;
  while (queue_take(&job->queue, &item, &item_end)) {
    const int k = job->items[item].window;
    const size_t start = job->items[item].start, stop = job->items[item].stop;
    const int16_t *digits = job->digits + (size_t)k * job->stride;
    memset(st.used, 0, nbuckets);
    memset(st.stamp, 0xff, nbuckets * sizeof(uint32_t));
    memset(st.spill, 0, nbuckets * sizeof(G(xyzz)));
    st.batch = 0;
    st.npending = 0;
    enum { AHEAD = 8 };
    for (size_t i = start; i < stop; i++) {
      if (i + AHEAD < stop) {
        const int d = digits[i + AHEAD];
        if (d != 0) {
          __builtin_prefetch(&st.bk[(d < 0 ? -d : d) - 1]);
          __builtin_prefetch(job->bases + (i + AHEAD) * sizeof(G(aff)));
        }
      }
      const int d = digits[i];
      if (d == 0) continue;
      G(aff) q;
      memcpy(&q, job->bases + i * sizeof(G(aff)), sizeof q);
      if (G(aff_is_inf)(&q)) continue;
      if ((d < 0) ^ job->negs[i]) FE_(neg)(&q.y, &q.y);
      G(batch_add)(&st, (uint32_t)((d < 0 ? -d : d) - 1), &q);
    }
    G(batch_flush)(&st);
    G(xyzz) running, sum;
    G(xyzz_set_inf)(&running);
    G(xyzz_set_inf)(&sum);
    for (size_t b = nbuckets; b-- > 0;) {
      if (st.used[b]) G(xyzz_madd)(&running, &st.bk[b].x, &st.bk[b].y);
      G(xyzz_add)(&running, &st.spill[b]);
      G(xyzz_add)(&sum, &running);
    }
    job->partial[item] = sum;
  }
  free(st.bk);
  free(st.used);
  free(st.stamp);
  free(st.spill);
  free(st.pending_bucket);
  free(st.pending_point);
  free(st.dx);
  free(st.prefix);
  return NULL;
}

#ifndef ZKP_MSM_SHARED
#define ZKP_MSM_SHARED
/* batch-affine buckets (1) or extended-Jacobian ones (0, for comparison: --plain-buckets) */
static int msm_batch_affine = 1;
/* digits are int16 in [-2^(c-1), 2^(c-1)); a folded scalar's sign is kept apart (negs), so c <= 16 */
enum { MSM_MAX_WINDOW = 16 };

/* Bit length of a normal-form scalar */
static inline int scalar_bit_length(const fr_t *k) {
  for (int limb = 3; limb >= 0; limb--) {
    if (k->v[limb]) return 64 * limb + 64 - __builtin_clzll(k->v[limb]);
  }
  return 0;
}

/* (r - 1) / 2 */
static const fr_t FR_HALF = {{0xa1f0fac9f8000000ULL, 0x9419f4243cdcb848ULL, 0xdc2822db40c0ac2eULL, 0x183227397098d014ULL}};

static inline int fr_gt(const fr_t *a, const fr_t *b) {
  for (int i = 3; i >= 0; i--) {
    if (a->v[i] != b->v[i]) return a->v[i] > b->v[i];
  }
  return 0;
}

/* k or r - k, whichever is at most (r - 1) / 2; returns 1 when negated */
static inline int scalar_fold(fr_t *out, const fr_t *k) {
  if (fr_gt(k, &FR_HALF)) {
    const fr_t r = fr_modulus;
    u128 b = 0;
    for (int i = 0; i < 4; i++) {
      u128 d = (u128)r.v[i] - k->v[i] - (uint64_t)b;
      out->v[i] = (uint64_t)d;
      b = (d >> 64) & 1;
    }
    return 1;
  }
  *out = *k;
  return 0;
}

/* Windows needed so that a folded scalar of `bits` bits recodes without a final carry. */
static inline int msm_windows(int c, int bits) { return bits == 0 ? 0 : (bits + 2 + c - 1) / c; }

typedef struct {
  const fr_t *scalars;
  int16_t *digits;
  uint8_t *negs;
  size_t n;
  int c, windows;
  uint64_t nonzero[256 + 1]; /* non-zero digits per window */
  work_queue queue;
  pthread_mutex_t lock;
} digit_job;

static void *digit_worker(void *arg) {
  digit_job *job = arg;
  size_t start, stop;
  const int64_t half = (int64_t)1 << (job->c - 1), full = (int64_t)1 << job->c;
  uint64_t nonzero[256 + 1] = {0};
  while (queue_take(&job->queue, &start, &stop)) {
    for (size_t i = start; i < stop; i++) {
      fr_t k;
      job->negs[i] = (uint8_t)scalar_fold(&k, &job->scalars[i]);
      int64_t carry = 0;
      for (int w = 0; w < job->windows; w++) {
        int64_t v = (int64_t)scalar_bits(k.v, (unsigned)(w * job->c), (unsigned)job->c) + carry;
        carry = v >= half;
        if (carry) v -= full;
        job->digits[(size_t)w * job->n + i] = (int16_t)v;
        nonzero[w] += v != 0;
      }
    }
  }
  pthread_mutex_lock(&job->lock);
  for (int w = 0; w < job->windows; w++) job->nonzero[w] += nonzero[w];
  pthread_mutex_unlock(&job->lock);
  return NULL;
}

/* Cuts each window into slices of about equal work (non-zero digits), at least ~4 items per thread, each
 * item worth at least a few bucket sums (its fixed cost). Returns the item count. */
static size_t msm_plan(msm_item **out, const uint64_t *nonzero, int windows, int c, size_t n, int threads) {
  double total = 0;
  for (int k = 0; k < windows; k++) total += (double)nonzero[k];
  double target = total / (4.0 * threads);
  const double floor_work = 4.0 * (double)((size_t)1 << c);
  if (target < floor_work) target = floor_work;
  size_t count = 0;
  size_t *slices = xmalloc((size_t)windows * sizeof *slices);
  for (int k = 0; k < windows; k++) {
    size_t sl = (size_t)((double)nonzero[k] / target + 0.999);
    if (sl < 1) sl = 1;
    if (sl > n / 4096 + 1) sl = n / 4096 + 1;
    slices[k] = sl;
    count += sl;
  }
  msm_item *items = xmalloc(count * sizeof *items);
  size_t at = 0;
  for (int k = windows; k-- > 0;) { /* heavy low windows last: they are split finer, so the tail is short */
    const size_t per = (n + slices[k] - 1) / slices[k];
    for (size_t s = 0; s < slices[k]; s++) {
      const size_t start = s * per, stop = start + per < n ? start + per : n;
      items[at++] = (msm_item){.window = k, .start = start, .stop = start < n ? stop : n};
    }
  }
  free(slices);
  *out = items;
  return count;
}

typedef struct {
  const fr_t *scalars;
  size_t n;
  uint64_t *hist; /* per thread: 255 bit-length buckets */
  int next_thread;
  work_queue queue;
  pthread_mutex_t lock;
} hist_job;

static void *hist_worker(void *arg) {
  hist_job *job = arg;
  pthread_mutex_lock(&job->lock);
  uint64_t *hist = job->hist + 256 * (size_t)job->next_thread++;
  pthread_mutex_unlock(&job->lock);
  size_t start, stop;
  while (queue_take(&job->queue, &start, &stop)) {
    for (size_t i = start; i < stop; i++) {
      fr_t k;
      scalar_fold(&k, &job->scalars[i]);
      hist[scalar_bit_length(&k)]++;
    }
  }
  return NULL;
}

/* Picks c from the scalars' bit lengths; fills *bits with the largest one. */
static int msm_choose_window(const fr_t *scalars, size_t n, int threads, int *max_bits) {
  hist_job job = {.scalars = scalars, .n = n, .hist = xcalloc((size_t)threads * 256, sizeof(uint64_t))};
  pthread_mutex_init(&job.lock, NULL);
  queue_init(&job.queue, n, 1 << 16);
  run_threads(hist_worker, &job, threads);
  queue_destroy(&job.queue);
  pthread_mutex_destroy(&job.lock);
  uint64_t hist[256] = {0};
  for (int t = 0; t < threads; t++) {
    for (int b = 0; b < 256; b++) hist[b] += job.hist[256 * (size_t)t + b];
  }
  free(job.hist);
  int top = 0;
  for (int b = 0; b < 256; b++) {
    if (hist[b]) top = b;
  }
  *max_bits = top;
  int best = 1;
  double best_cost = 0;
  for (int c = 2; c <= MSM_MAX_WINDOW; c++) {
    double adds = 0;
    for (int b = 1; b <= top; b++) adds += (double)hist[b] * (double)((b + c) / c); /* ~ non-zero digits */
    const double cost = adds * 10.0 + (double)msm_windows(c, top) * (double)((size_t)1 << c) * 14.0;
    if (best == 1 || cost < best_cost) {
      best = c;
      best_cost = cost;
    }
  }
  return best;
}
#endif

#ifndef ZKP_MSM_SCALARS
#define ZKP_MSM_SCALARS
/* Scalars recoded once for several MSMs over the same values (the witness: A, B1, B2 and, from signal
 * nPublic + 1 on, C): window size, signed digits, fold signs, non-zero digits per window. */
typedef struct {
  int16_t *digits;
  uint8_t *negs;
  size_t n;
  int c, windows;
  uint64_t nonzero[256 + 1];
} msm_scalars;

static void msm_scalars_prepare(msm_scalars *ms, const fr_t *scalars, size_t n, int threads, int window_override) {
  memset(ms, 0, sizeof *ms);
  ms->n = n;
  if (n == 0) return;
  int bits;
  ms->c = msm_choose_window(scalars, n, threads, &bits);
  if (window_override) ms->c = window_override;
  ms->windows = msm_windows(ms->c, bits);
  if (ms->windows == 0) return;
  ms->digits = xmalloc((size_t)ms->windows * n * sizeof *ms->digits);
  ms->negs = xmalloc(n);
  digit_job dj = {.scalars = scalars, .digits = ms->digits, .negs = ms->negs, .n = n, .c = ms->c, .windows = ms->windows};
  pthread_mutex_init(&dj.lock, NULL);
  queue_init(&dj.queue, n, 1 << 14);
  run_threads(digit_worker, &dj, threads);
  queue_destroy(&dj.queue);
  pthread_mutex_destroy(&dj.lock);
  memcpy(ms->nonzero, dj.nonzero, sizeof ms->nonzero);
}

static void msm_scalars_free(msm_scalars *ms) {
  free(ms->digits);
  free(ms->negs);
  ms->digits = NULL;
  ms->negs = NULL;
}
#endif

/* *out = sum_{i < count} scalar_(offset + i) * bases[i], with the scalars recoded by msm_scalars_prepare */
static void G(msm_prepared)(G(xyzz) *out, const unsigned char *bases, const msm_scalars *ms, size_t offset, size_t count,
                            int threads) {
  G(xyzz_set_inf)(out);
  if (count == 0 || ms->windows == 0) return;
  const int c = ms->c, windows = ms->windows;
  msm_item *items;
  const size_t nitems = msm_plan(&items, ms->nonzero, windows, c, count, threads);
  G(msm_job) job = {.bases = bases, .digits = ms->digits + offset, .negs = ms->negs + offset, .n = count, .stride = ms->n,
                    .c = c, .windows = windows, .items = items};
  job.partial = xmalloc(nitems * sizeof *job.partial);
  queue_init(&job.queue, nitems, 1);
  const int busy = nitems < (size_t)threads ? (int)nitems : threads;
  run_threads(msm_batch_affine ? G(msm_batch_worker) : G(msm_worker), &job, busy);
  queue_destroy(&job.queue);

  G(xyzz) acc;
  G(xyzz_set_inf)(&acc);
  G(xyzz) *window_sum = xmalloc((size_t)windows * sizeof *window_sum);
  for (int k = 0; k < windows; k++) G(xyzz_set_inf)(&window_sum[k]);
  for (size_t i = 0; i < nitems; i++) G(xyzz_add)(&window_sum[items[i].window], &job.partial[i]);
  for (int k = windows; k-- > 0;) {
    for (int i = 0; i < c; i++) G(xyzz_dbl)(&acc, &acc);
    G(xyzz_add)(&acc, &window_sum[k]);
  }
  free(window_sum);
  free(items);
  free(job.partial);
  *out = acc;
}

/* *out = sum_i scalars[i] * bases[i]; scalars in normal form (< r). window_override: 0 = automatic. */
static void G(msm)(G(xyzz) *out, const unsigned char *bases, const fr_t *scalars, size_t n, int threads,
                   int window_override) {
  msm_scalars ms;
  msm_scalars_prepare(&ms, scalars, n, threads, window_override);
  G(msm_prepared)(out, bases, &ms, 0, n, threads);
  msm_scalars_free(&ms);
}
