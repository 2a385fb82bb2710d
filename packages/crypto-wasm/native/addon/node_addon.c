/*
 * Node-API addon exposing the engine with the same calls as the WebAssembly build. Each JavaScript
 * environment (main thread or worker) binds its own scratch ArrayBuffer, kept as instance data; the
 * engine's tables are built once per process and are read-only afterwards.
 */
#define NAPI_VERSION 8
#include <node_api.h>
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>

#include "cpu_features.h"
#include "engine.h"
#include "rescue.h"

typedef struct {
  napi_ref scratch_ref;
  uint8_t *scratch;
  size_t scratch_size;
} instance_state;

static pthread_once_t engine_once = PTHREAD_ONCE_INIT;
static pthread_mutex_t poseidon_lock = PTHREAD_MUTEX_INITIALIZER;

static void init_engine_once(void) { engine_init(); }

static void free_instance(napi_env env, void *data, void *hint) {
  (void)hint;
  instance_state *state = data;
  if (state->scratch_ref != NULL) napi_delete_reference(env, state->scratch_ref);
  free(state);
}

static int read_args(napi_env env, napi_callback_info info, size_t expected, int32_t *values) {
  napi_value argv[4];
  size_t argc = 4;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc != expected) return 0;
  for (size_t i = 0; i < expected; i++) {
    if (napi_get_value_int32(env, argv[i], &values[i]) != napi_ok) return 0;
  }
  return 1;
}

static instance_state *state_of(napi_env env) {
  void *data = NULL;
  napi_get_instance_data(env, &data);
  return data;
}

/* Every region [offset, offset + length) must lie inside the bound scratch buffer. */
static int in_scratch(const instance_state *state, int32_t offset, int64_t length) {
  return state != NULL && state->scratch != NULL && offset >= 0 && length >= 0 &&
         (int64_t)offset + length <= (int64_t)state->scratch_size;
}

static napi_value int_result(napi_env env, int32_t value) {
  napi_value result;
  napi_create_int32(env, value, &result);
  return result;
}

static napi_value throw_usage(napi_env env, const char *message) {
  napi_throw_range_error(env, "CRYPTO_INTERNAL_ERROR", message);
  return NULL;
}

static napi_value bind_scratch(napi_env env, napi_callback_info info) {
  napi_value argv[1];
  size_t argc = 1;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc != 1) {
    return throw_usage(env, "bindScratch(arrayBuffer)");
  }
  void *data = NULL;
  size_t length = 0;
  if (napi_get_arraybuffer_info(env, argv[0], &data, &length) != napi_ok) {
    return throw_usage(env, "bindScratch expects an ArrayBuffer");
  }
  instance_state *state = state_of(env);
  if (state->scratch_ref != NULL) napi_delete_reference(env, state->scratch_ref);
  napi_create_reference(env, argv[0], 1, &state->scratch_ref);
  state->scratch = data;
  state->scratch_size = length;
  return int_result(env, 1);
}

static napi_value verify_musig(napi_env env, napi_callback_info info) {
  int32_t a[3];
  instance_state *s = state_of(env);
  if (!read_args(env, info, 3, a) || !in_scratch(s, a[0], a[1]) || !in_scratch(s, a[2], 96)) {
    return throw_usage(env, "verifyMusig(message, length, signature)");
  }
  return int_result(env, musig_verify(s->scratch + a[0], a[1], s->scratch + a[2]));
}

static napi_value hash_message(napi_env env, napi_callback_info info) {
  int32_t a[3];
  instance_state *s = state_of(env);
  if (!read_args(env, info, 3, a) || !in_scratch(s, a[0], 32) || !in_scratch(s, a[1], a[2])) {
    return throw_usage(env, "hashMessage(out, message, length)");
  }
  return int_result(env, musig_hash_message(s->scratch + a[0], s->scratch + a[1], a[2]));
}

static napi_value sign_points(napi_env env, napi_callback_info info) {
  int32_t a[4];
  instance_state *s = state_of(env);
  if (!read_args(env, info, 4, a) || !in_scratch(s, a[0], 96) || !in_scratch(s, a[1], 32) ||
      !in_scratch(s, a[2], 32) || !in_scratch(s, a[3], 32)) {
    return throw_usage(env, "signPoints(out, privateKey, nonce, hashedMessage)");
  }
  return int_result(env, musig_sign_points(s->scratch + a[0], s->scratch + a[1], s->scratch + a[2], s->scratch + a[3]));
}

static napi_value public_key(napi_env env, napi_callback_info info) {
  int32_t a[2];
  instance_state *s = state_of(env);
  if (!read_args(env, info, 2, a) || !in_scratch(s, a[0], 32) || !in_scratch(s, a[1], 32)) {
    return throw_usage(env, "publicKey(out, privateKey)");
  }
  return int_result(env, musig_public_key(s->scratch + a[0], s->scratch + a[1]));
}

static napi_value poseidon_load_js(napi_env env, napi_callback_info info) {
  int32_t a[4];
  instance_state *s = state_of(env);
  if (!read_args(env, info, 4, a) || a[0] < POSEIDON_MIN_WIDTH || a[0] > POSEIDON_MAX_WIDTH || a[1] < 0 ||
      a[1] > 64 || a[2] < 0 || a[2] > 200 || !in_scratch(s, a[3], (int64_t)32 * poseidon_param_count(a[0], a[1], a[2]))) {
    return throw_usage(env, "poseidonLoad(width, roundsFull, roundsPartial, constants)");
  }
  pthread_mutex_lock(&poseidon_lock);
  int loaded = poseidon_load(a[0], a[1], a[2], s->scratch + a[3]);
  pthread_mutex_unlock(&poseidon_lock);
  return int_result(env, loaded);
}

static napi_value poseidon_hash_js(napi_env env, napi_callback_info info) {
  int32_t a[3];
  instance_state *s = state_of(env);
  if (!read_args(env, info, 3, a) || !in_scratch(s, a[0], 32) || a[2] < 0 || !in_scratch(s, a[1], (int64_t)32 * a[2])) {
    return throw_usage(env, "poseidonHash(out, inputs, count)");
  }
  return int_result(env, poseidon_hash(s->scratch + a[0], s->scratch + a[1], a[2]));
}

/* Which arithmetic this build runs: "x64-ifma", "x64-adx" or "portable". */
static napi_value kernel(napi_env env, napi_callback_info info) {
  (void)info;
  const char *name = "portable";
#if defined(ZKLITE_X86_ADX)
  name = rescue_select_kernel_query() ? "x64-ifma" : "x64-adx";
#endif
  napi_value result;
  napi_create_string_utf8(env, name, NAPI_AUTO_LENGTH, &result);
  return result;
}

/* Tests switch the vector kernels (Rescue, Poseidon) off to exercise the scalar ones on CPUs with both. */
static napi_value use_vector_kernel(napi_env env, napi_callback_info info) {
  napi_value argv[1];
  size_t argc = 1;
  bool enable = false;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc != 1 ||
      napi_get_value_bool(env, argv[0], &enable) != napi_ok) {
    return throw_usage(env, "useVectorKernel(enable)");
  }
  napi_value result;
  int rescue_vector = rescue_select_kernel(enable ? 1 : 0);
  int poseidon_vector = poseidon_select_kernel(enable ? 1 : 0);
  napi_get_boolean(env, rescue_vector && poseidon_vector, &result);
  return result;
}

NAPI_MODULE_INIT() {
#if defined(ZKLITE_X86_ADX)
  if (!cpu_has_bmi2_adx()) {
    napi_throw_error(env, "CRYPTO_INIT_FAILED", "this CPU lacks BMI2/ADX; use the portable build");
    return NULL;
  }
#endif
  pthread_once(&engine_once, init_engine_once);
  instance_state *state = calloc(1, sizeof(instance_state));
  if (state == NULL || napi_set_instance_data(env, state, free_instance, NULL) != napi_ok) return NULL;
  napi_property_descriptor properties[] = {
    { "bindScratch", NULL, bind_scratch, NULL, NULL, NULL, napi_enumerable, NULL },
    { "verifyMusig", NULL, verify_musig, NULL, NULL, NULL, napi_enumerable, NULL },
    { "hashMessage", NULL, hash_message, NULL, NULL, NULL, napi_enumerable, NULL },
    { "signPoints", NULL, sign_points, NULL, NULL, NULL, napi_enumerable, NULL },
    { "publicKey", NULL, public_key, NULL, NULL, NULL, napi_enumerable, NULL },
    { "poseidonLoad", NULL, poseidon_load_js, NULL, NULL, NULL, napi_enumerable, NULL },
    { "poseidonHash", NULL, poseidon_hash_js, NULL, NULL, NULL, napi_enumerable, NULL },
    { "kernel", NULL, kernel, NULL, NULL, NULL, napi_enumerable, NULL },
    { "useVectorKernel", NULL, use_vector_kernel, NULL, NULL, NULL, napi_enumerable, NULL },
  };
  napi_define_properties(env, exports, sizeof(properties) / sizeof(properties[0]), properties);
  return exports;
}
