/*
 * rt_array.h - Array.prototype's methods to the letter of ES2023 where
 * Duktape's differ: generic receivers with lengths up to 2^53 - 1,
 * Symbol.species, frozen arrays and read-only lengths, Array.isArray on
 * proxies (docs/builtins.md).  Plain arrays keep Duktape's own methods.
 * rt_es_install() calls rt_array_install() with the helpers es-runtime.js
 * returned at helpers; a second call on the same heap does nothing.
 * Needs Symbol.species (es-runtime.js) first.
 */
#ifndef RT_ARRAY_H
#define RT_ARRAY_H

#include <duktape.h>

void rt_array_install(duk_context *ctx, duk_idx_t helpers);

#endif
