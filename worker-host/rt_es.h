/*
 * rt_es.h - the ES2015-ES2022 library that TypeScript's ES5 output needs.
 *
 * rt_es_install() adds what Duktape 2.7 lacks and lowered code calls:
 * Symbol.iterator on arrays, strings and typed arrays (Map/Set and their
 * iterators have it from rt_collections), Symbol.asyncIterator, and the
 * Array, typed array, Object, String and Math functions listed in
 * docs/builtins.md.
 * Only names missing on their object are defined, all non-enumerable.
 * The host calls it before it runs any lowered module, so plain ES5
 * workers never pay for it; a second call on the same heap does nothing.
 * Needs rt_collections_install() first only for Map/Set iteration.
 */
#ifndef RT_ES_H
#define RT_ES_H

#include <stdbool.h>

#include <duktape.h>

void rt_es_install(duk_context *ctx);
/* True once rt_es_install() has run on this heap. */
bool rt_es_installed(duk_context *ctx);

#endif
