/*
 * rt_lang.h - the ES2015-ES2019 built-ins that need C.
 *
 * rt_lang_install() defines String.prototype.normalize (NFC, NFD, NFKC,
 * NFKD through libutf8proc; lone surrogates pass through; any other form
 * throws RangeError), the Symbol.prototype.description getter and a
 * stable Array.prototype.sort (ES2019) in place of Duktape's.  All are
 * non-enumerable like the engine's own.  Needs only a Duktape heap.
 */
#ifndef RT_LANG_H
#define RT_LANG_H

#include <duktape.h>

void rt_lang_install(duk_context *ctx);

#endif
