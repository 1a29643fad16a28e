/*
 * rt_promise.c - loads js/promise.js and hands it its native helpers.
 *
 * Promise itself is JavaScript: its algorithm is a long chain of spec
 * steps that reads best there, and its cost is dominated by the job queue
 * (native) anyway.  This file only wires it up and exposes the tracker.
 */
#include "rt_promise.h"

#include "rt_microtask.h"
#include "js_promise.h"

#define KEY_TAKE DUK_HIDDEN_SYMBOL("rtPromiseTakeUnhandled")
#define KEY_LIST DUK_HIDDEN_SYMBOL("rtPromiseUnhandledList")

static void
push_keys(duk_context *ctx)
{
	duk_push_bare_object(ctx);
	duk_push_literal(ctx, RT_PROMISE_KEY_STATE);
	duk_put_prop_string(ctx, -2, "state");
	duk_push_literal(ctx, RT_PROMISE_KEY_VALUE);
	duk_put_prop_string(ctx, -2, "value");
	duk_push_literal(ctx, RT_PROMISE_KEY_REACTIONS);
	duk_put_prop_string(ctx, -2, "reactions");
	duk_push_literal(ctx, RT_PROMISE_KEY_HANDLED);
	duk_put_prop_string(ctx, -2, "handled");
}

static void
export_global(duk_context *ctx, duk_idx_t from, const char *name)
{
	from = duk_require_normalize_index(ctx, from);
	duk_push_global_object(ctx);
	duk_push_string(ctx, name);
	duk_get_prop_string(ctx, from, name);
	duk_def_prop(ctx, -3, DUK_DEFPROP_HAVE_VALUE | DUK_DEFPROP_SET_WRITABLE |
	    DUK_DEFPROP_CLEAR_ENUMERABLE | DUK_DEFPROP_SET_CONFIGURABLE);
	duk_pop(ctx);
}

void
rt_promise_install(duk_context *ctx)
{
	duk_push_string(ctx, "promise.js");
	duk_compile_lstring_filename(ctx, DUK_COMPILE_EVAL, js_promise, js_promise_len);
	duk_call(ctx, 0);
	rt_microtask_push_enqueuer(ctx);
	push_keys(ctx);
	duk_push_array(ctx);
	duk_push_heap_stash(ctx);
	duk_dup(ctx, -2);
	duk_put_prop_literal(ctx, -2, KEY_LIST);
	duk_pop(ctx);
	duk_call(ctx, 3);
	export_global(ctx, -1, "Promise");
	export_global(ctx, -1, "AggregateError");
	duk_push_heap_stash(ctx);
	duk_get_prop_string(ctx, -2, "takeUnhandled");
	duk_put_prop_literal(ctx, -2, KEY_TAKE);
	duk_pop_2(ctx);
}

int
rt_promise_take_unhandled(duk_context *ctx)
{
	duk_size_t tracked;

	/* Runs after every macrotask: an empty tracker, by far the usual
	 * case, is answered without entering JavaScript. */
	duk_push_heap_stash(ctx);
	duk_get_prop_literal(ctx, -1, KEY_LIST);
	tracked = duk_get_length(ctx, -1);
	duk_pop(ctx);
	if (tracked == 0) {
		duk_pop(ctx);
		return 0;
	}
	duk_get_prop_literal(ctx, -1, KEY_TAKE);
	duk_remove(ctx, -2);
	if (duk_pcall(ctx, 0) != DUK_EXEC_SUCCESS || !duk_is_array(ctx, -1)) {
		duk_pop(ctx);
		return 0;
	}
	duk_get_prop_index(ctx, -1, 0);
	duk_remove(ctx, -2);
	return 1;
}
