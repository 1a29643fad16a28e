/*
 * rt_lang.c - the ES2015-ES2019 built-ins that need C.
 *
 * String.prototype.normalize maps strings through Debian's libutf8proc
 * (its Unicode tables; no code of ours knows a decomposition), and
 * Symbol.prototype.description reads Duktape's own encoding of a symbol,
 * the only place that tells Symbol() from Symbol('').  Array sort is
 * here because Duktape's is not stable, Reflect.construct because
 * Duktape's takes no newTarget.  Strings enter as Duktape's
 * internal extended UTF-8: a character outside the BMP is either a
 * surrogate pair (3 + 3 bytes) or one 4-byte sequence, and lone
 * surrogates occur.  Results are pushed as CESU-8, as rt_text does.
 */
#include "rt_lang.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include <utf8proc.h>

#include "rt_define.h"

/* Decodes one code point of well-formed extended UTF-8 at p (< end);
 * returns the bytes used.  A high surrogate followed by a low one is
 * joined into one code point. */
static size_t
next_cp(const uint8_t *p, const uint8_t *end, int32_t *cp)
{
	int32_t c = p[0], lo;
	size_t n;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	n = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
	if ((size_t)(end - p) < n) {
		*cp = 0xfffd;
		return (size_t)(end - p);
	}
	c &= n == 2 ? 0x1f : n == 3 ? 0x0f : 0x07;
	for (size_t i = 1; i < n; i++)
		c = (c << 6) | (p[i] & 0x3f);
	*cp = c;
	if (c >= 0xd800 && c <= 0xdbff && end - p >= 6 && p[3] == 0xed && (p[4] & 0xf0) == 0xb0) {
		lo = ((p[4] & 0x3f) << 6) | (p[5] & 0x3f);
		*cp = 0x10000 + ((c - 0xd800) << 10) + ((0xd000 | lo) - 0xdc00);
		return 6;
	}
	return n;
}

static bool
is_surrogate(int32_t c)
{
	return c >= 0xd800 && c <= 0xdfff;
}

/* Writes c as CESU-8 (a surrogate pair above the BMP); returns bytes. */
static size_t
put_cesu8(uint8_t *o, int32_t c)
{
	if (c < 0x80) {
		o[0] = (uint8_t)c;
		return 1;
	}
	if (c < 0x800) {
		o[0] = (uint8_t)(0xc0 | (c >> 6));
		o[1] = (uint8_t)(0x80 | (c & 0x3f));
		return 2;
	}
	if (c >= 0x10000) {
		c -= 0x10000;
		return put_cesu8(o, 0xd800 + (c >> 10)) + put_cesu8(o + 3, 0xdc00 + (c & 0x3ff));
	}
	o[0] = (uint8_t)(0xe0 | (c >> 12));
	o[1] = (uint8_t)(0x80 | ((c >> 6) & 0x3f));
	o[2] = (uint8_t)(0x80 | (c & 0x3f));
	return 3;
}

/* The growing code point array lives in a Duktape buffer at `idx`, so an
 * error thrown while it grows leaves nothing to free. */
struct cps {
	duk_idx_t idx;
	int32_t *v;
	size_t len, cap;
};

static void
cps_reserve(duk_context *ctx, struct cps *b, size_t more)
{
	if (b->len + more <= b->cap)
		return;
	if (more > SIZE_MAX / 8 - b->len)
		(void)duk_range_error(ctx, "normalize: string too long");
	b->cap = (b->len + more) * 2;
	b->v = duk_resize_buffer(ctx, b->idx, b->cap * sizeof(int32_t));
}

/* Canonical ordering of [from, len): a stable sort of each run of
 * combining marks by combining class (utf8proc_normalize_utf32 only
 * composes, it expects ordered input). */
static void
reorder(struct cps *b, size_t from)
{
	for (size_t i = from + 1; i < b->len; i++) {
		int32_t c = b->v[i];
		int cc = utf8proc_get_property(c)->combining_class;
		size_t j = i;

		if (cc == 0)
			continue;
		while (j > from && utf8proc_get_property(b->v[j - 1])->combining_class > cc) {
			b->v[j] = b->v[j - 1];
			j--;
		}
		b->v[j] = c;
	}
}

/* Reorders and, for NFC/NFKC, composes the run [from, len) in place. */
static void
finish_run(duk_context *ctx, struct cps *b, size_t from, utf8proc_option_t opt)
{
	utf8proc_ssize_t n;

	reorder(b, from);
	if (!(opt & UTF8PROC_COMPOSE) || b->len == from)
		return;
	n = utf8proc_normalize_utf32(b->v + from, (utf8proc_ssize_t)(b->len - from), opt);
	if (n < 0)
		(void)duk_error(ctx, DUK_ERR_ERROR, "normalize: %s", utf8proc_errmsg(n));
	b->len = from + (size_t)n;
}

static void
decompose(duk_context *ctx, struct cps *b, int32_t c, utf8proc_option_t opt)
{
	utf8proc_ssize_t n;
	int bound = 0;

	for (;;) {
		n = utf8proc_decompose_char(c, b->v + b->len, (utf8proc_ssize_t)(b->cap - b->len), opt, &bound);
		if (n < 0)
			(void)duk_error(ctx, DUK_ERR_ERROR, "normalize: %s", utf8proc_errmsg(n));
		if ((size_t)n <= b->cap - b->len)
			break;
		cps_reserve(ctx, b, (size_t)n);
	}
	b->len += (size_t)n;
}

static bool
all_ascii(const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] >= 0x80)
			return false;
	return true;
}

/* Pushes the normalized form of s[0, n).  Lone surrogates are kept where
 * they are and end a run, as V8 does. */
static void
push_normalized(duk_context *ctx, const uint8_t *s, size_t n, utf8proc_option_t opt)
{
	const uint8_t *p = s, *end = s + n;
	struct cps b = { 0 };
	size_t run = 0, k = 0;
	uint8_t *out;
	int32_t c;

	b.idx = duk_get_top(ctx);
	b.cap = n + 16;
	b.v = duk_push_dynamic_buffer(ctx, b.cap * sizeof(int32_t));
	while (p < end) {
		p += next_cp(p, end, &c);
		if (is_surrogate(c)) {
			finish_run(ctx, &b, run, opt);
			cps_reserve(ctx, &b, 1);
			b.v[b.len++] = c;
			run = b.len;
		} else {
			decompose(ctx, &b, c, opt);
		}
	}
	finish_run(ctx, &b, run, opt);
	out = duk_push_fixed_buffer(ctx, b.len * 6 + 1);
	for (size_t i = 0; i < b.len; i++)
		k += put_cesu8(out + k, b.v[i]);
	duk_push_lstring(ctx, (const char *)out, k);
	duk_replace(ctx, b.idx);
	duk_pop(ctx);
}

static const char *const forms[] = { "NFC", "NFD", "NFKC", "NFKD" };

static duk_ret_t
string_normalize(duk_context *ctx)
{
	static const utf8proc_option_t opts[] = {
		UTF8PROC_STABLE | UTF8PROC_COMPOSE,
		UTF8PROC_STABLE | UTF8PROC_DECOMPOSE,
		UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT,
		UTF8PROC_STABLE | UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT,
	};
	const char *s, *form = "NFC";
	duk_size_t n;
	size_t f;

	/* varargs, so that its length is the spec's 0 */
	duk_set_top(ctx, 1);
	duk_push_this(ctx);
	if (duk_is_null_or_undefined(ctx, -1))
		return duk_type_error(ctx, "String.prototype.normalize called on null or undefined");
	s = duk_to_lstring(ctx, -1, &n);
	if (!duk_is_undefined(ctx, 0))
		form = duk_to_string(ctx, 0);
	for (f = 0; f < sizeof(forms) / sizeof(forms[0]); f++)
		if (strcmp(form, forms[f]) == 0)
			break;
	if (f == sizeof(forms) / sizeof(forms[0]))
		return duk_range_error(ctx, "The normalization form should be one of NFC, NFD, NFKC, NFKD.");
	if (all_ascii((const uint8_t *)s, n))
		return 1;
	push_normalized(ctx, (const uint8_t *)s, n, opts[f]);
	return 1;
}

/* Duktape's symbols are strings: 0x80 + key for Symbol.for(key), and
 * 0x81 + description + 0xff + unique suffix for the rest, with one more
 * 0xff at the end when the description was undefined.  Well-known
 * symbols have an empty suffix. */
static duk_ret_t
symbol_description(duk_context *ctx)
{
	const uint8_t *s, *ff;
	duk_size_t n;

	duk_push_this(ctx);
	if (duk_is_object(ctx, -1))
		duk_to_primitive(ctx, -1, DUK_HINT_NONE);
	if (!duk_is_symbol(ctx, -1))
		return duk_type_error(ctx, "Symbol.prototype.description requires that 'this' be a Symbol");
	s = (const uint8_t *)duk_get_lstring(ctx, -1, &n);
	if (n == 0 || s[0] == 0x80) {
		duk_push_lstring(ctx, (const char *)s + (n > 0), n > 0 ? n - 1 : 0);
		return 1;
	}
	ff = memchr(s + 1, 0xff, n - 1);
	if (ff == NULL) {
		duk_push_lstring(ctx, (const char *)s + 1, n - 1);
		return 1;
	}
	if (ff + 1 < s + n && s[n - 1] == 0xff)
		return 0;
	duk_push_lstring(ctx, (const char *)s + 1, (size_t)(ff - s - 1));
	return 1;
}

/* Stack layout of sort(): 0 comparefn, 1 this as an object, 2 the values
 * taken out (undefined and holes left out), 3 their strings when there is
 * no comparefn, 4 and 5 index buffers. */
enum { S_FN, S_OBJ, S_VALS, S_STRS, S_IDX, S_TMP };

/* The order of values a and b (indices into S_VALS): comparefn's sign,
 * NaN counting as equal, or their strings by UTF-16 unit (CESU-8 byte
 * order is UTF-16 unit order). */
static int
sort_order(duk_context *ctx, bool fn, uint32_t a, uint32_t b)
{
	const char *x, *y;
	duk_size_t nx, ny;
	double r;
	int d;

	if (fn) {
		duk_dup(ctx, S_FN);
		duk_push_undefined(ctx);
		duk_get_prop_index(ctx, S_VALS, a);
		duk_get_prop_index(ctx, S_VALS, b);
		duk_call_method(ctx, 2);
		r = duk_to_number(ctx, -1);
		duk_pop(ctx);
		return r < 0 ? -1 : r > 0 ? 1 : 0;
	}
	duk_get_prop_index(ctx, S_STRS, a);
	duk_get_prop_index(ctx, S_STRS, b);
	x = duk_get_lstring(ctx, -2, &nx);
	y = duk_get_lstring(ctx, -1, &ny);
	d = memcmp(x, y, nx < ny ? nx : ny);
	duk_pop_2(ctx);
	return d != 0 ? d : nx < ny ? -1 : nx > ny ? 1 : 0;
}

/* Bottom-up merge sort of idx[0, n) through tmp: stable, and at most
 * about n log2 n calls of the comparator. */
static uint32_t *
merge_sort(duk_context *ctx, bool fn, uint32_t *idx, uint32_t *tmp, uint32_t n)
{
	for (uint32_t width = 1; width < n; width *= 2) {
		for (uint32_t lo = 0; lo < n; lo += 2 * width) {
			uint32_t mid = lo + width < n ? lo + width : n;
			uint32_t hi = mid + width < n ? mid + width : n;
			uint32_t i = lo, j = mid, k = lo;

			while (i < mid && j < hi)
				tmp[k++] = sort_order(ctx, fn, idx[j], idx[i]) < 0 ? idx[j++] : idx[i++];
			while (i < mid)
				tmp[k++] = idx[i++];
			while (j < hi)
				tmp[k++] = idx[j++];
		}
		uint32_t *t = idx;
		idx = tmp;
		tmp = t;
		if (width > UINT32_MAX / 2)
			break;
	}
	return idx;
}

/* Array.prototype.sort as ES2019 has it: stable; undefined values go to
 * the end and holes after them; a comparator that throws leaves the
 * array as it was, since nothing is written back before the sort ends. */
static duk_ret_t
array_sort(duk_context *ctx)
{
	bool fn = !duk_is_undefined(ctx, 0);
	uint32_t len, n = 0, undef = 0, *idx, *tmp, k;
	double d;

	if (duk_is_constructor_call(ctx))
		return duk_type_error(ctx, "not a constructor");
	if (fn && !duk_is_callable(ctx, 0))
		return duk_type_error(ctx, "The comparison function must be either a function or undefined");
	duk_set_top(ctx, 1);
	duk_push_this(ctx);
	duk_to_object(ctx, S_OBJ);
	/* ToLength; the values are indexed by uint32_t (a longer array-like
	 * would not fit in memory either) */
	duk_get_prop_literal(ctx, S_OBJ, "length");
	d = duk_to_number(ctx, -1);
	len = !(d > 0) ? 0 : d >= UINT32_MAX ? UINT32_MAX : (uint32_t)d;
	duk_pop(ctx);
	duk_push_array(ctx);
	duk_push_array(ctx);
	for (k = 0; k < len; k++) {
		if (!duk_has_prop_index(ctx, S_OBJ, k))
			continue;
		duk_get_prop_index(ctx, S_OBJ, k);
		if (duk_is_undefined(ctx, -1)) {
			duk_pop(ctx);
			undef++;
			continue;
		}
		if (!fn) {
			duk_dup_top(ctx);
			duk_to_string(ctx, -1);
			duk_put_prop_index(ctx, S_STRS, n);
		}
		duk_put_prop_index(ctx, S_VALS, n++);
	}
	idx = duk_push_fixed_buffer(ctx, (duk_size_t)n * sizeof(uint32_t) + 1);
	tmp = duk_push_fixed_buffer(ctx, (duk_size_t)n * sizeof(uint32_t) + 1);
	for (k = 0; k < n; k++)
		idx[k] = k;
	idx = merge_sort(ctx, fn, idx, tmp, n);
	for (k = 0; k < n; k++) {
		duk_get_prop_index(ctx, S_VALS, idx[k]);
		duk_put_prop_index(ctx, S_OBJ, k);
	}
	for (; k < n + undef; k++) {
		duk_push_undefined(ctx);
		duk_put_prop_index(ctx, S_OBJ, k);
	}
	for (; k < len; k++)
		duk_del_prop_index(ctx, S_OBJ, k);
	duk_dup(ctx, S_OBJ);
	return 1;
}

/* Reflect.construct(target, args, newTarget): Duktape's refuses any
 * newTarget but target itself ("unsupported"), and test262's isConstructor
 * harness passes one.  An ECMAScript function is constructed as
 * [[Construct]] does it, on an object made from newTarget.prototype; a
 * native one (Map, Array, Error...) builds its own object, which then
 * takes newTarget.prototype: what OrdinaryCreateFromConstructor would
 * have given it. */
bool
rt_is_constructor(duk_context *ctx, duk_idx_t idx)
{
	bool yes;

	if (!duk_is_constructable(ctx, idx))
		return false;
	if (!duk_is_c_function(ctx, idx))
		return true;
	duk_push_literal(ctx, "prototype");
	duk_get_prop_desc(ctx, idx, 0);
	yes = !duk_is_undefined(ctx, -1);
	duk_pop(ctx);
	return yes;
}

duk_ret_t
rt_is_constructor_native(duk_context *ctx)
{
	duk_push_boolean(ctx, rt_is_constructor(ctx, 0));
	return 1;
}

static duk_ret_t
reflect_construct(duk_context *ctx)
{
	bool other = duk_get_top(ctx) >= 3;
	duk_uarridx_t i, n;

	duk_set_top(ctx, 3);
	if (!rt_is_constructor(ctx, 0) || (other && !rt_is_constructor(ctx, 2)))
		return duk_type_error(ctx, "%s is not a constructor", duk_safe_to_string(ctx, rt_is_constructor(ctx, 0) ? 2 : 0));
	if (!duk_is_object(ctx, 1))
		return duk_type_error(ctx, "CreateListFromArrayLike called on non-object");
	if (!other || duk_strict_equals(ctx, 0, 2)) {
		n = (duk_uarridx_t)duk_get_length(ctx, 1);
		duk_dup(ctx, 0);
		for (i = 0; i < n; i++)
			duk_get_prop_index(ctx, 1, i);
		duk_new(ctx, (duk_idx_t)n);
		return 1;
	}
	duk_get_prop_literal(ctx, 2, "prototype");
	if (!duk_is_object(ctx, -1)) {
		duk_pop(ctx);
		duk_get_global_literal(ctx, "Object");
		duk_get_prop_literal(ctx, -1, "prototype");
		duk_remove(ctx, -2);
	}
	n = (duk_uarridx_t)duk_get_length(ctx, 1);
	if (duk_is_ecmascript_function(ctx, 0)) {
		duk_push_object(ctx);
		duk_insert(ctx, -2);
		duk_set_prototype(ctx, -2);
		duk_dup(ctx, 0);
		duk_dup(ctx, -2);
		for (i = 0; i < n; i++)
			duk_get_prop_index(ctx, 1, i);
		duk_call_method(ctx, (duk_idx_t)n);
		if (!duk_is_object(ctx, -1))
			duk_pop(ctx);
		return 1;
	}
	duk_dup(ctx, 0);
	for (i = 0; i < n; i++)
		duk_get_prop_index(ctx, 1, i);
	duk_new(ctx, (duk_idx_t)n);
	duk_swap_top(ctx, -2);
	duk_set_prototype(ctx, -2);
	return 1;
}

/* Defines obj[name] as a native method of `length` n that reads how many
 * arguments it was given (DUK_VARARGS). */
static void
def_varargs(duk_context *ctx, const char *name, duk_c_function fn, int n)
{
	rt_def_method(ctx, -1, name, fn, DUK_VARARGS);
	duk_get_prop_string(ctx, -1, name);
	rt_set_length(ctx, -1, n);
	duk_pop(ctx);
}

void
rt_lang_install(duk_context *ctx)
{
	duk_get_global_string(ctx, "Array");
	duk_get_prop_string(ctx, -1, "prototype");
	rt_def_method(ctx, -1, "sort", array_sort, 1);
	duk_pop_2(ctx);
	duk_get_global_string(ctx, "String");
	duk_get_prop_string(ctx, -1, "prototype");
	rt_def_method(ctx, -1, "normalize", string_normalize, DUK_VARARGS);
	duk_pop_2(ctx);
	duk_get_global_string(ctx, "Symbol");
	duk_get_prop_string(ctx, -1, "prototype");
	if (!duk_has_prop_string(ctx, -1, "description"))
		rt_def_getter(ctx, -1, "description", symbol_description);
	duk_pop_2(ctx);
	duk_get_global_string(ctx, "Reflect");
	def_varargs(ctx, "construct", reflect_construct, 2);
	duk_pop(ctx);
}
