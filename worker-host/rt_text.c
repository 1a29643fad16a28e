/*
 * rt_text.c - TextEncoder / TextDecoder.
 *
 * UTF-8 is decoded and encoded here: both directions run their converter
 * twice, once to size the output and once to fill it, so allocation is
 * exact and there is no fixed bound beyond the heap's own cap.  Every
 * other encoding the standard names (rt_encodings.h) is ICU's converter
 * of that name, as in Node, run in chunks into a growing buffer;
 * x-user-defined, which ICU lacks, is the standard's one-line mapping.
 */
#include "rt_text.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "rt_icu.h"
#include "rt_define.h"
#include "rt_encodings.h"

#define KEY_DECODER DUK_HIDDEN_SYMBOL("rtTextDecoder")
#define KEY_ENCODER DUK_HIDDEN_SYMBOL("rtTextEncoder")
#define REPLACEMENT 0xFFFD

/* ---- Duktape string (CESU-8, leniently) to UTF-8 ---- */

/* Reads one character of Duktape's internal encoding at p[0..n): its code
 * point (U+FFFD for anything malformed or a lone surrogate), the bytes
 * consumed and the UTF-16 units it stands for. */
static uint32_t
internal_next(const uint8_t *p, size_t n, size_t *used, size_t *units)
{
	uint32_t cp, lo;
	size_t len, i;
	uint8_t b = p[0];

	*units = 1;
	if (b < 0x80) {
		*used = 1;
		return b;
	}
	len = b >= 0xF0 && b <= 0xF7 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 0;
	*used = 1;
	if (len == 0 || len > n)
		return REPLACEMENT;
	cp = b & (0x7F >> len);
	for (i = 1; i < len; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return REPLACEMENT;
		cp = (cp << 6) | (p[i] & 0x3F);
	}
	*used = len;
	if (len == 4) {
		*units = 2;
		return cp > 0x10FFFF ? REPLACEMENT : cp;
	}
	if (cp < 0xD800 || cp > 0xDFFF)
		return cp;
	/* A high surrogate followed by a low one is one astral character. */
	if (cp <= 0xDBFF && n >= 6 && p[3] == 0xED && (p[4] & 0xF0) == 0xB0 && (p[5] & 0xC0) == 0x80) {
		lo = 0xDC00 | ((uint32_t)(p[4] & 0x0F) << 6) | (p[5] & 0x3F);
		*used = 6;
		*units = 2;
		return 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
	}
	return REPLACEMENT;
}

static size_t
utf8_len(uint32_t cp)
{
	return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

static uint8_t *
utf8_put(uint8_t *o, uint32_t cp)
{
	if (cp < 0x80) {
		*o++ = (uint8_t)cp;
	} else if (cp < 0x800) {
		*o++ = (uint8_t)(0xC0 | (cp >> 6));
		*o++ = (uint8_t)(0x80 | (cp & 0x3F));
	} else if (cp < 0x10000) {
		*o++ = (uint8_t)(0xE0 | (cp >> 12));
		*o++ = (uint8_t)(0x80 | ((cp >> 6) & 0x3F));
		*o++ = (uint8_t)(0x80 | (cp & 0x3F));
	} else {
		*o++ = (uint8_t)(0xF0 | (cp >> 18));
		*o++ = (uint8_t)(0x80 | ((cp >> 12) & 0x3F));
		*o++ = (uint8_t)(0x80 | ((cp >> 6) & 0x3F));
		*o++ = (uint8_t)(0x80 | (cp & 0x3F));
	}
	return o;
}

/* Converts p[0..n) into out (NULL: only measure); returns the UTF-8 length. */
static size_t
internal_to_utf8(const uint8_t *p, size_t n, uint8_t *out)
{
	size_t i = 0, total = 0, used, units;
	uint32_t cp;

	while (i < n) {
		cp = internal_next(p + i, n - i, &used, &units);
		i += used;
		if (out != NULL)
			out = utf8_put(out, cp);
		total += utf8_len(cp);
	}
	return total;
}

/* ---- UTF-8 bytes to CESU-8 (WHATWG decoder) ---- */

enum { DEC_UTF8, DEC_ICU, DEC_USER_DEFINED };

struct decoder_state {
	const char *name;	/* the encoding's name (rt_encodings.h) */
	UConverter *conv;	/* DEC_ICU: owned, closed by the finalizer */
	const struct icu *icu;	/* DEC_ICU: the library conv is from */
	uint8_t kind;
	uint8_t bom;		/* a leading U+FEFF is the BOM (UTF-16) */
	uint8_t euro80;		/* gb18030: a lone 0x80 is U+20AC */
	uint8_t fatal;
	uint8_t ignore_bom;
	uint8_t started;	/* a code point of this stream was already seen */
	uint8_t npending;
	uint8_t pending[4];
};

struct decode {
	const uint8_t *pre;	/* bytes held back by the previous stream call */
	size_t npre;
	const uint8_t *in;
	size_t nin;
	bool stream;
	bool skip_bom;
	uint8_t *out;		/* NULL while measuring */
	size_t outlen;
	size_t tail;		/* start of an incomplete final sequence (stream) */
	bool error;
	bool seen;		/* a code point (or the BOM) was decoded */
};

static uint8_t
byte_at(const struct decode *d, size_t i)
{
	return i < d->npre ? d->pre[i] : d->in[i - d->npre];
}

static void
emit_unit(struct decode *d, uint32_t u)
{
	if (d->out != NULL)
		utf8_put(d->out + d->outlen, u);
	d->outlen += utf8_len(u);
}

/* Astral characters become a surrogate pair: that is CESU-8. */
static void
emit(struct decode *d, uint32_t cp)
{
	d->seen = true;
	if (d->skip_bom) {
		d->skip_bom = false;
		if (cp == 0xFEFF)
			return;
	}
	if (cp < 0x10000) {
		emit_unit(d, cp);
		return;
	}
	cp -= 0x10000;
	emit_unit(d, 0xD800 | (cp >> 10));
	emit_unit(d, 0xDC00 | (cp & 0x3FF));
}

static void
emit_error(struct decode *d)
{
	d->error = true;
	emit(d, REPLACEMENT);
}

static void
utf8_decode(struct decode *d)
{
	size_t n = d->npre + d->nin, i = 0, start = 0;
	uint32_t cp = 0, need = 0, seen = 0;
	uint8_t lower = 0x80, upper = 0xBF, b;

	d->tail = n;
	while (i < n) {
		b = byte_at(d, i);
		if (need == 0) {
			start = i++;
			if (b < 0x80) {
				emit(d, b);
			} else if (b >= 0xC2 && b <= 0xDF) {
				need = 1;
				cp = b & 0x1F;
			} else if (b >= 0xE0 && b <= 0xEF) {
				lower = b == 0xE0 ? 0xA0 : 0x80;
				upper = b == 0xED ? 0x9F : 0xBF;
				need = 2;
				cp = b & 0x0F;
			} else if (b >= 0xF0 && b <= 0xF4) {
				lower = b == 0xF0 ? 0x90 : 0x80;
				upper = b == 0xF4 ? 0x8F : 0xBF;
				need = 3;
				cp = b & 0x07;
			} else {
				emit_error(d);
			}
			continue;
		}
		if (b < lower || b > upper) {
			/* The maximal subpart is one U+FFFD; b starts afresh. */
			need = seen = 0;
			lower = 0x80;
			upper = 0xBF;
			emit_error(d);
			continue;
		}
		lower = 0x80;
		upper = 0xBF;
		cp = (cp << 6) | (b & 0x3F);
		i++;
		if (++seen == need) {
			emit(d, cp);
			need = seen = 0;
		}
	}
	if (need != 0) {
		if (d->stream)
			d->tail = start;
		else
			emit_error(d);
	}
}

/* ---- TextEncoder ---- */

static void
require_constructor_call(duk_context *ctx, const char *name)
{
	if (!duk_is_constructor_call(ctx))
		duk_type_error(ctx, "Class constructor %s cannot be invoked without 'new'", name);
}

static duk_ret_t
encoder_construct(duk_context *ctx)
{
	require_constructor_call(ctx, "TextEncoder");
	duk_push_this(ctx);
	duk_push_true(ctx);
	duk_put_prop_literal(ctx, -2, KEY_ENCODER);
	return 0;
}

static void
require_this(duk_context *ctx, const char *key, const char *what)
{
	duk_push_this(ctx);
	if (!duk_is_object(ctx, -1) || !duk_has_prop_string(ctx, -1, key))
		duk_type_error(ctx, "Value of \"this\" must be of type %s", what);
}

static duk_ret_t
encoder_encoding(duk_context *ctx)
{
	require_this(ctx, KEY_ENCODER, "TextEncoder");
	duk_push_literal(ctx, "utf-8");
	return 1;
}

static duk_ret_t
encoder_encode(duk_context *ctx)
{
	const uint8_t *p;
	duk_size_t n;
	size_t len;
	uint8_t *out;

	require_this(ctx, KEY_ENCODER, "TextEncoder");
	if (duk_is_undefined(ctx, 0))
		duk_push_literal(ctx, "");
	else
		duk_dup(ctx, 0);
	p = (const uint8_t *)duk_to_lstring(ctx, -1, &n);
	len = internal_to_utf8(p, n, NULL);
	out = duk_push_fixed_buffer(ctx, len);
	internal_to_utf8(p, n, out);
	duk_push_buffer_object(ctx, -1, 0, len, DUK_BUFOBJ_UINT8ARRAY);
	return 1;
}

/* encodeInto(src, dest): writes whole characters only; returns {read,
 * written} with read in UTF-16 units. */
static duk_ret_t
encoder_encode_into(duk_context *ctx)
{
	const uint8_t *p;
	uint8_t *dst;
	duk_size_t n, cap;
	size_t i = 0, read = 0, written = 0, used, units, len;
	uint32_t cp;

	require_this(ctx, KEY_ENCODER, "TextEncoder");
	duk_get_global_literal(ctx, "Uint8Array");
	if (!duk_is_object(ctx, 1) || !duk_instanceof(ctx, 1, -1))
		duk_type_error(ctx, "The \"dest\" argument must be an instance of Uint8Array");
	duk_dup(ctx, 0);
	p = (const uint8_t *)duk_to_lstring(ctx, -1, &n);
	dst = duk_get_buffer_data(ctx, 1, &cap);
	while (i < n) {
		cp = internal_next(p + i, n - i, &used, &units);
		len = utf8_len(cp);
		if (written + len > cap)
			break;
		utf8_put(dst + written, cp);
		written += len;
		read += units;
		i += used;
	}
	duk_push_object(ctx);
	duk_push_uint(ctx, (duk_uint_t)read);
	duk_put_prop_literal(ctx, -2, "read");
	duk_push_uint(ctx, (duk_uint_t)written);
	duk_put_prop_literal(ctx, -2, "written");
	return 1;
}

/* ---- TextDecoder ---- */

/* Throws an error with Node's `code` property, for scripts that test it. */
static duk_ret_t
throw_coded(duk_context *ctx, duk_errcode_t type, const char *code, const char *fmt, const char *arg)
{
	duk_push_error_object(ctx, type, fmt, arg);
	duk_push_string(ctx, code);
	duk_put_prop_literal(ctx, -2, "code");
	return duk_throw(ctx);
}

static bool
option_flag(duk_context *ctx, duk_idx_t opts, const char *name)
{
	bool v;

	if (!duk_is_object(ctx, opts))
		return false;
	duk_get_prop_string(ctx, opts, name);
	v = duk_to_boolean(ctx, -1);
	duk_pop(ctx);
	return v;
}

static duk_ret_t
decoder_finalize(duk_context *ctx)
{
	struct decoder_state *st;

	duk_get_prop_literal(ctx, 0, KEY_DECODER);
	st = duk_get_buffer_data(ctx, -1, NULL);
	if (st != NULL && st->conv != NULL) {
		st->icu->cnv_close(st->conv);
		st->conv = NULL;
	}
	return 0;
}

/* Malformed input in a legacy encoding: U+FFFD, or under fatal an error
 * left standing, which stops the conversion (context: the state). */
static void
to_u_error(const void *context, UConverterToUnicodeArgs *args, const char *units, int32_t n,
    UConverterCallbackReason reason, UErrorCode *err)
{
	static const UChar sub = REPLACEMENT, euro = 0x20AC;
	const struct decoder_state *st = context;
	/* The standard's gb18030 takes a lone 0x80 as the euro sign, as GBK
	 * does; ICU's converter refuses it. */
	bool euro80 = st->euro80 && n == 1 && (uint8_t)units[0] == 0x80;

	if (reason > UCNV_IRREGULAR || (st->fatal && !euro80))
		return;
	*err = U_ZERO_ERROR;
	st->icu->cnv_cb_write_uchars(args, euro80 ? &euro : &sub, 1, 0, err);
}

/* The encoding for the label at 0, looked up as the standard says: ASCII
 * white space trimmed, ASCII-lowercased; NULL when it names none. */
static const char *
lookup_label(duk_context *ctx)
{
	char buf[32];
	duk_size_t n;
	const char *s = duk_to_lstring(ctx, 0, &n), *e = s + n;
	size_t k;

	while (s < e && strchr("\t\n\f\r ", *s) != NULL && *s != '\0')
		s++;
	while (e > s && strchr("\t\n\f\r ", e[-1]) != NULL && e[-1] != '\0')
		e--;
	if ((size_t)(e - s) >= sizeof(buf))
		return NULL;
	for (k = 0; s + k < e; k++)
		buf[k] = s[k] >= 'A' && s[k] <= 'Z' ? (char)(s[k] - 'A' + 'a') : s[k];
	buf[k] = '\0';
	return memchr(buf, '\0', k) != NULL ? NULL : encoding_for_label(buf);
}

static duk_ret_t
unsupported(duk_context *ctx, const char *what)
{
	return throw_coded(ctx, DUK_ERR_RANGE_ERROR, "ERR_ENCODING_NOT_SUPPORTED",
	    "The \"%s\" encoding is not supported", what);
}

/* Opens ICU's converter for a legacy encoding into st, or throws as Node
 * does for a name its ICU lacks (iso-8859-16 in Debian's). */
static void
open_converter(duk_context *ctx, struct decoder_state *st)
{
	UErrorCode err = U_ZERO_ERROR;
	char why[160];

	if ((st->icu = icu_get(why, sizeof(why))) == NULL)
		(void)duk_error(ctx, DUK_ERR_ERROR, "the \"%s\" decoder needs ICU: %s", st->name, why);
	st->conv = st->icu->cnv_open(st->name, &err);
	if (U_FAILURE(err)) {
		st->conv = NULL;
		unsupported(ctx, st->name);
	}
	err = U_ZERO_ERROR;
	st->icu->cnv_set_to_u_callback(st->conv, to_u_error, st, NULL, NULL, &err);
}

static duk_ret_t
decoder_construct(duk_context *ctx)
{
	struct decoder_state *st;
	const char *name = "utf-8";

	require_constructor_call(ctx, "TextDecoder");
	if (!duk_is_undefined(ctx, 0) && (name = lookup_label(ctx)) == NULL)
		return unsupported(ctx, duk_to_string(ctx, 0));
	if (strcmp(name, "replacement") == 0)
		return unsupported(ctx, name);
	if (!duk_is_undefined(ctx, 1) && !duk_is_null(ctx, 1) && !duk_is_object(ctx, 1))
		duk_type_error(ctx, "The \"options\" argument must be of type object");
	duk_push_this(ctx);
	st = duk_push_fixed_buffer(ctx, sizeof(*st));
	memset(st, 0, sizeof(*st));
	st->name = name;
	st->fatal = option_flag(ctx, 1, "fatal");
	st->ignore_bom = option_flag(ctx, 1, "ignoreBOM");
	st->bom = strncmp(name, "utf-16", 6) == 0;
	st->euro80 = strcmp(name, "gb18030") == 0;
	st->kind = strcmp(name, "utf-8") == 0 ? DEC_UTF8 : strcmp(name, "x-user-defined") == 0 ? DEC_USER_DEFINED : DEC_ICU;
	duk_put_prop_literal(ctx, -2, KEY_DECODER);
	if (st->kind == DEC_ICU) {
		/* The state is in place first, so the finalizer frees what opens. */
		duk_push_c_function(ctx, decoder_finalize, 1);
		duk_set_finalizer(ctx, -2);
		open_converter(ctx, st);
	}
	return 0;
}

static struct decoder_state *
this_decoder(duk_context *ctx)
{
	struct decoder_state *st = NULL;

	duk_push_this(ctx);
	if (duk_is_object(ctx, -1)) {
		duk_get_prop_literal(ctx, -1, KEY_DECODER);
		st = duk_get_buffer_data(ctx, -1, NULL);
		duk_pop(ctx);
	}
	if (st == NULL)
		duk_type_error(ctx, "Value of \"this\" must be of type TextDecoder");
	duk_pop(ctx);
	return st;
}

static duk_ret_t
decoder_encoding(duk_context *ctx)
{
	duk_push_string(ctx, this_decoder(ctx)->name);
	return 1;
}

static duk_ret_t
decoder_fatal(duk_context *ctx)
{
	duk_push_boolean(ctx, this_decoder(ctx)->fatal);
	return 1;
}

static duk_ret_t
decoder_ignore_bom(duk_context *ctx)
{
	duk_push_boolean(ctx, this_decoder(ctx)->ignore_bom);
	return 1;
}

/* Decoded text as CESU-8 in a dynamic buffer on the value stack. */
struct sink {
	duk_context *ctx;
	duk_idx_t idx;
	uint8_t *p;
	size_t len, cap;
};

static void
sink_open(duk_context *ctx, struct sink *k, size_t hint)
{
	k->ctx = ctx;
	k->idx = duk_get_top(ctx);
	k->cap = hint + 16;
	k->p = duk_push_dynamic_buffer(ctx, k->cap);
	k->len = 0;
}

static void
sink_unit(struct sink *k, uint16_t u)
{
	if (k->len + 3 > k->cap) {
		k->cap = k->cap * 2;
		k->p = duk_resize_buffer(k->ctx, k->idx, k->cap);
	}
	k->len = (size_t)(utf8_put(k->p + k->len, u) - k->p);
}

/* The string made of what the sink holds, pushed. */
static void
sink_push(struct sink *k)
{
	duk_push_lstring(k->ctx, (const char *)k->p, k->len);
}

/* The units of one conversion step, BOM rule applied: st->started is
 * whether this stream already produced its first unit. */
static void
put_units(struct decoder_state *st, struct sink *k, const UChar *u, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (!st->started && st->bom && !st->ignore_bom && u[i] == 0xFEFF) {
			st->started = 1;
			continue;
		}
		st->started = 1;
		sink_unit(k, u[i]);
	}
}

static void
throw_invalid(duk_context *ctx, const char *name)
{
	throw_coded(ctx, DUK_ERR_TYPE_ERROR, "ERR_ENCODING_INVALID_ENCODED_DATA",
	    "The encoded data was not valid for encoding %s", name);
}

/* Decodes in[0..n) with ICU's converter, the state carried between stream
 * calls by the converter itself; pushes the string. */
static void
decode_icu(duk_context *ctx, struct decoder_state *st, const uint8_t *in, size_t n, bool stream)
{
	static const char none[1];
	const char *src = in != NULL ? (const char *)in : none, *end = src + n;
	struct sink k;
	UChar chunk[512];
	UErrorCode err;

	sink_open(ctx, &k, n);
	do {
		UChar *o = chunk;

		err = U_ZERO_ERROR;
		st->icu->cnv_to_unicode(st->conv, &o, chunk + 512, &src, end, NULL, !stream, &err);
		put_units(st, &k, chunk, (size_t)(o - chunk));
	} while (err == U_BUFFER_OVERFLOW_ERROR);
	if (U_FAILURE(err) || !stream) {
		st->icu->cnv_reset_to_unicode(st->conv);
		st->started = 0;
	}
	if (U_FAILURE(err))
		throw_invalid(ctx, st->name);
	sink_push(&k);
}

/* x-user-defined: ASCII as is, each other byte a private-use code point. */
static void
decode_user_defined(duk_context *ctx, const uint8_t *in, size_t n)
{
	struct sink k;

	sink_open(ctx, &k, n);
	for (size_t i = 0; i < n; i++)
		sink_unit(&k, in[i] < 0x80 ? in[i] : 0xF780 + in[i] - 0x80);
	sink_push(&k);
}

static void
decode_utf8(duk_context *ctx, struct decoder_state *st, const uint8_t *in, size_t n, bool stream)
{
	struct decode d;
	uint8_t pre[4];

	memcpy(pre, st->pending, sizeof(pre));
	memset(&d, 0, sizeof(d));
	d.pre = pre;
	d.npre = st->npending;
	d.in = in != NULL ? in : pre;
	d.nin = in != NULL ? n : 0;
	d.stream = stream;
	d.skip_bom = !st->ignore_bom && !st->started;
	utf8_decode(&d);
	if (d.error && st->fatal) {
		st->npending = 0;
		st->started = 0;
		throw_invalid(ctx, "utf-8");
	}
	d.out = duk_push_fixed_buffer(ctx, d.outlen);
	d.outlen = 0;
	d.seen = false;
	d.skip_bom = !st->ignore_bom && !st->started;
	utf8_decode(&d);
	/* Keep an incomplete final sequence for the next streaming call. */
	st->npending = 0;
	for (; d.tail < d.npre + d.nin; d.tail++)
		st->pending[st->npending++] = byte_at(&d, d.tail);
	st->started = d.stream && (st->started || d.seen);
	duk_push_lstring(ctx, (const char *)d.out, d.outlen);
}

static duk_ret_t
decoder_decode(duk_context *ctx)
{
	struct decoder_state *st = this_decoder(ctx);
	duk_size_t n = 0;
	const uint8_t *in = NULL;
	bool stream;

	if (!duk_is_undefined(ctx, 0)) {
		if (!duk_is_buffer_data(ctx, 0))
			duk_type_error(ctx, "The \"input\" argument must be an instance of ArrayBuffer or ArrayBufferView");
		in = duk_get_buffer_data(ctx, 0, &n);
	}
	if (!duk_is_undefined(ctx, 1) && !duk_is_null(ctx, 1) && !duk_is_object(ctx, 1))
		duk_type_error(ctx, "The \"options\" argument must be of type object");
	stream = option_flag(ctx, 1, "stream");
	if (st->kind == DEC_ICU)
		decode_icu(ctx, st, in, n, stream);
	else if (st->kind == DEC_USER_DEFINED)
		decode_user_defined(ctx, in, n);
	else
		decode_utf8(ctx, st, in, n, stream);
	return 1;
}

/* ---- installation ---- */

static void
define_global_class(duk_context *ctx, const char *name, duk_c_function ctor, duk_idx_t nargs)
{
	duk_push_global_object(ctx);
	duk_push_string(ctx, name);
	rt_push_native(ctx, name, ctor, nargs);
	duk_push_object(ctx);
	rt_def_tag(ctx, -1, name);
	duk_push_literal(ctx, "constructor");
	duk_dup(ctx, -3);
	rt_def_hidden(ctx, -3);
	duk_push_literal(ctx, "prototype");
	duk_dup(ctx, -2);
	duk_def_prop(ctx, -4, DUK_DEFPROP_HAVE_VALUE | DUK_DEFPROP_CLEAR_WRITABLE |
	    DUK_DEFPROP_CLEAR_ENUMERABLE | DUK_DEFPROP_CLEAR_CONFIGURABLE | DUK_DEFPROP_FORCE);
	duk_pull(ctx, -3);
	duk_pull(ctx, -3);
	rt_def_hidden(ctx, -4);
	duk_remove(ctx, -2);
}

void
rt_text_install(duk_context *ctx)
{
	define_global_class(ctx, "TextEncoder", encoder_construct, 0);
	rt_def_getter(ctx, -1, "encoding", encoder_encoding);
	rt_def_method(ctx, -1, "encode", encoder_encode, 1);
	rt_def_method(ctx, -1, "encodeInto", encoder_encode_into, 2);
	duk_pop(ctx);
	define_global_class(ctx, "TextDecoder", decoder_construct, 2);
	rt_def_getter(ctx, -1, "encoding", decoder_encoding);
	rt_def_getter(ctx, -1, "fatal", decoder_fatal);
	rt_def_getter(ctx, -1, "ignoreBOM", decoder_ignore_bom);
	rt_def_method(ctx, -1, "decode", decoder_decode, 2);
	duk_pop(ctx);
}
