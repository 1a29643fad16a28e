#include "require.h"

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "loader.h"
#include "rt_define.h"
#include "utf8.h"
#include "wire.h"

static const char wrap_head[] = "(function (exports, require, module, __filename, __dirname) { ";
static const char wrap_tail[] = "\n})";

/* The path argument as a C path (CESU-8 -> UTF-8); throws when it does not
 * fit or holds a NUL. */
static void
path_arg(duk_context *ctx, duk_idx_t idx, char *out, size_t outlen)
{
	duk_size_t n;
	const char *s = duk_require_lstring(ctx, idx, &n);
	struct pbuf b;
	bool lone;

	pbuf_init(&b);
	if (cesu8_to_wtf8((const uint8_t *)s, n, &b, &lone) == -1 || b.len >= outlen ||
	    memchr(b.data, '\0', b.len) != NULL) {
		pbuf_free(&b);
		(void)duk_error(ctx, DUK_ERR_TYPE_ERROR, "invalid path");
	}
	memcpy(out, b.data, b.len);
	out[b.len] = '\0';
	pbuf_free(&b);
}

static duk_ret_t
n_stat(duk_context *ctx)
{
	char path[PATH_MAX];
	struct stat st;

	path_arg(ctx, 0, path, sizeof(path));
	if (stat(path, &st) == -1)
		duk_push_int(ctx, 0);
	else
		duk_push_int(ctx, S_ISDIR(st.st_mode) ? 2 : S_ISREG(st.st_mode) ? 1 : 0);
	return 1;
}

static duk_ret_t
n_realpath(duk_context *ctx)
{
	char path[PATH_MAX], real[PATH_MAX];

	path_arg(ctx, 0, path, sizeof(path));
	if (realpath(path, real) == NULL || wire_push_str(ctx, real, strlen(real)) == -1)
		duk_dup(ctx, 0);
	return 1;
}

/* Loads the source of the path at idx into src, or throws an Error. */
static void
load_or_throw(duk_context *ctx, duk_idx_t idx, struct pbuf *src)
{
	char path[PATH_MAX], err[PATH_MAX + 128];
	int rc;

	path_arg(ctx, idx, path, sizeof(path));
	if ((rc = host_load_source(ctx, path, src, err, sizeof(err))) != 0) {
		pbuf_free(src);
		(void)duk_error(ctx, rc == LOAD_SYNTAX ? DUK_ERR_SYNTAX_ERROR : DUK_ERR_ERROR, "%s", err);
	}
}

static duk_ret_t
n_read_source(duk_context *ctx)
{
	struct pbuf src;

	pbuf_init(&src);
	load_or_throw(ctx, 0, &src);
	duk_push_lstring(ctx, (const char *)src.data, src.len);
	pbuf_free(&src);
	return 1;
}

static duk_ret_t
n_compile_module(duk_context *ctx)
{
	struct pbuf src;

	duk_set_top(ctx, 1);
	pbuf_init(&src);
	load_or_throw(ctx, 0, &src);
	duk_push_lstring(ctx, wrap_head, sizeof(wrap_head) - 1);
	duk_push_lstring(ctx, (const char *)src.data, src.len);
	pbuf_free(&src);
	duk_push_lstring(ctx, wrap_tail, sizeof(wrap_tail) - 1);
	duk_concat(ctx, 3);
	duk_dup(ctx, 0);
	duk_compile(ctx, DUK_COMPILE_EVAL);
	duk_call(ctx, 0);
	return 1;
}

void
require_natives(duk_context *ctx, duk_idx_t native)
{
	rt_def_method(ctx, native, "stat", n_stat, 1);
	rt_def_method(ctx, native, "realpath", n_realpath, 1);
	rt_def_method(ctx, native, "readSource", n_read_source, 1);
	rt_def_method(ctx, native, "compileModule", n_compile_module, 1);
}
