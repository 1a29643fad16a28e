/*
 * rt_es.c - installs js/es-runtime.js once per heap.
 *
 * The library is JavaScript except the next() of array and string
 * iterators, which lowered for-of calls once per item: native, it halves
 * the cost of such a loop (figures in docs/builtins.md), and the pass
 * over JSON.stringify's output that escapes lone surrogates, which runs
 * on every call, and typed arrays' subarray, which Node code calls per
 * chunk.
 * Iterator slots are hidden symbols, so scripts cannot read or forge them.
 */
#include "rt_es.h"

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "js_es-runtime.h"
#include "rt_array.h"
#include "rt_define.h"
#include "rt_lang.h"

#define KEY_INSTALLED DUK_HIDDEN_SYMBOL("rtEsInstalled")
#define KEY_TARGET DUK_HIDDEN_SYMBOL("rtEsTarget")
#define KEY_INDEX DUK_HIDDEN_SYMBOL("rtEsIndex")
#define KEY_KIND DUK_HIDDEN_SYMBOL("rtEsKind")

/* Iterator kinds, as es-runtime.js numbers them. */
enum { KIND_KEYS, KIND_VALUES, KIND_ENTRIES, KIND_STRING };

bool
rt_es_installed(duk_context *ctx)
{
	bool done;

	duk_push_heap_stash(ctx);
	done = duk_get_prop_literal(ctx, -1, KEY_INSTALLED) != 0;
	duk_pop_2(ctx);
	return done;
}

static void
push_result(duk_context *ctx, bool done)
{
	duk_push_object(ctx);
	duk_swap_top(ctx, -2);
	duk_put_prop_literal(ctx, -2, "value");
	duk_push_boolean(ctx, done);
	duk_put_prop_literal(ctx, -2, "done");
}

/* Pushes the iterator's kind (this at index 0) after checking that it
 * is one of lo..hi, and its target at index 2.  False when the target
 * is gone (the iterator is done): the caller then returns finish(). */
static bool
iter_begin(duk_context *ctx, duk_int_t lo, duk_int_t hi, const char *what, duk_int_t *kind)
{
	duk_push_this(ctx);
	if (!duk_is_object(ctx, 0) || !duk_get_prop_literal(ctx, 0, KEY_KIND) ||
	    !duk_is_number(ctx, 1) || (*kind = duk_get_int(ctx, 1)) < lo || *kind > hi)
		(void)duk_type_error(ctx, "%s next() called on incompatible receiver", what);
	duk_get_prop_literal(ctx, 0, KEY_TARGET);
	return !duk_is_undefined(ctx, 2);
}

/* Drops the target so it can be collected, and pushes a done result. */
static duk_ret_t
finish(duk_context *ctx)
{
	duk_push_undefined(ctx);
	duk_put_prop_literal(ctx, 0, KEY_TARGET);
	duk_push_undefined(ctx);
	push_result(ctx, true);
	return 1;
}

/* %ArrayIteratorPrototype%.next: this is the hottest call of lowered
 * for-of, so it is native (see docs/builtins.md for the figures). */
static duk_ret_t
array_iter_next(duk_context *ctx)
{
	duk_int_t kind;
	double i, len;

	if (!iter_begin(ctx, KIND_KEYS, KIND_ENTRIES, "Array Iterator", &kind))
		return finish(ctx);
	duk_get_prop_literal(ctx, 0, KEY_INDEX);
	i = duk_get_number(ctx, 3);
	duk_get_prop_literal(ctx, 2, "length");
	len = duk_to_number(ctx, 4);
	if (!(i < len))
		return finish(ctx);
	duk_push_number(ctx, i + 1);
	duk_put_prop_literal(ctx, 0, KEY_INDEX);
	if (kind == KIND_KEYS) {
		duk_push_number(ctx, i);
	} else {
		duk_push_number(ctx, i);
		duk_get_prop(ctx, 2);
		if (kind == KIND_ENTRIES) {
			duk_push_array(ctx);
			duk_push_number(ctx, i);
			duk_put_prop_index(ctx, -2, 0);
			duk_swap_top(ctx, -2);
			duk_put_prop_index(ctx, -2, 1);
		}
	}
	push_result(ctx, false);
	return 1;
}

static bool
is_high(duk_codepoint_t c)
{
	return c >= 0xd800 && c <= 0xdbff;
}

static bool
is_low(duk_codepoint_t c)
{
	return c >= 0xdc00 && c <= 0xdfff;
}

/* %StringIteratorPrototype%.next: one code point per step.  Duktape
 * keeps a non-BMP character as two surrogate units (CESU-8), so a high
 * unit followed by a low one is joined; a lone surrogate comes alone. */
static duk_ret_t
string_iter_next(duk_context *ctx)
{
	duk_int_t kind;
	duk_size_t i, n, len;

	if (!iter_begin(ctx, KIND_STRING, KIND_STRING, "String Iterator", &kind))
		return finish(ctx);
	duk_get_prop_literal(ctx, 0, KEY_INDEX);
	i = (duk_size_t)duk_get_number(ctx, 3);
	len = duk_get_length(ctx, 2);
	if (i >= len)
		return finish(ctx);
	n = is_high(duk_char_code_at(ctx, 2, i)) && i + 1 < len &&
	    is_low(duk_char_code_at(ctx, 2, i + 1)) ? 2 : 1;
	duk_push_number(ctx, (double)(i + n));
	duk_put_prop_literal(ctx, 0, KEY_INDEX);
	duk_dup(ctx, 2);
	duk_substring(ctx, -1, i, i + n);
	push_result(ctx, false);
	return 1;
}

/* wellFormed(json): json (a string Duktape's JSON.stringify wrote) with
 * each lone surrogate as a \uXXXX escape, as ES2019's JSON.stringify
 * writes it; json itself when it has none.  Inside Duktape a surrogate
 * is the three bytes ED A0..BF xx (CESU-8), a pair six of them, and the
 * output's only non-ASCII bytes are inside its string literals. */
static duk_ret_t
json_well_formed(duk_context *ctx)
{
	duk_size_t n;
	const uint8_t *s = (const uint8_t *)duk_require_lstring(ctx, 0, &n);
	size_t k, o = 0;
	uint8_t *out;

	if (memchr(s, 0xed, n) == NULL)
		return 1;
	out = duk_push_fixed_buffer(ctx, n * 2 + 1);	/* snprintf's NUL */
	for (k = 0; k < n; ) {
		bool sur = s[k] == 0xed && k + 2 < n && (s[k + 1] & 0xe0) == 0xa0;

		if (sur && (s[k + 1] & 0xf0) == 0xa0 && k + 5 < n && s[k + 3] == 0xed && (s[k + 4] & 0xf0) == 0xb0) {
			memcpy(out + o, s + k, 6);
			o += 6, k += 6;
		} else if (sur) {
			unsigned cu = 0xd000u | ((s[k + 1] & 0x3fu) << 6) | (s[k + 2] & 0x3fu);

			o += (size_t)snprintf((char *)out + o, 7, "\\u%04x", cu);
			k += 3;
		} else {
			out[o++] = s[k++];
		}
	}
	duk_push_lstring(ctx, (const char *)out, o);
	return 1;
}

/* A relative index argument (negative counts from the end) clamped to
 * [0, len], as the spec's subarray and slice read theirs. */
static double
relative_index(duk_context *ctx, duk_idx_t idx, double len, double dflt)
{
	double d;

	if (duk_is_undefined(ctx, idx))
		return dflt;
	d = trunc(duk_to_number(ctx, idx));
	if (isnan(d))
		return 0;
	if (d < 0)
		return len + d < 0 ? 0 : len + d;
	return d > len ? len : d;
}

/* subarray(begin, end): Duktape's own shares the bytes but gives the view
 * a new ArrayBuffer over [0, end); this one builds the view on the typed
 * array's own buffer (`new C(buffer, offset, length)`, as the spec's
 * species create does), so every view of a buffer keeps it. */
static duk_ret_t
typed_subarray(duk_context *ctx)
{
	double len, k, last, bpe;

	duk_set_top(ctx, 2);
	duk_push_this(ctx);
	duk_get_prop_literal(ctx, 2, "BYTES_PER_ELEMENT");
	if (!duk_is_buffer_data(ctx, 2) || !duk_is_number(ctx, 3))
		return duk_error(ctx, DUK_ERR_TYPE_ERROR, "subarray called on a value that is not a typed array");
	bpe = duk_get_number(ctx, 3);
	duk_get_prop_literal(ctx, 2, "length");
	len = duk_get_number(ctx, 4);
	k = relative_index(ctx, 0, len, 0);
	last = relative_index(ctx, 1, len, len);
	duk_get_prop_literal(ctx, 2, "constructor");
	duk_get_prop_literal(ctx, 2, "buffer");
	duk_get_prop_literal(ctx, 2, "byteOffset");
	duk_push_number(ctx, duk_get_number(ctx, -1) + k * bpe);
	duk_remove(ctx, -2);
	duk_push_number(ctx, last > k ? last - k : 0);
	duk_new(ctx, 3);
	return 1;
}

static void
push_keys(duk_context *ctx)
{
	duk_push_object(ctx);
	duk_push_string(ctx, KEY_TARGET);
	duk_put_prop_literal(ctx, -2, "target");
	duk_push_string(ctx, KEY_INDEX);
	duk_put_prop_literal(ctx, -2, "index");
	duk_push_string(ctx, KEY_KIND);
	duk_put_prop_literal(ctx, -2, "kind");
	rt_push_native(ctx, "next", array_iter_next, 0);
	duk_put_prop_literal(ctx, -2, "arrayNext");
	rt_push_native(ctx, "next", string_iter_next, 0);
	duk_put_prop_literal(ctx, -2, "stringNext");
	rt_push_native(ctx, "wellFormed", json_well_formed, 1);
	duk_put_prop_literal(ctx, -2, "jsonWellFormed");
	rt_push_native(ctx, "subarray", typed_subarray, 2);
	duk_put_prop_literal(ctx, -2, "typedSubarray");
	rt_push_native(ctx, "bareMethod", rt_bare_method, 1);
	duk_put_prop_literal(ctx, -2, "bareMethod");
	rt_push_native(ctx, "isConstructor", rt_is_constructor_native, 1);
	duk_put_prop_literal(ctx, -2, "isConstructor");
}

void
rt_es_install(duk_context *ctx)
{
	if (rt_es_installed(ctx))
		return;
	duk_push_string(ctx, "es-runtime.js");
	duk_compile_lstring_filename(ctx, DUK_COMPILE_EVAL, js_es_runtime, js_es_runtime_len);
	duk_call(ctx, 0);
	/* fn.prototype.constructor is fn: a cycle only a full collection
	 * frees.  Cut, the function and its bytecode go with the call. */
	duk_push_undefined(ctx);
	duk_put_prop_literal(ctx, -2, "prototype");
	duk_push_global_object(ctx);
	push_keys(ctx);
	duk_call(ctx, 2);
	rt_array_install(ctx, duk_get_top_index(ctx));
	duk_pop(ctx);
	duk_push_heap_stash(ctx);
	duk_push_true(ctx);
	duk_put_prop_literal(ctx, -2, KEY_INSTALLED);
	duk_pop(ctx);
}
