/*
 * rt_intl.c - installs js/intl.js once per heap.
 *
 * All of Intl is JavaScript: its work is string building over a few
 * tables, and the one piece that needs Unicode data (decomposition for
 * the collator) is String.prototype.normalize from rt_lang.
 */
#include "rt_intl.h"

#include "js_intl.h"

void
rt_intl_install(duk_context *ctx)
{
	duk_push_string(ctx, "intl.js");
	duk_compile_lstring_filename(ctx, DUK_COMPILE_EVAL, js_intl, js_intl_len);
	duk_call(ctx, 0);
	/* fn.prototype.constructor is fn: a cycle only a full collection
	 * frees.  Cut, the function and its bytecode go with the call. */
	duk_push_undefined(ctx);
	duk_put_prop_literal(ctx, -2, "prototype");
	duk_push_global_object(ctx);
	duk_call(ctx, 1);
	duk_pop(ctx);
}
