#include "require.h"

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fileurl.h"
#include "hlink.h"
#include "host.h"
#include "loader.h"
#include "lower.h"
#include "rt_define.h"
#include "srcext.h"
#include "utf8.h"
#include "wire.h"

/* __wsdImportMeta and __wsdImport are what the lowering puts for
 * import.meta and import() (tsc-driver.js). */
static const char wrap_head[] =
    "(function (exports, require, module, __filename, __dirname, __wsdImportMeta, __wsdImport) { ";
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

/* A file: URL request as its path; throws a TypeError naming the URL when
 * it is refused.  Only called for requests that start with "file:". */
static duk_ret_t
n_file_url_path(duk_context *ctx)
{
	char url[PATH_MAX * 3], path[PATH_MAX], err[96];

	path_arg(ctx, 0, url, sizeof(url));
	if (fileurl_path(url, strlen(url), path, sizeof(path), err, sizeof(err)) != 1 ||
	    wire_push_str(ctx, path, strlen(path)) == -1)
		return duk_error(ctx, DUK_ERR_TYPE_ERROR, "%s: %s", url, err);
	return 1;
}

/* An absolute path as its file: URL (import.meta.url); throws a TypeError
 * when it is not absolute or too long. */
static duk_ret_t
n_file_url(duk_context *ctx)
{
	char path[PATH_MAX], url[PATH_MAX * 3 + 8], err[96];

	path_arg(ctx, 0, path, sizeof(path));
	if (fileurl_from_path(path, strlen(path), url, sizeof(url), err, sizeof(err)) == -1)
		return duk_error(ctx, DUK_ERR_TYPE_ERROR, "%s: %s", path, err);
	duk_push_string(ctx, url);
	return 1;
}

typedef int loader_fn(duk_context *, const char *, struct pbuf *, char *, size_t);

/* Loads the source of the path at idx into src, or throws an Error. */
static void
load_or_throw(duk_context *ctx, duk_idx_t idx, struct pbuf *src, loader_fn *loader)
{
	char path[PATH_MAX], err[PATH_MAX + 128];
	int rc;

	path_arg(ctx, idx, path, sizeof(path));
	if ((rc = loader(ctx, path, src, err, sizeof(err))) != 0) {
		pbuf_free(src);
		if (rc == LOAD_THROW)
			(void)duk_throw(ctx);
		(void)duk_error(ctx, rc == LOAD_SYNTAX ? DUK_ERR_SYNTAX_ERROR : DUK_ERR_ERROR, "%s", err);
	}
}

static duk_ret_t
n_read_source(duk_context *ctx)
{
	struct pbuf src;

	pbuf_init(&src);
	load_or_throw(ctx, 0, &src, host_load_source);
	duk_push_lstring(ctx, (const char *)src.data, src.len);
	pbuf_free(&src);
	return 1;
}

/* Pushes the module function of the source the loader gives; 0, or
 * Duktape's error code with the error pushed.  With es2015 given, a text
 * lower_es2015_meaning() picks is not compiled: -1, *es2015 set, nothing
 * pushed. */
static duk_int_t
compile_with(duk_context *ctx, loader_fn *loader, bool *es2015)
{
	struct pbuf src;

	pbuf_init(&src);
	load_or_throw(ctx, 0, &src, loader);
	if (es2015 != NULL && (*es2015 = lower_es2015_meaning(src.data, src.len))) {
		pbuf_free(&src);
		return -1;
	}
	duk_push_lstring(ctx, wrap_head, sizeof(wrap_head) - 1);
	duk_push_lstring(ctx, (const char *)src.data, src.len);
	pbuf_free(&src);
	duk_push_lstring(ctx, wrap_tail, sizeof(wrap_tail) - 1);
	duk_concat(ctx, 3);
	duk_dup(ctx, 0);
	return duk_pcompile(ctx, DUK_COMPILE_EVAL);
}

static duk_ret_t
compile_lowered(duk_context *ctx, void *udata)
{
	char path[PATH_MAX];

	if (compile_with(ctx, host_load_lowered, NULL) == 0)
		return 1;
	path_arg(ctx, 0, path, sizeof(path));
	lower_fix_syntax_error(ctx, path);
	return duk_throw(ctx);
}

/* A .js/.cjs file Duktape takes but would read otherwise than ES2015
 * (lower_es2015_meaning) is lowered; when that fails (no compile server,
 * or TypeScript refusing sloppy ES5), Duktape's reading is better than
 * none. */
static duk_ret_t
compile_es2015(duk_context *ctx)
{
	duk_dup(ctx, 0);
	if (duk_safe_call(ctx, compile_lowered, NULL, 1, 1) != 0) {
		duk_pop(ctx);
		if (compile_with(ctx, host_load_source, NULL) != 0)
			return duk_throw(ctx);
	}
	duk_call(ctx, 0);
	return 1;
}

/* A .js/.cjs file Duktape rejects is lowered: modern syntax, import and
 * export all fail that way, while plain ES5 is compiled once, as before.
 * When lowering cannot be done at all (no compile server), Duktape's own
 * SyntaxError stands, saying so. */
static duk_ret_t
n_compile_module(duk_context *ctx)
{
	char path[PATH_MAX];
	bool es2015 = false;

	duk_set_top(ctx, 1);
	path_arg(ctx, 0, path, sizeof(path));
	if (compile_with(ctx, host_load_source, srcext_if_rejected(path) ? &es2015 : NULL) == 0) {
		duk_call(ctx, 0);
		return 1;
	}
	if (es2015)
		return compile_es2015(ctx);
	if (duk_get_error_code(ctx, -1) != DUK_ERR_SYNTAX_ERROR)
		return duk_throw(ctx);
	if (srcext_always(path)) {
		lower_fix_syntax_error(ctx, path);
		return duk_throw(ctx);
	}
	if (!srcext_if_rejected(path))
		return duk_throw(ctx);
	duk_dup(ctx, 0);
	if (duk_safe_call(ctx, compile_lowered, NULL, 1, 1) != 0 &&
	    duk_get_error_code(ctx, -1) != DUK_ERR_SYNTAX_ERROR) {
		lower_note_not_lowered(ctx, "file");
		return duk_throw(ctx);
	}
	if (duk_is_error(ctx, -1))
		return duk_throw(ctx);
	duk_call(ctx, 0);
	return 1;
}

/* holdFrames(bool): link_hold() for the entry module's top-level awaits. */
static duk_ret_t
n_hold_frames(duk_context *ctx)
{
	link_hold(host_get(ctx), duk_to_boolean(ctx, 0));
	return 0;
}

void
require_natives(duk_context *ctx, duk_idx_t native)
{
	rt_def_method(ctx, native, "stat", n_stat, 1);
	rt_def_method(ctx, native, "realpath", n_realpath, 1);
	rt_def_method(ctx, native, "fileURLPath", n_file_url_path, 1);
	rt_def_method(ctx, native, "fileURL", n_file_url, 1);
	rt_def_method(ctx, native, "readSource", n_read_source, 1);
	rt_def_method(ctx, native, "compileModule", n_compile_module, 1);
	rt_def_method(ctx, native, "holdFrames", n_hold_frames, 1);
}
