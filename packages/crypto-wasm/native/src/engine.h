/* The engine's whole surface, shared by the WebAssembly exports and the Node addon. */
#ifndef ZKLITE_ENGINE_H
#define ZKLITE_ENGINE_H

#include "musig.h"
#include "poseidon.h"

/* Builds every table (field, Rescue, generator comb); idempotent. */
void engine_init(void);

#endif
