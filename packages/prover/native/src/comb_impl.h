/* Fixed-base comb for many scalar multiplications of one base point, instantiated by groups.h after
 * group_impl.h (same G / FE / FE_ macros). table[k][i] = (i + 1) * 2^(w k) * base for i < 2^(w - 1), so a
 * scalar costs one table addition per signed w-bit window. Points are processed in batches, window by
 * window, with affine additions sharing one field inversion per window (Montgomery's trick): 6 field
 * multiplications per addition instead of 11 for a Jacobian mixed addition, and the results come out
 * affine. Additions hitting x1 == x2 (doubling or P - P; only for rare crafted scalars) are redone with
 * the plain double-and-add. */

typedef struct {
  int w, windows;
  size_t half;
  G(aff) *table;
} G(comb);

typedef struct {
  G(comb) *comb;
  const G(aff) *bases; /* 2^(w k) * base, k < windows */
  int next_window;
  pthread_mutex_t lock;
} G(table_job);

static void *G(table_worker)(void *arg) {
  G(table_job) *job = arg;
  G(comb) *c = job->comb;
  G(jac) *chain = xmalloc(c->half * sizeof *chain);
  FE *scratch = xmalloc(c->half * sizeof *scratch);
  for (;;) {
    pthread_mutex_lock(&job->lock);
    int k = job->next_window++;
    pthread_mutex_unlock(&job->lock);
    if (k >= c->windows) break;
    const G(aff) *base = &job->bases[k];
    G(jac_from_aff)(&chain[0], base);
    for (size_t i = 1; i < c->half; i++) G(jac_madd)(&chain[i], &chain[i - 1], base);
    G(batch_to_affine)(c->table + (size_t)k * c->half, chain, c->half, scratch);
  }
  free(chain);
  free(scratch);
  return NULL;
}

static void G(comb_init)(G(comb) *c, const G(aff) *base, int w, int threads) {
  c->w = w;
  c->windows = comb_windows(w);
  c->half = (size_t)1 << (w - 1);
  c->table = xmalloc_aligned((size_t)c->windows * c->half * sizeof(G(aff)));
  G(aff) *bases = xmalloc((size_t)c->windows * sizeof *bases);
  G(jac) b;
  G(jac_from_aff)(&b, base);
  for (int k = 0; k < c->windows; k++) {
    if (k > 0) {
      for (int i = 0; i < w; i++) G(jac_dbl)(&b, &b);
    }
    G(to_affine)(&bases[k], &b);
  }
  G(table_job) job = {.comb = c, .bases = bases, .next_window = 0};
  pthread_mutex_init(&job.lock, NULL);
  run_threads(G(table_worker), &job, threads < c->windows ? threads : c->windows);
  pthread_mutex_destroy(&job.lock);
  free(bases);
}

static void G(comb_free)(G(comb) *c) { free(c->table); }

typedef struct {
  const G(comb) *comb;
  const G(aff) *base;
  const fr_t *scalars; /* normal form */
  G(aff) *out;
  size_t n, next;
  size_t exceptional;
  pthread_mutex_t lock;
} G(mul_job);

static inline const G(aff) *G(entry)(const G(aff) *window, int32_t digit) {
  return &window[(digit < 0 ? -digit : digit) - 1];
}

/* acc[j] += digit_j * table[k] for the batch, one inversion for all */
static void G(add_window)(const G(comb) *c, int k, const int32_t *digits, size_t count, G(aff) *acc,
                          uint8_t *state, uint8_t *adding, FE *dx, FE *prefix) {
  const G(aff) *window = c->table + (size_t)k * c->half;
  FE product;
  FE_(one)(&product);
  size_t added = 0;
  for (size_t j = 0; j < count; j++) {
    if (j + COMB_PREFETCH < count && digits[j + COMB_PREFETCH] != 0) {
      const G(aff) *ahead = G(entry)(window, digits[j + COMB_PREFETCH]);
      for (size_t line = 0; line < sizeof *ahead; line += 64) __builtin_prefetch((const char *)ahead + line);
    }
    adding[j] = 0;
    const int32_t d = digits[j];
    if (d == 0 || state[j] == ACC_EXCEPTIONAL) continue;
    const G(aff) *e = G(entry)(window, d);
    if (state[j] == ACC_INFINITY) {
      acc[j].x = e->x;
      if (d > 0) acc[j].y = e->y;
      else FE_(neg)(&acc[j].y, &e->y);
      state[j] = ACC_ACTIVE;
      continue;
    }
    FE_(sub)(&dx[j], &e->x, &acc[j].x);
    if (FE_(is_zero)(&dx[j])) {
      state[j] = ACC_EXCEPTIONAL;
      continue;
    }
    prefix[j] = product;
    FE_(mul)(&product, &product, &dx[j]);
    adding[j] = 1;
    added++;
  }
  if (added == 0) return;
  FE inv;
  FE_(inv)(&inv, &product);
  for (size_t j = count; j-- > 0;) {
    if (!adding[j]) continue;
    const int32_t d = digits[j];
    const G(aff) *e = G(entry)(window, d);
    FE inv_dx, lambda, ty, x3, y3;
    FE_(mul)(&inv_dx, &inv, &prefix[j]);
    FE_(mul)(&inv, &inv, &dx[j]);
    if (d > 0) ty = e->y;
    else FE_(neg)(&ty, &e->y);
    FE_(sub)(&lambda, &ty, &acc[j].y);
    FE_(mul)(&lambda, &lambda, &inv_dx);
    FE_(sqr)(&x3, &lambda);
    FE_(sub)(&x3, &x3, &acc[j].x);
    FE_(sub)(&x3, &x3, &e->x);
    FE_(sub)(&y3, &acc[j].x, &x3);
    FE_(mul)(&y3, &y3, &lambda);
    FE_(sub)(&acc[j].y, &y3, &acc[j].y);
    acc[j].x = x3;
  }
}

static void *G(mul_worker)(void *arg) {
  G(mul_job) *job = arg;
  const G(comb) *c = job->comb;
  int32_t *digits = xmalloc((size_t)c->windows * COMB_BATCH * sizeof *digits);
  uint8_t *state = xmalloc(COMB_BATCH), *adding = xmalloc(COMB_BATCH);
  FE *dx = xmalloc(COMB_BATCH * sizeof *dx), *prefix = xmalloc(COMB_BATCH * sizeof *prefix);
  size_t exceptional = 0;
  for (;;) {
    pthread_mutex_lock(&job->lock);
    size_t start = job->next;
    job->next += COMB_BATCH;
    pthread_mutex_unlock(&job->lock);
    if (start >= job->n) break;
    size_t count = job->n - start < COMB_BATCH ? job->n - start : COMB_BATCH;
    G(aff) *acc = job->out + start;
    for (size_t j = 0; j < count; j++) {
      signed_digits(digits + j, COMB_BATCH, job->scalars[start + j].v, c->w, c->windows);
      state[j] = ACC_INFINITY;
    }
    for (int k = 0; k < c->windows; k++) {
      G(add_window)(c, k, digits + (size_t)k * COMB_BATCH, count, acc, state, adding, dx, prefix);
    }
    for (size_t j = 0; j < count; j++) {
      if (state[j] == ACC_INFINITY) memset(&acc[j], 0, sizeof acc[j]);
      else if (state[j] == ACC_EXCEPTIONAL) {
        G(mul_safe)(&acc[j], job->base, job->scalars[start + j].v);
        exceptional++;
      }
    }
  }
  pthread_mutex_lock(&job->lock);
  job->exceptional += exceptional;
  pthread_mutex_unlock(&job->lock);
  free(digits);
  free(state);
  free(adding);
  free(dx);
  free(prefix);
  return NULL;
}

/* out[i] = scalars[i] * base (scalars in normal form, < 2^254); returns how many needed the fallback */
static size_t G(comb_mul_many)(const G(comb) *c, const G(aff) *base, const fr_t *scalars, size_t n, G(aff) *out,
                               int threads) {
  G(mul_job) job = {.comb = c, .base = base, .scalars = scalars, .out = out, .n = n, .next = 0, .exceptional = 0};
  pthread_mutex_init(&job.lock, NULL);
  const size_t batches = (n + COMB_BATCH - 1) / COMB_BATCH;
  run_threads(G(mul_worker), &job, batches < (size_t)threads ? (int)batches : threads);
  pthread_mutex_destroy(&job.lock);
  return job.exceptional;
}
