/*
 * rt_es.h - the ES2015-ES2023 library Duktape 2.7 lacks.
 *
 * rt_es_install() adds what scripts, npm packages and TypeScript's ES5
 * output call: Symbol.iterator on arrays, strings and typed arrays
 * (Map/Set and their iterators have it from rt_collections),
 * Symbol.asyncIterator, the Array, typed array, Object, String and Math
 * functions and a BigInt that refuses to run, all
 * listed in docs/builtins.md.
 * Only names missing on their object are defined, all non-enumerable;
 * the one replacement is JSON.stringify, made well-formed (ES2019: a lone
 * surrogate is written as an escape).
 * The host installs it in every heap it builds (the template's), before
 * any script runs; a second call on the same heap does nothing.
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
