/*
 * rt_buffer.c - compiles js/buffer.js once per heap and runs it on first
 * use (rt_buffer.h).  The global Buffer is an accessor, as in Node 20: its
 * getter builds the module the first time and gives the module's Buffer,
 * or whatever the script assigned since; the module object is kept for
 * require("buffer").
 */
#include "rt_buffer.h"

#include <stdint.h>
#include <string.h>

#include "js_buffer.h"

#define KEY_FACTORY DUK_HIDDEN_SYMBOL("rtBufferFactory")
#define KEY_MODULE DUK_HIDDEN_SYMBOL("rtBufferModule")
#define KEY_GLOBAL DUK_HIDDEN_SYMBOL("rtBufferGlobal")

enum { K_LATIN1, K_ASCII, K_UTF16LE };

/* The next UTF-16 unit(s) of Duktape's internal (CESU-8, or UTF-8 from C)
 * text at p: returns the bytes used and sets u[0..*nu). */
static size_t
next_units(const uint8_t *p, size_t n, uint32_t u[2], int *nu)
{
	uint32_t cp;
	size_t len, i;

	*nu = 1;
	if (p[0] < 0x80) {
		u[0] = p[0];
		return 1;
	}
	len = p[0] >= 0xf0 ? 4 : p[0] >= 0xe0 ? 3 : 2;
	if (len > n)
		len = n;
	cp = p[0] & (0x7f >> len);
	for (i = 1; i < len; i++)
		cp = (cp << 6) | (p[i] & 0x3f);
	if (cp > 0xffff) {
		cp -= 0x10000;
		u[0] = 0xd800 + (cp >> 10);
		u[1] = 0xdc00 + (cp & 0x3ff);
		*nu = 2;
		return len;
	}
	u[0] = cp;
	return len;
}

/* encode(string, kind) -> Uint8Array: latin1 and ascii keep each unit's
 * low byte (as Node), utf16le writes each unit little-endian. */
static duk_ret_t
native_encode(duk_context *ctx)
{
	duk_size_t n, i = 0, o = 0;
	const uint8_t *p = (const uint8_t *)duk_require_lstring(ctx, 0, &n);
	int kind = duk_require_int(ctx, 1), nu, k;
	size_t per = kind == K_UTF16LE ? 2 : 1;
	uint8_t *out = duk_push_fixed_buffer(ctx, duk_get_length(ctx, 0) * 2 * per);
	uint32_t u[2];

	while (i < n) {
		i += next_units(p + i, n - i, u, &nu);
		for (k = 0; k < nu; k++) {
			out[o++] = (uint8_t)(u[k] & 0xff);
			if (per == 2)
				out[o++] = (uint8_t)(u[k] >> 8);
		}
	}
	duk_push_buffer_object(ctx, -1, 0, o, DUK_BUFOBJ_UINT8ARRAY);
	return 1;
}

static size_t
put_unit(uint8_t *o, uint32_t u)
{
	if (u < 0x80) {
		o[0] = (uint8_t)u;
		return 1;
	}
	if (u < 0x800) {
		o[0] = (uint8_t)(0xc0 | (u >> 6));
		o[1] = (uint8_t)(0x80 | (u & 0x3f));
		return 2;
	}
	o[0] = (uint8_t)(0xe0 | (u >> 12));
	o[1] = (uint8_t)(0x80 | ((u >> 6) & 0x3f));
	o[2] = (uint8_t)(0x80 | (u & 0x3f));
	return 3;
}

/* decode(view, kind) -> string.  Each unit becomes its CESU-8 form, which
 * is Duktape's own for any UTF-16 text (a surrogate pair stays two
 * units), so no input byte reaches the string as it was. */
static duk_ret_t
native_decode(duk_context *ctx)
{
	duk_size_t n, i, o = 0;
	const uint8_t *p = duk_require_buffer_data(ctx, 0, &n);
	int kind = duk_require_int(ctx, 1);
	uint8_t *out = duk_push_fixed_buffer(ctx, n * 3 + 1);

	if (kind == K_UTF16LE) {
		for (i = 0; i + 1 < n; i += 2)
			o += put_unit(out + o, (uint32_t)p[i] | ((uint32_t)p[i + 1] << 8));
	} else {
		for (i = 0; i < n; i++)
			o += put_unit(out + o, kind == K_ASCII ? p[i] & 0x7f : p[i]);
	}
	duk_push_lstring(ctx, (const char *)out, o);
	return 1;
}

static int
hex_digit(uint8_t c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c |= 0x20;
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* hex(string) -> Uint8Array: pairs up to the first that is not hex. */
static duk_ret_t
native_hex(duk_context *ctx)
{
	duk_size_t n, i;
	const uint8_t *p = (const uint8_t *)duk_require_lstring(ctx, 0, &n);
	uint8_t *out = duk_push_fixed_buffer(ctx, n / 2);
	int hi, lo;

	for (i = 0; i + 1 < n; i += 2) {
		hi = hex_digit(p[i]);
		lo = hex_digit(p[i + 1]);
		if (hi < 0 || lo < 0)
			break;
		out[i / 2] = (uint8_t)(hi << 4 | lo);
	}
	duk_push_buffer_object(ctx, -1, 0, i / 2, DUK_BUFOBJ_UINT8ARRAY);
	return 1;
}

static int
b64_value(uint8_t c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+' || c == '-')
		return 62;
	if (c == '/' || c == '_')
		return 63;
	return -1;
}

/* base64(string) -> Uint8Array, as Node reads it: either alphabet, what
 * is in neither skipped, the end at the first '='; a last lone character
 * adds nothing. */
static duk_ret_t
native_base64(duk_context *ctx)
{
	duk_size_t n, i, o = 0;
	const uint8_t *p = (const uint8_t *)duk_require_lstring(ctx, 0, &n);
	uint8_t *out = duk_push_fixed_buffer(ctx, n * 3 / 4 + 3);
	uint32_t acc = 0;
	int v, have = 0;

	for (i = 0; i < n && p[i] != '='; i++) {
		if ((v = b64_value(p[i])) < 0)
			continue;
		acc = acc << 6 | (uint32_t)v;
		if (++have == 4) {
			out[o++] = (uint8_t)(acc >> 16);
			out[o++] = (uint8_t)(acc >> 8);
			out[o++] = (uint8_t)acc;
			acc = 0;
			have = 0;
		}
	}
	if (have >= 2)
		out[o++] = (uint8_t)(acc >> (have == 2 ? 4 : 10));
	if (have == 3)
		out[o++] = (uint8_t)(acc >> 2);
	duk_push_buffer_object(ctx, -1, 0, o, DUK_BUFOBJ_UINT8ARRAY);
	return 1;
}

static void
push_natives(duk_context *ctx)
{
	duk_push_object(ctx);
	duk_push_c_function(ctx, native_encode, 2);
	duk_put_prop_literal(ctx, -2, "encode");
	duk_push_c_function(ctx, native_decode, 2);
	duk_put_prop_literal(ctx, -2, "decode");
	duk_push_c_function(ctx, native_hex, 1);
	duk_put_prop_literal(ctx, -2, "hex");
	duk_push_c_function(ctx, native_base64, 1);
	duk_put_prop_literal(ctx, -2, "base64");
}

/* Pushes the module, running the factory the first time. */
void
rt_buffer_push_module(duk_context *ctx)
{
	duk_push_heap_stash(ctx);
	if (!duk_get_prop_literal(ctx, -1, KEY_MODULE)) {
		duk_pop(ctx);
		duk_get_prop_literal(ctx, -1, KEY_FACTORY);
		push_natives(ctx);
		duk_call(ctx, 1);
		duk_dup_top(ctx);
		duk_put_prop_literal(ctx, -3, KEY_MODULE);
		duk_del_prop_literal(ctx, -2, KEY_FACTORY);
	}
	duk_remove(ctx, -2);
}

static duk_ret_t
get_buffer(duk_context *ctx)
{
	duk_push_heap_stash(ctx);
	if (duk_get_prop_literal(ctx, -1, KEY_GLOBAL))
		return 1;
	rt_buffer_push_module(ctx);
	duk_get_prop_literal(ctx, -1, "Buffer");
	return 1;
}

static duk_ret_t
set_buffer(duk_context *ctx)
{
	duk_push_heap_stash(ctx);
	duk_dup(ctx, 0);
	duk_put_prop_literal(ctx, -2, KEY_GLOBAL);
	return 0;
}

void
rt_buffer_install(duk_context *ctx)
{
	duk_push_heap_stash(ctx);
	duk_push_string(ctx, "buffer.js");
	duk_compile_lstring_filename(ctx, DUK_COMPILE_EVAL, js_buffer, js_buffer_len);
	duk_call(ctx, 0);
	duk_put_prop_literal(ctx, -2, KEY_FACTORY);
	duk_pop(ctx);
	duk_push_global_object(ctx);
	duk_push_literal(ctx, "Buffer");
	duk_push_c_function(ctx, get_buffer, 0);
	duk_push_c_function(ctx, set_buffer, 1);
	duk_def_prop(ctx, -4, DUK_DEFPROP_HAVE_GETTER | DUK_DEFPROP_HAVE_SETTER | DUK_DEFPROP_SET_CONFIGURABLE |
	    DUK_DEFPROP_CLEAR_ENUMERABLE);
	duk_pop(ctx);
}
