/*
 * rt_regexp.h - ECMAScript RegExp over PCRE2 (16-bit, JIT).
 *
 * rt_regexp_install() replaces what Duktape's own engine does for every
 * RegExp, literal or constructed: js/regexp.js defines the RegExp
 * constructor (flags d g i m s u y, named groups, lookbehind, \p{...}),
 * RegExp.prototype, the Symbol.match/matchAll/replace/search/split
 * protocol and the String.prototype methods that use it; this file
 * translates an ECMAScript pattern into PCRE2 syntax, compiles it and
 * runs it on the string's UTF-16 code units, so indices are JavaScript's.
 * Unsupported syntax (the v flag, variable-length lookbehind, lone
 * surrogates in a u pattern) is a SyntaxError naming the construct.
 * Compiled patterns are allocated on the Duktape heap, so they count
 * against the worker's heap limit.  Needs rt_collections_install() first
 * (the compile cache is a Map); install before rt_inspect and rt_es so
 * they capture these methods.  A second call on the same heap does
 * nothing.
 */
#ifndef RT_REGEXP_H
#define RT_REGEXP_H

#include <duktape.h>

void rt_regexp_install(duk_context *ctx);

/* check(source, flags), a Duktape/C function of 2 arguments needing no
 * install: V8's message for a pattern that is a SyntaxError in
 * JavaScript's grammar, else undefined (also for what is valid but not
 * supported here, which stays an error of the RegExp's evaluation).  The
 * lowering uses it to make a bad literal an early error, as in Node. */
duk_ret_t rt_regexp_check(duk_context *ctx);

#endif
