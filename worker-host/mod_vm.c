/*
 * mod_vm.c - vm's scripts compiled as global code (Duktape's compile with
 * no flags), so that a script's `var`s and functions become globals, in
 * strict code too, and calling it gives its completion value, as
 * runInThisContext does; modern syntax is lowered first (lower.h), as a
 * file's is.
 */
#include "mod_vm.h"

#include <stdbool.h>
#include <string.h>

#include "buf.h"
#include "lower.h"
#include "rt_define.h"
#include "utf8.h"

/* How tsc-driver.js begins the lowering of an ES module (import or
 * export), which a script cannot be. */
#define ESM_HEAD "return { __wsdEsm:"

/* The script lowered and compiled, pushed: 0, or -1 with the error to
 * throw pushed. */
static int
compile_lowered(duk_context *ctx, const char *name)
{
	struct pbuf utf8, out;
	duk_size_t n;
	const char *code = duk_get_lstring(ctx, 0, &n);
	bool lone;
	int rc;

	pbuf_init(&utf8);
	pbuf_init(&out);
	if (cesu8_to_wtf8((const uint8_t *)code, n, &utf8, &lone) == -1) {
		pbuf_free(&utf8);
		(void)duk_push_error_object(ctx, DUK_ERR_ERROR, "out of memory");
		return -1;
	}
	rc = lower_script(ctx, name, utf8.data, utf8.len, &out);
	pbuf_free(&utf8);
	if (rc == 0 && out.len >= sizeof(ESM_HEAD) - 1 && memcmp(out.data, ESM_HEAD, sizeof(ESM_HEAD) - 1) == 0) {
		(void)duk_push_error_object(ctx, DUK_ERR_SYNTAX_ERROR, "Cannot use import statement outside a module");
		rc = -1;
	} else if (rc == 0) {
		duk_push_lstring(ctx, (const char *)out.data, out.len);
		duk_dup(ctx, 1);
		if (duk_pcompile(ctx, 0) != 0) {
			lower_fix_syntax_error(ctx, name);
			rc = -1;
		}
	}
	pbuf_free(&out);
	return rc;
}

/* As require.c's n_compile_module: what Duktape rejects is lowered; a text
 * it takes but ES2015 reads otherwise is lowered too, and when that fails
 * Duktape's reading is better than none. */
duk_ret_t
vm_compile_script(duk_context *ctx)
{
	const char *name, *code;
	duk_size_t n;
	bool es2015;

	duk_set_top(ctx, 2);
	code = duk_require_lstring(ctx, 0, &n);
	name = duk_require_string(ctx, 1);
	es2015 = lower_es2015_meaning((const uint8_t *)code, n);
	if (!es2015) {
		duk_dup(ctx, 0);
		duk_dup(ctx, 1);
		if (duk_pcompile(ctx, 0) == 0)
			return 1;
		if (duk_get_error_code(ctx, -1) != DUK_ERR_SYNTAX_ERROR)
			return duk_throw(ctx);
	}
	if (compile_lowered(ctx, name) == 0)
		return 1;
	if (es2015) {
		duk_set_top(ctx, 2);
		duk_compile(ctx, 0);
		return 1;
	}
	if (duk_get_error_code(ctx, -1) != DUK_ERR_SYNTAX_ERROR)
		lower_note_not_lowered(ctx, "script");
	return duk_throw(ctx);
}

void
vm_natives(duk_context *ctx, duk_idx_t native)
{
	rt_def_method(ctx, native, "compileScript", vm_compile_script, 2);
}
