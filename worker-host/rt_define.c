/*
 * rt_define.c - property-shape helpers for native built-ins.
 */
#include "rt_define.h"

#include <stdbool.h>
#include <stdio.h>

/* Duktape gives a native function a prototype of its own between it and
 * Function.prototype, whose accessors stand in for `length` and `name`;
 * a built-in's [[Prototype]] is Function.prototype and both are its own,
 * read-only, configurable properties (test262 checks all three). */
void
rt_push_native(duk_context *ctx, const char *name, duk_c_function fn, duk_idx_t nargs)
{
	duk_push_c_function(ctx, fn, nargs);
	/* Its prototype's prototype: a script cannot have replaced that one. */
	duk_get_prototype(ctx, -1);
	duk_get_prototype(ctx, -1);
	duk_set_prototype(ctx, -3);
	duk_pop(ctx);
	rt_set_length(ctx, -1, nargs == DUK_VARARGS ? 0 : nargs);
	duk_push_literal(ctx, "name");
	duk_push_string(ctx, name);
	duk_def_prop(ctx, -3, DUK_DEFPROP_HAVE_VALUE | DUK_DEFPROP_FORCE |
	    DUK_DEFPROP_SET_CONFIGURABLE);
}

void
rt_set_length(duk_context *ctx, duk_idx_t fn_idx, int n)
{
	fn_idx = duk_require_normalize_index(ctx, fn_idx);
	duk_push_literal(ctx, "length");
	duk_push_int(ctx, n);
	duk_def_prop(ctx, fn_idx, DUK_DEFPROP_HAVE_VALUE | DUK_DEFPROP_FORCE |
	    DUK_DEFPROP_CLEAR_WRITABLE | DUK_DEFPROP_CLEAR_ENUMERABLE | DUK_DEFPROP_SET_CONFIGURABLE);
}

void
rt_def_hidden(duk_context *ctx, duk_idx_t obj_idx)
{
	obj_idx = duk_require_normalize_index(ctx, obj_idx);
	duk_def_prop(ctx, obj_idx, DUK_DEFPROP_HAVE_VALUE | DUK_DEFPROP_SET_WRITABLE |
	    DUK_DEFPROP_CLEAR_ENUMERABLE | DUK_DEFPROP_SET_CONFIGURABLE);
}

void
rt_def_method(duk_context *ctx, duk_idx_t obj_idx, const char *name, duk_c_function fn, duk_idx_t nargs)
{
	obj_idx = duk_require_normalize_index(ctx, obj_idx);
	duk_push_string(ctx, name);
	rt_push_native(ctx, name, fn, nargs);
	rt_def_hidden(ctx, obj_idx);
}

void
rt_def_getter(duk_context *ctx, duk_idx_t obj_idx, const char *name, duk_c_function fn)
{
	char full[64];

	obj_idx = duk_require_normalize_index(ctx, obj_idx);
	snprintf(full, sizeof(full), "get %s", name);
	duk_push_string(ctx, name);
	rt_push_native(ctx, full, fn, 0);
	duk_def_prop(ctx, obj_idx, DUK_DEFPROP_HAVE_GETTER | DUK_DEFPROP_CLEAR_ENUMERABLE |
	    DUK_DEFPROP_SET_CONFIGURABLE);
}

#define K_LAZY_BUILD DUK_HIDDEN_SYMBOL("lazyBuild")
#define K_LAZY_NAME DUK_HIDDEN_SYMBOL("lazyName")

/* The getter of rt_def_lazy: builds the value once and puts it in its
 * own place on this, so that later reads are plain property reads. */
static duk_ret_t
lazy_get(duk_context *ctx)
{
	duk_push_current_function(ctx);
	duk_get_prop_string(ctx, -1, K_LAZY_NAME);
	duk_get_prop_string(ctx, -2, K_LAZY_BUILD);
	duk_call(ctx, 0);
	duk_push_this(ctx);
	duk_dup(ctx, -3);
	duk_dup(ctx, -3);
	duk_def_prop(ctx, -3, DUK_DEFPROP_HAVE_VALUE | DUK_DEFPROP_SET_WRITABLE | DUK_DEFPROP_CLEAR_ENUMERABLE |
	    DUK_DEFPROP_SET_CONFIGURABLE);
	duk_pop(ctx);
	return 1;
}

void
rt_def_lazy(duk_context *ctx, duk_idx_t obj_idx, const char *name, duk_c_function build)
{
	obj_idx = duk_require_normalize_index(ctx, obj_idx);
	duk_push_string(ctx, name);
	duk_push_c_function(ctx, lazy_get, 0);
	duk_push_string(ctx, name);
	duk_put_prop_string(ctx, -2, K_LAZY_NAME);
	duk_push_c_function(ctx, build, 0);
	duk_put_prop_string(ctx, -2, K_LAZY_BUILD);
	duk_def_prop(ctx, obj_idx, DUK_DEFPROP_HAVE_GETTER | DUK_DEFPROP_CLEAR_ENUMERABLE |
	    DUK_DEFPROP_SET_CONFIGURABLE);
}

void
rt_def_tag(duk_context *ctx, duk_idx_t obj_idx, const char *tag)
{
	obj_idx = duk_require_normalize_index(ctx, obj_idx);
	rt_push_wellknown(ctx, "toStringTag");
	duk_push_string(ctx, tag);
	duk_def_prop(ctx, obj_idx, DUK_DEFPROP_HAVE_VALUE | DUK_DEFPROP_CLEAR_WRITABLE |
	    DUK_DEFPROP_CLEAR_ENUMERABLE | DUK_DEFPROP_SET_CONFIGURABLE);
}

void
rt_push_wellknown(duk_context *ctx, const char *name)
{
	duk_get_global_string(ctx, "Symbol");
	duk_get_prop_string(ctx, -1, name);
	duk_remove(ctx, -2);
}

duk_ret_t
rt_bare_method(duk_context *ctx)
{
	static const char *const keys[] = { "caller", "arguments" };

	if (!duk_is_ecmascript_function(ctx, 0))
		return 0;
	for (size_t k = 0; k < sizeof(keys) / sizeof(keys[0]); k++) {
		bool own;

		duk_push_string(ctx, keys[k]);
		duk_get_prop_desc(ctx, 0, 0);
		own = !duk_is_undefined(ctx, -1);
		duk_pop(ctx);
		if (!own)
			continue;
		duk_push_string(ctx, keys[k]);
		duk_def_prop(ctx, 0, DUK_DEFPROP_SET_CONFIGURABLE | DUK_DEFPROP_FORCE);
		duk_del_prop_string(ctx, 0, keys[k]);
	}
	return 0;
}
