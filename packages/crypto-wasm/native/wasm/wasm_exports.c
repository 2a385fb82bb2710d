/*
 * WebAssembly entry points. JavaScript writes inputs into the scratch area, calls a function with
 * offsets into it, and reads the outputs back; the Node addon exposes the same calls with the same
 * offsets, so one TypeScript adapter drives both.
 */
#include "engine.h"

#define EXPORT(name) __attribute__((export_name(name)))
#define SCRATCH_BYTES 131072

static uint8_t scratch[SCRATCH_BYTES];

EXPORT("scratch_pointer") uint8_t *wasm_scratch_pointer(void) { return scratch; }
EXPORT("scratch_size") int wasm_scratch_size(void) { return SCRATCH_BYTES; }

EXPORT("init") void wasm_init(void) { engine_init(); }

EXPORT("verify_musig") int wasm_verify_musig(int message, int length, int signature) {
  return musig_verify(scratch + message, length, scratch + signature);
}

EXPORT("hash_message") int wasm_hash_message(int out, int message, int length) {
  return musig_hash_message(scratch + out, scratch + message, length);
}

EXPORT("sign_points") int wasm_sign_points(int out, int private_key, int nonce, int hashed_message) {
  return musig_sign_points(scratch + out, scratch + private_key, scratch + nonce, scratch + hashed_message);
}

EXPORT("public_key") int wasm_public_key(int out, int private_key) {
  return musig_public_key(scratch + out, scratch + private_key);
}

EXPORT("poseidon_load") int wasm_poseidon_load(int width, int rounds_full, int rounds_partial, int constants) {
  return poseidon_load(width, rounds_full, rounds_partial, scratch + constants);
}

EXPORT("poseidon_hash") int wasm_poseidon_hash(int out, int inputs, int count) {
  return poseidon_hash(scratch + out, scratch + inputs, count);
}
