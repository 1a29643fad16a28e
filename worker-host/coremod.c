/*
 * coremod.c - Node's core modules as embedded sources: finds a module's
 * source in the generated table (coremods.sh) and compiles it inside the
 * module wrapper on first require, and gives `util` the console's
 * formatters.
 */
#include "coremod.h"

#include <stdint.h>
#include <string.h>

#include "rt_buffer.h"
#include "rt_define.h"
#include "rt_inspect.h"

struct coremod_src {
	const char *file;
	const char *src;
	size_t len;
};

#include "coremods.h"

static const char wrap_head[] = "(function (exports, require, module, native, loader) { ";
static const char wrap_tail[] = "\n})";

static const struct coremod_src *
find(const char *file)
{
	size_t i;

	for (i = 0; i < sizeof(coremod_table) / sizeof(coremod_table[0]); i++)
		if (strcmp(coremod_table[i].file, file) == 0)
			return &coremod_table[i];
	return NULL;
}

static duk_ret_t
n_core_module(duk_context *ctx)
{
	const char *file = duk_require_string(ctx, 0);
	const struct coremod_src *m = find(file);

	if (m == NULL)
		return duk_error(ctx, DUK_ERR_ERROR, "no embedded core module file %s", file);
	duk_push_lstring(ctx, wrap_head, sizeof(wrap_head) - 1);
	duk_push_lstring(ctx, m->src, m->len);
	duk_push_lstring(ctx, wrap_tail, sizeof(wrap_tail) - 1);
	duk_concat(ctx, 3);
	duk_push_sprintf(ctx, "node:%s", file);
	duk_compile(ctx, DUK_COMPILE_EVAL);
	duk_call(ctx, 0);
	return 1;
}

static duk_ret_t
n_util_inspect(duk_context *ctx)
{
	duk_int_t depth = 2;

	if (duk_is_number(ctx, 1))
		depth = duk_get_int(ctx, 1);
	else if (duk_is_null(ctx, 1))
		depth = INT32_MAX;
	duk_set_top(ctx, 1);
	rt_inspect_value(ctx, 0, depth);
	return 1;
}

static duk_ret_t
n_util_format(duk_context *ctx)
{
	rt_format_args(ctx, 0, duk_get_top(ctx));
	return 1;
}

/* The buffer module's exports (rt_buffer.c builds it on first use). */
static duk_ret_t
n_buffer_module(duk_context *ctx)
{
	rt_buffer_push_module(ctx);
	return 1;
}

void
coremod_natives(duk_context *ctx, duk_idx_t native)
{
	native = duk_normalize_index(ctx, native);
	rt_def_method(ctx, native, "coreModule", n_core_module, 1);
	rt_def_method(ctx, native, "bufferModule", n_buffer_module, 0);
	rt_def_method(ctx, native, "utilInspect", n_util_inspect, 2);
	rt_inspect_push_user(ctx);
	duk_put_prop_literal(ctx, native, "inspect");
	rt_def_method(ctx, native, "utilFormat", n_util_format, DUK_VARARGS);
}
