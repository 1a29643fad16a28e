/*
 * rt_inspect.c - loads js/inspect.js and gives it the native views it
 * needs: collection contents and promise state, both read without running
 * any script code.
 */
#include "rt_inspect.h"

#include "rt_collections.h"
#include "rt_promise.h"
#include "js_inspect.h"

#define KEY_INSPECT DUK_HIDDEN_SYMBOL("rtInspect")
#define SNAPSHOT_MAX 100

/* snapshot(v, max) -> null | { kind, size, items } */
static duk_ret_t
native_snapshot(duk_context *ctx)
{
	const char *kind = rt_is_map(ctx, 0) ? "Map" : "Set";
	long size = rt_collection_snapshot(ctx, 0, SNAPSHOT_MAX);

	if (size < 0) {
		duk_push_null(ctx);
		return 1;
	}
	duk_push_object(ctx);
	duk_pull(ctx, -2);
	duk_put_prop_literal(ctx, -2, "items");
	duk_push_string(ctx, kind);
	duk_put_prop_literal(ctx, -2, "kind");
	duk_push_number(ctx, (double)size);
	duk_put_prop_literal(ctx, -2, "size");
	return 1;
}

/* promiseState(v) -> null | [state, value] */
static duk_ret_t
native_promise_state(duk_context *ctx)
{
	if (!duk_is_object(ctx, 0) || !duk_get_prop_literal(ctx, 0, RT_PROMISE_KEY_STATE) ||
	    !duk_is_number(ctx, -1)) {
		duk_push_null(ctx);
		return 1;
	}
	duk_push_array(ctx);
	duk_swap_top(ctx, -2);
	duk_put_prop_index(ctx, -2, 0);
	duk_get_prop_literal(ctx, 0, RT_PROMISE_KEY_VALUE);
	duk_put_prop_index(ctx, -2, 1);
	return 1;
}

void
rt_inspect_install(duk_context *ctx)
{
	duk_push_string(ctx, "inspect.js");
	duk_compile_lstring_filename(ctx, DUK_COMPILE_EVAL, js_inspect, js_inspect_len);
	duk_call(ctx, 0);
	duk_push_object(ctx);
	duk_push_c_function(ctx, native_snapshot, 2);
	duk_put_prop_literal(ctx, -2, "snapshot");
	duk_push_c_function(ctx, native_promise_state, 1);
	duk_put_prop_literal(ctx, -2, "promiseState");
	duk_call(ctx, 1);
	duk_push_heap_stash(ctx);
	duk_swap_top(ctx, -2);
	duk_put_prop_literal(ctx, -2, KEY_INSPECT);
	duk_pop(ctx);
}

/* Replaces the string on the stack top by its first RT_INSPECT_MAX_CHARS
 * characters plus a marker, when longer.  Cuts by character, so the result
 * stays valid CESU-8. */
static void
bound_length(duk_context *ctx)
{
	duk_size_t n = duk_get_length(ctx, -1);

	if (n <= (duk_size_t)RT_INSPECT_MAX_CHARS)
		return;
	duk_substring(ctx, -1, 0, (duk_size_t)RT_INSPECT_MAX_CHARS);
	duk_push_sprintf(ctx, "... %lu more characters", (unsigned long)(n - RT_INSPECT_MAX_CHARS));
	duk_concat(ctx, 2);
}

/* Calls inspect.js's `method` with the nargs values on the stack top;
 * leaves one string. */
static int
call_formatter(duk_context *ctx, const char *method, duk_idx_t nargs)
{
	duk_idx_t base = duk_get_top(ctx) - nargs;

	duk_push_heap_stash(ctx);
	duk_get_prop_literal(ctx, -1, KEY_INSPECT);
	duk_get_prop_string(ctx, -1, method);
	duk_insert(ctx, base);
	duk_pop_2(ctx);
	if (duk_pcall(ctx, nargs) != DUK_EXEC_SUCCESS || !duk_is_string(ctx, -1)) {
		duk_pop(ctx);
		duk_push_literal(ctx, "[formatting failed]");
		return -1;
	}
	bound_length(ctx);
	return 0;
}

int
rt_format_args(duk_context *ctx, duk_idx_t first, duk_idx_t count)
{
	duk_idx_t i;

	first = duk_normalize_index(ctx, first);
	duk_push_array(ctx);
	for (i = 0; i < count; i++) {
		duk_dup(ctx, first + i);
		duk_put_prop_index(ctx, -2, (duk_uarridx_t)i);
	}
	return call_formatter(ctx, "format", 1);
}

void
rt_inspect_push_user(duk_context *ctx)
{
	duk_push_heap_stash(ctx);
	duk_get_prop_literal(ctx, -1, KEY_INSPECT);
	duk_get_prop_literal(ctx, -1, "userInspect");
	duk_replace(ctx, -3);
	duk_pop(ctx);
}

int
rt_inspect_value(duk_context *ctx, duk_idx_t idx, int depth)
{
	duk_dup(ctx, idx);
	duk_push_int(ctx, depth);
	return call_formatter(ctx, "inspect", 2);
}
