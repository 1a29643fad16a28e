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

#include <stdbool.h>

#include <duktape.h>

void rt_lang_install(duk_context *ctx);
/* IsConstructor(value at idx): Duktape makes every native function
 * constructable, so a native counts as a constructor only when it has its
 * own `prototype` (Map does, Map.prototype.get does not), as for the
 * spec's built-ins. */
bool rt_is_constructor(duk_context *ctx, duk_idx_t idx);
/* isConstructor(value), a native for JS installers: rt_is_constructor(). */
duk_ret_t rt_is_constructor_native(duk_context *ctx);

#endif
