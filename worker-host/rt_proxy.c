/*
 * rt_proxy.c - installs js/proxy.js once per heap: the native Proxy
 * constructor it backs (a JS function cannot be a constructor without a
 * `prototype`, which Proxy has none of), and a native in front of each
 * Object and Reflect function proxy.js lists, which sends a proxy to
 * proxy.js and anything else straight to Duktape's own function, so that
 * ordinary objects pay a property lookup and no JavaScript call.
 */
#include "rt_proxy.h"

#include <stdbool.h>

#include "js_proxy.h"
#include "rt_define.h"

#define KEY_MAKE DUK_HIDDEN_SYMBOL("proxyMake")
#define KEY_INSTALLED DUK_HIDDEN_SYMBOL("proxyInstalled")
#define KEY_OWN DUK_HIDDEN_SYMBOL("proxyOwn")
#define KEY_IMPL DUK_HIDDEN_SYMBOL("proxyImpl")
/* A local symbol (Duktape's 0x81 form) no script can name: proxy.js's
 * records answer it; ordinary objects do not have it. */
#define KEY_REC "\x81proxyRecord\xff"
#define SUBJECT_THIS (-1)

/* new Proxy(target, handler): proxy.js's make(). */
static duk_ret_t
proxy_new(duk_context *ctx)
{
	if (!duk_is_constructor_call(ctx))
		return duk_type_error(ctx, "Constructor Proxy requires 'new'");
	duk_push_current_function(ctx);
	duk_get_prop_literal(ctx, -1, KEY_MAKE);
	duk_dup(ctx, 0);
	duk_dup(ctx, 1);
	duk_call(ctx, 2);
	return 1;
}

/* Whether the value on the stack top is one of proxy.js's proxies; pops it. */
static bool
pop_is_proxy(duk_context *ctx)
{
	bool yes;

	if (!duk_is_object(ctx, -1)) {
		duk_pop(ctx);
		return false;
	}
	duk_get_prop_literal(ctx, -1, KEY_REC);
	yes = !duk_is_undefined(ctx, -1);
	duk_pop_2(ctx);
	return yes;
}

/* The wrapper: magic is where the subject is (an argument's index, or
 * SUBJECT_THIS); every argument is passed on as it came. */
static duk_ret_t
proxy_dispatch(duk_context *ctx)
{
	duk_idx_t n = duk_get_top(ctx), i;
	int where = duk_get_current_magic(ctx);
	bool proxied;

	/* a native is a constructor to Duktape; these built-ins are not */
	if (duk_is_constructor_call(ctx))
		return duk_type_error(ctx, "not a constructor");
	/* hasOwnProperty and propertyIsEnumerable take the key first
	 * (ToPropertyKey, which may give a symbol Duktape's own would not
	 * take from an object), then this */
	if (where == SUBJECT_THIS && n > 0 && duk_is_object(ctx, 0))
		duk_to_primitive(ctx, 0, DUK_HINT_STRING);
	if (where == SUBJECT_THIS)
		duk_push_this(ctx);
	else if (where < n)
		duk_dup(ctx, where);
	else
		duk_push_undefined(ctx);
	proxied = pop_is_proxy(ctx);
	duk_push_current_function(ctx);
	/* two literals: duk_get_prop_literal() takes its length by sizeof */
	if (proxied)
		duk_get_prop_literal(ctx, -1, KEY_IMPL);
	else
		duk_get_prop_literal(ctx, -1, KEY_OWN);
	duk_remove(ctx, -2);
	duk_push_this(ctx);
	for (i = 0; i < n; i++)
		duk_dup(ctx, i);
	duk_call_method(ctx, n);
	return 1;
}

/* One entry of proxy.js's `wrapped` at idx, [object, name, where, impl]:
 * object[name] becomes a dispatcher over its own function and impl, with
 * the own function's name and length. */
static void
wrap_one(duk_context *ctx, duk_idx_t idx)
{
	const char *name;
	int where;

	duk_get_prop_index(ctx, idx, 0);
	duk_get_prop_index(ctx, idx, 1);
	name = duk_get_string(ctx, -1);
	duk_get_prop_index(ctx, idx, 2);
	where = duk_get_int(ctx, -1);
	duk_pop(ctx);
	rt_push_native(ctx, name, proxy_dispatch, DUK_VARARGS);
	duk_set_magic(ctx, -1, where < 0 ? SUBJECT_THIS : where);
	duk_get_prop_string(ctx, -3, name);
	duk_get_prop_literal(ctx, -1, "length");
	rt_set_length(ctx, -3, duk_get_int(ctx, -1));
	duk_pop(ctx);
	duk_put_prop_literal(ctx, -2, KEY_OWN);
	duk_get_prop_index(ctx, idx, 3);
	duk_put_prop_literal(ctx, -2, KEY_IMPL);
	duk_def_prop(ctx, -3, DUK_DEFPROP_HAVE_VALUE | DUK_DEFPROP_SET_WRITABLE | DUK_DEFPROP_CLEAR_ENUMERABLE |
	    DUK_DEFPROP_SET_CONFIGURABLE);
	duk_pop(ctx);
}

void
rt_proxy_install(duk_context *ctx)
{
	duk_size_t n;

	duk_push_global_object(ctx);
	if (duk_has_prop_literal(ctx, -1, KEY_INSTALLED)) {
		duk_pop(ctx);
		return;
	}
	duk_push_string(ctx, "proxy.js");
	duk_compile_lstring_filename(ctx, DUK_COMPILE_EVAL, js_proxy, js_proxy_len);
	duk_call(ctx, 0);
	rt_push_native(ctx, "Proxy", proxy_new, 2);
	duk_insert(ctx, -2);			/* [global Proxy fn] */
	duk_dup(ctx, -3);
	rt_push_native(ctx, "bareMethod", rt_bare_method, 1);
	duk_dup(ctx, -4);
	duk_push_lstring(ctx, KEY_REC, sizeof(KEY_REC) - 1);
	duk_call(ctx, 4);			/* [global Proxy {make, wrapped}] */
	duk_get_prop_literal(ctx, -1, "make");
	duk_put_prop_literal(ctx, -3, KEY_MAKE);
	duk_get_prop_literal(ctx, -1, "wrapped");
	n = duk_get_length(ctx, -1);
	for (duk_size_t i = 0; i < n; i++) {
		duk_get_prop_index(ctx, -1, (duk_uarridx_t)i);
		wrap_one(ctx, duk_get_top_index(ctx));
		duk_pop(ctx);
	}
	duk_pop_2(ctx);				/* [global Proxy] */
	duk_push_literal(ctx, "Proxy");
	duk_insert(ctx, -2);
	duk_def_prop(ctx, -3, DUK_DEFPROP_HAVE_VALUE | DUK_DEFPROP_SET_WRITABLE | DUK_DEFPROP_CLEAR_ENUMERABLE |
	    DUK_DEFPROP_SET_CONFIGURABLE | DUK_DEFPROP_FORCE);
	duk_push_true(ctx);
	duk_put_prop_literal(ctx, -2, KEY_INSTALLED);
	duk_pop(ctx);
}
