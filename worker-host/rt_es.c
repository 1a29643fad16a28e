/*
 * rt_es.c - installs js/es-runtime.js once per heap.
 *
 * The library is JavaScript except %ArrayIteratorPrototype%.next, which
 * every lowered for-of over an array or typed array calls once per item:
 * native, it halves the cost of such a loop (figures in docs/builtins.md).
 * Iterator slots are hidden symbols, so scripts cannot read or forge them.
 */
#include "rt_es.h"

#include "js_es-runtime.h"
#include "rt_define.h"

#define KEY_INSTALLED DUK_HIDDEN_SYMBOL("rtEsInstalled")

bool
rt_es_installed(duk_context *ctx)
{
	bool done;

	duk_push_heap_stash(ctx);
	done = duk_get_prop_literal(ctx, -1, KEY_INSTALLED) != 0;
	duk_pop_2(ctx);
	return done;
}

#define KEY_TARGET DUK_HIDDEN_SYMBOL("rtEsTarget")
#define KEY_INDEX DUK_HIDDEN_SYMBOL("rtEsIndex")
#define KEY_KIND DUK_HIDDEN_SYMBOL("rtEsKind")

/* Iterator kinds, as es-runtime.js numbers them. */
enum { KIND_KEYS, KIND_VALUES, KIND_ENTRIES };

static void
push_result(duk_context *ctx, bool done)
{
	duk_push_object(ctx);
	duk_swap_top(ctx, -2);
	duk_put_prop_literal(ctx, -2, "value");
	duk_push_boolean(ctx, done);
	duk_put_prop_literal(ctx, -2, "done");
}

/* %ArrayIteratorPrototype%.next: this is the hottest call of lowered
 * for-of, so it is native (see docs/builtins.md for the figures). */
static duk_ret_t
array_iter_next(duk_context *ctx)
{
	duk_int_t kind;
	double i, len;

	duk_push_this(ctx);
	if (!duk_is_object(ctx, 0) || !duk_get_prop_literal(ctx, 0, KEY_KIND) ||
	    !duk_is_number(ctx, 1) || (kind = duk_get_int(ctx, 1)) < KIND_KEYS || kind > KIND_ENTRIES)
		return duk_type_error(ctx, "Array Iterator next() called on incompatible receiver");
	duk_get_prop_literal(ctx, 0, KEY_TARGET);
	if (duk_is_undefined(ctx, 2)) {
		push_result(ctx, true);
		return 1;
	}
	duk_get_prop_literal(ctx, 0, KEY_INDEX);
	i = duk_get_number(ctx, 3);
	duk_get_prop_literal(ctx, 2, "length");
	len = duk_to_number(ctx, 4);
	if (!(i < len)) {
		duk_push_undefined(ctx);
		duk_put_prop_literal(ctx, 0, KEY_TARGET);
		duk_push_undefined(ctx);
		push_result(ctx, true);
		return 1;
	}
	duk_push_number(ctx, i + 1);
	duk_put_prop_literal(ctx, 0, KEY_INDEX);
	if (kind == KIND_KEYS) {
		duk_push_number(ctx, i);
	} else {
		duk_push_number(ctx, i);
		duk_get_prop(ctx, 2);
		if (kind == KIND_ENTRIES) {
			duk_push_array(ctx);
			duk_push_number(ctx, i);
			duk_put_prop_index(ctx, -2, 0);
			duk_swap_top(ctx, -2);
			duk_put_prop_index(ctx, -2, 1);
		}
	}
	push_result(ctx, false);
	return 1;
}

static void
push_keys(duk_context *ctx)
{
	duk_push_object(ctx);
	duk_push_string(ctx, KEY_TARGET);
	duk_put_prop_literal(ctx, -2, "target");
	duk_push_string(ctx, KEY_INDEX);
	duk_put_prop_literal(ctx, -2, "index");
	duk_push_string(ctx, KEY_KIND);
	duk_put_prop_literal(ctx, -2, "kind");
	rt_push_native(ctx, "next", array_iter_next, 0);
	duk_put_prop_literal(ctx, -2, "arrayNext");
}

void
rt_es_install(duk_context *ctx)
{
	if (rt_es_installed(ctx))
		return;
	duk_push_string(ctx, "es-runtime.js");
	duk_compile_lstring_filename(ctx, DUK_COMPILE_EVAL, js_es_runtime, js_es_runtime_len);
	duk_call(ctx, 0);
	duk_push_global_object(ctx);
	push_keys(ctx);
	duk_call(ctx, 2);
	duk_pop(ctx);
	duk_push_heap_stash(ctx);
	duk_push_true(ctx);
	duk_put_prop_literal(ctx, -2, KEY_INSTALLED);
	duk_pop(ctx);
}
