/*
 * rt_es.c - installs js/es-runtime.js once per heap.
 *
 * The library is JavaScript: measured, its iterators cost about as much
 * as the index loop TypeScript's helpers run around them (see
 * docs/builtins.md), so nothing here is hot enough to be worth C.
 * Iterator slots are hidden symbols, so scripts cannot read or forge them.
 */
#include "rt_es.h"

#include "js_es-runtime.h"

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

static void
push_keys(duk_context *ctx)
{
	duk_push_object(ctx);
	duk_push_string(ctx, DUK_HIDDEN_SYMBOL("rtEsTarget"));
	duk_put_prop_literal(ctx, -2, "target");
	duk_push_string(ctx, DUK_HIDDEN_SYMBOL("rtEsIndex"));
	duk_put_prop_literal(ctx, -2, "index");
	duk_push_string(ctx, DUK_HIDDEN_SYMBOL("rtEsKind"));
	duk_put_prop_literal(ctx, -2, "kind");
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
