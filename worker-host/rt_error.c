/*
 * rt_error.c - ES2022's `cause` for the Error constructors (rt_error.h).
 * Duktape 2.7's constructors ignore their second argument, so a script's
 * `new Error('failed', { cause: err })` lost the cause.  Each global is
 * replaced by a native that calls Duktape's constructor and installs the
 * cause; the native's own activation is taken off the new error's
 * traceback (Duktape's internal Tracedata: a function and a position for
 * each frame), so `stack` starts where the script made the error, as
 * before, and code that parses stacks sees no frame of ours.
 */
#include "rt_error.h"

#include <string.h>

#include "rt_define.h"

static const char *const NAMES[] = {
	"Error", "EvalError", "RangeError", "ReferenceError", "SyntaxError", "TypeError", "URIError",
};
#define NNAMES ((int)(sizeof(NAMES) / sizeof(NAMES[0])))

/* Duktape's constructors, by the wrappers' magic. */
#define ORIGINALS DUK_HIDDEN_SYMBOL("errorOriginals")
#define TRACEDATA DUK_INTERNAL_SYMBOL("Tracedata")

/* Drops the traceback's first frame when it is this call's own. */
static void
drop_own_frame(duk_context *ctx, duk_idx_t err)
{
	duk_size_t n, i;
	void *self;

	err = duk_normalize_index(ctx, err);
	duk_push_current_function(ctx);
	self = duk_get_heapptr(ctx, -1);
	duk_pop(ctx);
	if (!duk_get_prop_literal(ctx, err, TRACEDATA) || !duk_is_array(ctx, -1)) {
		duk_pop(ctx);
		return;
	}
	duk_get_prop_index(ctx, -1, 0);
	if (duk_get_heapptr(ctx, -1) != self) {
		duk_pop_2(ctx);
		return;
	}
	duk_pop(ctx);
	n = duk_get_length(ctx, -1);
	for (i = 2; i < n; i++) {
		duk_get_prop_index(ctx, -1, (duk_uarridx_t)i);
		duk_put_prop_index(ctx, -2, (duk_uarridx_t)(i - 2));
	}
	duk_set_length(ctx, -1, n - 2);
	duk_pop(ctx);
}

/* InstallErrorCause(O, options). */
static void
install_cause(duk_context *ctx, duk_idx_t err, duk_idx_t options)
{
	err = duk_normalize_index(ctx, err);
	if (!duk_is_object(ctx, options) || !duk_has_prop_literal(ctx, options, "cause"))
		return;
	duk_push_literal(ctx, "cause");
	duk_get_prop_literal(ctx, options, "cause");
	duk_def_prop(ctx, err, DUK_DEFPROP_HAVE_VALUE | DUK_DEFPROP_SET_WRITABLE | DUK_DEFPROP_CLEAR_ENUMERABLE |
	    DUK_DEFPROP_SET_CONFIGURABLE);
}

/* Error(message, options), as a constructor or called: the same. */
static duk_ret_t
error_ctor(duk_context *ctx)
{
	duk_idx_t nargs = duk_get_top(ctx);

	duk_push_global_stash(ctx);
	duk_get_prop_literal(ctx, -1, ORIGINALS);
	duk_get_prop_index(ctx, -1, (duk_uarridx_t)duk_get_current_magic(ctx));
	if (nargs > 0)
		duk_dup(ctx, 0);
	duk_new(ctx, nargs > 0 ? 1 : 0);
	drop_own_frame(ctx, -1);
	if (nargs > 1)
		install_cause(ctx, -1, 1);
	return 1;
}

/* Error's own properties but its prototype, name and length (rt_es's
 * captureStackTrace and stackTraceLimit) onto the wrapper, each with its
 * descriptor, so their attributes stay whatever rt_es gave them. */
static void
copy_statics(duk_context *ctx, duk_idx_t from, duk_idx_t to)
{
	duk_idx_t object;

	from = duk_normalize_index(ctx, from);
	to = duk_normalize_index(ctx, to);
	duk_get_global_literal(ctx, "Object");
	object = duk_get_top_index(ctx);
	duk_enum(ctx, from, DUK_ENUM_OWN_PROPERTIES_ONLY | DUK_ENUM_INCLUDE_NONENUMERABLE);
	while (duk_next(ctx, -1, 0)) {
		const char *k = duk_get_string(ctx, -1);
		duk_idx_t key = duk_get_top_index(ctx);

		if (k == NULL || strcmp(k, "prototype") == 0 || strcmp(k, "name") == 0 || strcmp(k, "length") == 0) {
			duk_pop(ctx);
			continue;
		}
		duk_get_prop_literal(ctx, object, "defineProperty");
		duk_dup(ctx, object);
		duk_dup(ctx, to);
		duk_dup(ctx, key);
		duk_get_prop_literal(ctx, object, "getOwnPropertyDescriptor");
		duk_dup(ctx, object);
		duk_dup(ctx, from);
		duk_dup(ctx, key);
		duk_call_method(ctx, 2);
		duk_call_method(ctx, 3);
		duk_pop_2(ctx);
	}
	duk_pop_2(ctx);
}

void
rt_error_install(duk_context *ctx)
{
	duk_idx_t originals;

	duk_push_global_stash(ctx);
	duk_push_bare_array(ctx);
	originals = duk_get_top_index(ctx);
	for (int i = 0; i < NNAMES; i++) {
		duk_get_global_string(ctx, NAMES[i]);
		duk_put_prop_index(ctx, originals, (duk_uarridx_t)i);
		rt_push_native(ctx, NAMES[i], error_ctor, DUK_VARARGS);
		rt_set_length(ctx, -1, 1);
		duk_set_magic(ctx, -1, i);
		duk_get_prop_index(ctx, originals, (duk_uarridx_t)i);
		duk_get_prop_literal(ctx, -1, "prototype");
		duk_push_literal(ctx, "constructor");
		duk_dup(ctx, -4);
		rt_def_hidden(ctx, -3);
		duk_push_literal(ctx, "prototype");
		duk_swap_top(ctx, -2);
		duk_def_prop(ctx, -4, DUK_DEFPROP_HAVE_VALUE | DUK_DEFPROP_FORCE | DUK_DEFPROP_CLEAR_WEC);
		if (i == 0)
			copy_statics(ctx, -1, -2);
		duk_pop(ctx);
		/* %NativeError%'s [[Prototype]] is %Error% */
		if (i > 0) {
			duk_get_global_literal(ctx, "Error");
			duk_set_prototype(ctx, -2);
		}
		duk_dup_top(ctx);
		duk_put_global_string(ctx, NAMES[i]);
		duk_pop(ctx);
	}
	duk_put_prop_literal(ctx, -2, ORIGINALS);
	duk_pop(ctx);
	/* js/promise.js made AggregateError before: it inherits from Error */
	if (duk_get_global_literal(ctx, "AggregateError")) {
		duk_get_global_literal(ctx, "Error");
		duk_set_prototype(ctx, -2);
	}
	duk_pop(ctx);
}
