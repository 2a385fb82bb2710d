#include "engine.h"

#include "edwards.h"
#include "field.h"
#include "rescue.h"

static int initialized;

void engine_init(void) {
  if (initialized) return;
  field_init();
  rescue_init();
  edwards_init();
  initialized = 1;
}
