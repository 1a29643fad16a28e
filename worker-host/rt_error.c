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

#include <stdbool.h>
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

/* Defines obj[key] = the value on top, with built-ins' attributes
 * (writable, configurable, not enumerable), or all read-only. */
static void
def_value(duk_context *ctx, duk_idx_t obj, const char *key, bool fixed)
{
	obj = duk_normalize_index(ctx, obj);
	duk_push_string(ctx, key);
	duk_swap_top(ctx, -2);
	duk_def_prop(ctx, obj, DUK_DEFPROP_HAVE_VALUE | DUK_DEFPROP_FORCE | DUK_DEFPROP_CLEAR_ENUMERABLE |
	    (fixed ? DUK_DEFPROP_CLEAR_WRITABLE | DUK_DEFPROP_CLEAR_CONFIGURABLE :
	    DUK_DEFPROP_SET_WRITABLE | DUK_DEFPROP_SET_CONFIGURABLE));
}

/* The original Error's own properties other than its prototype, name
 * and length (captureStackTrace, stackTraceLimit), onto the wrapper. */
static void
copy_statics(duk_context *ctx, duk_idx_t from, duk_idx_t to)
{
	from = duk_normalize_index(ctx, from);
	to = duk_normalize_index(ctx, to);
	duk_get_global_literal(ctx, "Object");
	duk_get_prop_literal(ctx, -1, "getOwnPropertyNames");
	duk_dup(ctx, from);
	duk_call(ctx, 1);
	for (duk_uarridx_t i = 0, n = (duk_uarridx_t)duk_get_length(ctx, -1); i < n; i++) {
		duk_get_prop_index(ctx, -1, i);
		if (duk_is_string(ctx, -1) && strcmp(duk_get_string(ctx, -1), "prototype") != 0 &&
		    strcmp(duk_get_string(ctx, -1), "name") != 0 && strcmp(duk_get_string(ctx, -1), "length") != 0) {
			duk_dup_top(ctx);
			duk_get_prop(ctx, from);
			duk_def_prop(ctx, to, DUK_DEFPROP_HAVE_VALUE | DUK_DEFPROP_SET_WRITABLE | DUK_DEFPROP_SET_CONFIGURABLE |
			    (strcmp(duk_get_string(ctx, -2), "stackTraceLimit") == 0 ? DUK_DEFPROP_SET_ENUMERABLE :
			    DUK_DEFPROP_CLEAR_ENUMERABLE));
		} else {
			duk_pop(ctx);
		}
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
		duk_dup(ctx, -3);
		def_value(ctx, -2, "constructor", false);
		def_value(ctx, -3, "prototype", true);
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
