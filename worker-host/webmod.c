/*
 * webmod.c - lazy Web globals (webmod.h): the table of globals and the
 * modules that define them, the accessors that compile a module on first
 * touch (one getter and one setter for all of them), and the per-heap
 * cache of module exports in the heap stash.
 */
#include "webmod.h"

#include <string.h>

#include "rt_define.h"

#include "js_web_body.h"
#include "js_web_fetch.h"
#include "js_web_formdata.h"
#include "js_web_headers.h"
#include "js_web_request.h"
#include "js_web_response.h"

#define K_MODS DUK_HIDDEN_SYMBOL("webmods")
#define K_NATIVE DUK_HIDDEN_SYMBOL("webNative")
#define K_INTERNAL DUK_HIDDEN_SYMBOL("webInternal")

struct webmod_src {
	const char *name;
	const char *src;
	size_t len;
};

static const struct webmod_src modules[] = {
	{ "web_headers", js_web_headers, sizeof(js_web_headers) - 1 },
	{ "web_formdata", js_web_formdata, sizeof(js_web_formdata) - 1 },
	{ "web_body", js_web_body, sizeof(js_web_body) - 1 },
	{ "web_request", js_web_request, sizeof(js_web_request) - 1 },
	{ "web_response", js_web_response, sizeof(js_web_response) - 1 },
	{ "web_fetch", js_web_fetch, sizeof(js_web_fetch) - 1 },
};

/* global name -> the module whose exports hold it */
static const struct {
	const char *global;
	const char *module;
} lazy_globals[] = {
	{ "Headers", "web_headers" },
	{ "FormData", "web_formdata" },
	{ "Request", "web_request" },
	{ "Response", "web_response" },
	{ "fetch", "web_fetch" },
};

#define N_LAZY (sizeof(lazy_globals) / sizeof(lazy_globals[0]))

static const struct webmod_src *
find(const char *name)
{
	for (size_t i = 0; i < sizeof(modules) / sizeof(modules[0]); i++)
		if (strcmp(modules[i].name, name) == 0)
			return &modules[i];
	return NULL;
}

static void
push_stashed(duk_context *ctx, const char *key)
{
	duk_push_heap_stash(ctx);
	duk_get_prop_string(ctx, -1, key);
	duk_remove(ctx, -2);
}

/* Pushes the exports of the module `name`, compiling it the first time. */
static void
push_module(duk_context *ctx, const char *name)
{
	const struct webmod_src *m;
	char file[64];

	push_stashed(ctx, K_MODS);
	if (duk_get_prop_string(ctx, -1, name)) {
		duk_remove(ctx, -2);
		return;
	}
	duk_pop(ctx);
	if ((m = find(name)) == NULL)
		(void)duk_error(ctx, DUK_ERR_ERROR, "no embedded Web module %s", name);
	(void)snprintf(file, sizeof(file), "worker-host/%s.js", name);
	duk_push_string(ctx, file);
	duk_compile_lstring_filename(ctx, DUK_COMPILE_EVAL, m->src, m->len);
	duk_call(ctx, 0);
	duk_push_global_object(ctx);
	push_stashed(ctx, K_NATIVE);
	push_stashed(ctx, K_INTERNAL);
	duk_call(ctx, 3);
	duk_dup_top(ctx);
	duk_put_prop_string(ctx, -3, name);
	duk_remove(ctx, -2);
}

static duk_ret_t
n_web_module(duk_context *ctx)
{
	push_module(ctx, duk_require_string(ctx, 0));
	return 1;
}

/* The value (on the stack top) becomes the global's own data property. */
static void
settle(duk_context *ctx, const char *global)
{
	duk_push_global_object(ctx);
	duk_push_string(ctx, global);
	duk_dup(ctx, -3);
	rt_def_hidden(ctx, -3);
	duk_pop(ctx);
}

/* The lazy global named by the accessor's key argument (Duktape passes
 * it to native accessors), so that one getter and one setter serve all. */
static size_t
lazy_index(duk_context *ctx, duk_idx_t key)
{
	const char *name = duk_require_string(ctx, key);

	for (size_t i = 0; i < N_LAZY; i++)
		if (strcmp(lazy_globals[i].global, name) == 0)
			return i;
	return (size_t)duk_error(ctx, DUK_ERR_ERROR, "no lazy global %s", name);
}

static duk_ret_t
lazy_get(duk_context *ctx)
{
	size_t i = lazy_index(ctx, 0);

	push_module(ctx, lazy_globals[i].module);
	duk_get_prop_string(ctx, -1, lazy_globals[i].global);
	settle(ctx, lazy_globals[i].global);
	return 1;
}

static duk_ret_t
lazy_set(duk_context *ctx)
{
	size_t i = lazy_index(ctx, 1);

	duk_set_top(ctx, 1);
	settle(ctx, lazy_globals[i].global);
	return 0;
}

void
webmod_install(duk_context *ctx, duk_idx_t global, duk_idx_t native, duk_idx_t internal)
{
	duk_push_heap_stash(ctx);
	duk_push_object(ctx);
	duk_put_prop_string(ctx, -2, K_MODS);
	duk_dup(ctx, native);
	duk_put_prop_string(ctx, -2, K_NATIVE);
	duk_dup(ctx, internal);
	duk_put_prop_string(ctx, -2, K_INTERNAL);
	duk_pop(ctx);
	rt_def_method(ctx, native, "webModule", n_web_module, 1);
	rt_push_native(ctx, "get", lazy_get, 1);
	rt_push_native(ctx, "set", lazy_set, 2);
	for (size_t i = 0; i < N_LAZY; i++) {
		duk_push_string(ctx, lazy_globals[i].global);
		duk_dup(ctx, -3);
		duk_dup(ctx, -3);
		duk_def_prop(ctx, global, DUK_DEFPROP_HAVE_GETTER | DUK_DEFPROP_HAVE_SETTER |
		    DUK_DEFPROP_CLEAR_ENUMERABLE | DUK_DEFPROP_SET_CONFIGURABLE);
	}
	duk_pop_2(ctx);
}
