/*
 * srcext.h - which source files the compile servers lower, by name: what a
 * worker's loader and `workerctl compile` must agree on for the cache to
 * serve both.  srcext_always(): .ts .tsx .jsx .mjs .mts .cts, always
 * lowered; srcext_if_rejected(): .js and .cjs, lowered only when Duktape
 * rejects their text.  srcext_of() is a path's extension (from its last
 * dot after its last slash, "" when none).
 */
#ifndef WP_SRCEXT_H
#define WP_SRCEXT_H

#include <stdbool.h>

const char *srcext_of(const char *path);
bool srcext_always(const char *path);
bool srcext_if_rejected(const char *path);

#endif
