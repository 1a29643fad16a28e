/*
 * mod_zlib.c - zlib (Debian's zlib1g) behind Node's `zlib` (js/node_zlib.js
 * and js/node_zlib_stream.js).  One stepping function runs a z_stream for
 * both forms: native.zlib.run(mode, bytes, level, windowBits, memLevel,
 * strategy, maxOutput, finishFlush) compresses or decompresses a whole
 * input in one call and returns a Uint8Array; open(mode, level, windowBits, memLevel,
 * strategy) makes a handle for a stream, fed by input(h, bytes) and read
 * by step(h, flush, chunkSize), at most chunkSize bytes a call, so that a
 * stream's output comes in bounded pieces; reset(h), close(h) (also its
 * finalizer; a collection runs every 32 opens, so that streams dropped
 * unended are freed in time).  zlib's memory is the Duktape heap's, under
 * the worker's cap.  Errors are Node's (message from zlib, code Z_DATA_ERROR /
 * Z_BUF_ERROR..., errno the zlib status); crc32(bytes, seed).  Gunzip
 * (and unzip of gzip data) reads every member of a multi-member file and
 * fails on other bytes after a member unless they are zeros, as Node does.
 * zlib itself is mapped by a worker's first stream or crc32 (rt_dynlib.h):
 * linked, it was five mappings of the template that every fork copied and
 * every exit unmapped, for the workers that use it (docs/performance.md,
 * "Libraries mapped on first use").  The table of its functions is the
 * process's, as which libraries are mapped is (rt_icu.c says why).
 */
#include "mod_zlib.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "rt_define.h"
#include "rt_dynlib.h"
#include "wire.h"

#define ZLIB_LIB "libz.so." DYNLIB_STR(ZLIB_VER_MAJOR)

/* Each field has the type of the zlib function it is named for. */
struct zfns {
	__typeof__(&deflateInit2_) deflateInit2_;
	__typeof__(&inflateInit2_) inflateInit2_;
	__typeof__(&deflate) deflate;
	__typeof__(&inflate) inflate;
	__typeof__(&deflateEnd) deflateEnd;
	__typeof__(&inflateEnd) inflateEnd;
	__typeof__(&deflateReset) deflateReset;
	__typeof__(&inflateReset) inflateReset;
	__typeof__(&zError) zError;
	__typeof__(&crc32) crc32;
};

#define SYM(f) { #f, offsetof(struct zfns, f) }

static const struct dynlib_sym zsyms[] = {
	SYM(deflateInit2_), SYM(inflateInit2_), SYM(deflate), SYM(inflate), SYM(deflateEnd),
	SYM(inflateEnd), SYM(deflateReset), SYM(inflateReset), SYM(zError), SYM(crc32),
};

/* Filled by zlib_load(); every function below that runs zlib comes after
 * it (a stream is started, or crc32 called, only once it is). */
static struct zfns zl;
static bool zl_loaded;

/* Maps zlib if it is not yet, or throws an Error naming the cause. */
static void
zlib_load(duk_context *ctx)
{
	char err[160];

	if (zl_loaded)
		return;
	if (dynlib_load(ZLIB_LIB, zsyms, sizeof(zsyms) / sizeof(zsyms[0]), &zl, err, sizeof(err)) == NULL)
		(void)duk_error(ctx, DUK_ERR_ERROR, "zlib: %s", err);
	zl_loaded = true;
}

/* Node's mode numbers (zlib.constants.DEFLATE...). */
enum { M_DEFLATE = 1, M_INFLATE, M_GZIP, M_GUNZIP, M_DEFLATERAW, M_INFLATERAW, M_UNZIP };

#define K_ZS DUK_HIDDEN_SYMBOL("zs")
#define K_OPENED DUK_HIDDEN_SYMBOL("opened")

/* A full collection every this many streams opened: a stream dropped
 * unended holds zlib's state (about 256 KiB for deflate) that only its
 * finalizer frees, and Duktape's own collections count allocations, not
 * bytes, so they come too rarely for it. */
#define GC_EVERY_OPENS 32

/* A stream in progress: its z_stream, the input it still has to read
 * (a copy, since zlib keeps pointing into it between calls). */
struct zs {
	z_stream zs;
	int mode;
	bool live, ended, gzip;
	unsigned char *in;
};

/* What step() did: filled the output (call again), read all it had
 * (more input or another flush needed), or reached the stream's end. */
enum { STEP_FULL = 1, STEP_DONE, STEP_END };

static bool
inflating(int mode)
{
	return mode == M_INFLATE || mode == M_GUNZIP || mode == M_INFLATERAW || mode == M_UNZIP;
}

/* zlib's memory comes from the Duktape heap: it counts against the
 * worker's heap cap, and a full heap collects dead streams first.  The
 * opaque pointer is the context of the call that runs zlib (set on each
 * entry), never one that may be gone by then. */
static voidpf
zs_alloc(voidpf opaque, uInt items, uInt size)
{
	if (size != 0 && items > SIZE_MAX / size)
		return NULL;
	return duk_alloc((duk_context *)opaque, (duk_size_t)items * size);
}

static void
zs_free(voidpf opaque, voidpf p)
{
	duk_free((duk_context *)opaque, p);
}

/* deflateInit2() and inflateInit2(), macros that name the version and
 * the z_stream's size this file was built with. */
static int
deflate_init(struct zs *s, int level, int wbits, int memlevel, int strategy)
{
	return zl.deflateInit2_(&s->zs, level, Z_DEFLATED, wbits, memlevel, strategy, ZLIB_VERSION,
	    (int)sizeof(z_stream));
}

static int
inflate_init(struct zs *s, int wbits)
{
	return zl.inflateInit2_(&s->zs, wbits, ZLIB_VERSION, (int)sizeof(z_stream));
}

static int
start(duk_context *ctx, struct zs *s, int mode, int level, int wbits, int memlevel, int strategy)
{
	int rc;

	memset(s, 0, sizeof(*s));
	s->zs.zalloc = zs_alloc;
	s->zs.zfree = zs_free;
	s->zs.opaque = ctx;
	s->mode = mode;
	s->gzip = mode == M_GUNZIP;
	switch (mode) {
	case M_DEFLATE: rc = deflate_init(s, level, wbits, memlevel, strategy); break;
	case M_GZIP: rc = deflate_init(s, level, wbits + 16, memlevel, strategy); break;
	case M_DEFLATERAW: rc = deflate_init(s, level, -wbits, memlevel, strategy); break;
	case M_INFLATE: rc = inflate_init(s, wbits); break;
	case M_GUNZIP: rc = inflate_init(s, wbits + 16); break;
	case M_INFLATERAW: rc = inflate_init(s, -wbits); break;
	case M_UNZIP: rc = inflate_init(s, wbits + 32); break;
	default: rc = Z_STREAM_ERROR; break;
	}
	s->live = rc == Z_OK;
	return rc;
}

static void
finish(struct zs *s)
{
	if (s->live && inflating(s->mode))
		zl.inflateEnd(&s->zs);
	else if (s->live)
		zl.deflateEnd(&s->zs);
	s->live = false;
	if (s->in != NULL)
		duk_free((duk_context *)s->zs.opaque, s->in);
	s->in = NULL;
	s->zs.avail_in = 0;
}

/* After a member's end: more bytes that are not zero padding start the
 * next member (garbage then fails its header check, as in Node). */
static bool
next_member(struct zs *s)
{
	if (!s->gzip || s->zs.avail_in == 0 || s->zs.next_in[0] == 0)
		return false;
	return zl.inflateReset(&s->zs) == Z_OK;
}

/* Runs the stream with flush into [out, out + cap); *made is the bytes
 * written.  A STEP_ value, or a (negative) zlib status. */
static int
step(struct zs *s, int flush, unsigned char *out, size_t cap, size_t *made)
{
	int rc;

	s->zs.next_out = out;
	s->zs.avail_out = (uInt)(cap > UINT32_MAX ? UINT32_MAX : cap);
	if (s->mode == M_UNZIP && s->zs.total_in == 0 && s->zs.avail_in >= 2)
		s->gzip = s->zs.next_in[0] == 0x1f && s->zs.next_in[1] == 0x8b;
	for (;;) {
		if (s->ended && !next_member(s)) {
			/* What follows the end (zero padding, or any bytes after a
			 * zlib or raw stream) is ignored, as in Node. */
			s->zs.avail_in = 0;
			rc = STEP_END;
			break;
		}
		s->ended = false;
		rc = inflating(s->mode) ? zl.inflate(&s->zs, flush) : zl.deflate(&s->zs, flush);
		if (rc == Z_STREAM_END) {
			s->ended = true;
			continue;
		}
		if (rc != Z_OK && rc != Z_BUF_ERROR)
			break;
		if (s->zs.avail_out == 0) {
			rc = STEP_FULL;
			break;
		}
		/* Room left: it read all it had.  A decompressor told to finish
		 * with its data incomplete has met a truncated input. */
		rc = inflating(s->mode) && flush == Z_FINISH ? Z_BUF_ERROR : STEP_DONE;
		break;
	}
	*made = cap - s->zs.avail_out;
	return rc;
}

static const char *
status_code(int rc)
{
	switch (rc) {
	case Z_NEED_DICT: return "Z_NEED_DICT";
	case Z_ERRNO: return "Z_ERRNO";
	case Z_STREAM_ERROR: return "Z_STREAM_ERROR";
	case Z_DATA_ERROR: return "Z_DATA_ERROR";
	case Z_MEM_ERROR: return "Z_MEM_ERROR";
	case Z_BUF_ERROR: return "Z_BUF_ERROR";
	case Z_VERSION_ERROR: return "Z_VERSION_ERROR";
	default: return "Z_UNKNOWN";
	}
}

/* Throws Node's error for zlib status rc (msg: zlib's, or NULL). */
static duk_ret_t
throw_zlib(duk_context *ctx, int rc, const char *msg)
{
	if (rc == Z_NEED_DICT)
		msg = "Missing dictionary";
	else if (rc == Z_BUF_ERROR)
		msg = "unexpected end of file";
	duk_push_error_object(ctx, DUK_ERR_ERROR, "%s", msg != NULL ? msg : zl.zError(rc));
	duk_push_int(ctx, rc);
	duk_put_prop_string(ctx, -2, "errno");
	duk_push_string(ctx, status_code(rc));
	duk_put_prop_string(ctx, -2, "code");
	return duk_throw(ctx);
}

static duk_ret_t
throw_too_large(duk_context *ctx, size_t max)
{
	duk_push_error_object(ctx, DUK_ERR_RANGE_ERROR, "Cannot create a Buffer larger than %.0f bytes", (double)max);
	duk_push_string(ctx, "ERR_BUFFER_TOO_LARGE");
	duk_put_prop_string(ctx, -2, "code");
	return duk_throw(ctx);
}

/* Opens a stream of the mode at idx 0 with the level, windowBits,
 * memLevel and strategy at [base, base + 4); throws Node's "Init error"
 * when zlib refuses them. */
static void
open_at(duk_context *ctx, struct zs *s, duk_idx_t base)
{
	int rc;

	zlib_load(ctx);
	rc = start(ctx, s, duk_require_int(ctx, 0), duk_require_int(ctx, base), duk_require_int(ctx, base + 1),
	    duk_require_int(ctx, base + 2), duk_require_int(ctx, base + 3));

	if (rc != Z_OK)
		(void)throw_zlib(ctx, rc, "Init error");
}

/* The output so far, doubled (up to max); false at max or out of memory. */
static bool
grow(unsigned char **out, size_t *cap, size_t max)
{
	size_t n = *cap ? *cap * 2 : 1024;
	unsigned char *p;

	if (n > max)
		n = max;
	if (n <= *cap || (p = realloc(*out, n)) == NULL)
		return false;
	*out = p;
	*cap = n;
	return true;
}

/* The whole input at once, into a buffer grown as needed. */
static int
run_all(struct zs *s, int flush, unsigned char **out, size_t *len, size_t max)
{
	size_t cap = 0, made;
	int rc;

	*out = NULL;
	*len = 0;
	do {
		if (*len == cap && !grow(out, &cap, max))
			return Z_MEM_ERROR;
		rc = step(s, flush, *out + *len, cap - *len, &made);
		*len += made;
	} while (rc == STEP_FULL);
	return rc;
}

static duk_ret_t
z_run(duk_context *ctx)
{
	struct zs s;
	duk_size_t inlen;
	unsigned char *in = duk_require_buffer_data(ctx, 1, &inlen), *out;
	size_t max = (size_t)duk_require_number(ctx, 6), len;
	int rc;
	char msg[128];

	open_at(ctx, &s, 2);
	s.zs.next_in = in;
	s.zs.avail_in = (uInt)inlen;
	rc = run_all(&s, duk_require_int(ctx, 7), &out, &len, max);
	snprintf(msg, sizeof(msg), "%s", s.zs.msg != NULL ? s.zs.msg : rc < 0 ? zl.zError(rc) : "");
	finish(&s);
	if (rc < 0) {
		free(out);
		if (rc == Z_MEM_ERROR && len >= max)
			return throw_too_large(ctx, max);
		return throw_zlib(ctx, rc, msg);
	}
	wire_push_u8(ctx, out, len);
	free(out);
	return 1;
}

static struct zs *
handle_of(duk_context *ctx, duk_idx_t idx)
{
	struct zs *s;

	duk_require_object(ctx, idx);
	duk_get_prop_string(ctx, idx, K_ZS);
	s = duk_get_buffer_data(ctx, -1, NULL);
	duk_pop(ctx);
	if (s == NULL)
		(void)duk_error(ctx, DUK_ERR_TYPE_ERROR, "not a zlib handle");
	s->zs.opaque = ctx;
	return s;
}

static duk_ret_t
handle_finalize(duk_context *ctx)
{
	struct zs *s;

	duk_get_prop_string(ctx, 0, K_ZS);
	s = duk_get_buffer_data(ctx, -1, NULL);
	if (s != NULL) {
		s->zs.opaque = ctx;
		finish(s);
	}
	return 0;
}

/* Counts the opens on native.zlib (this) and collects every
 * GC_EVERY_OPENS of them. */
static void
count_open(duk_context *ctx)
{
	duk_uint_t n;

	duk_push_this(ctx);
	duk_get_prop_string(ctx, -1, K_OPENED);
	n = duk_get_uint_default(ctx, -1, 0) + 1;
	duk_pop(ctx);
	duk_push_uint(ctx, n % GC_EVERY_OPENS);
	duk_put_prop_string(ctx, -2, K_OPENED);
	duk_pop(ctx);
	if (n == GC_EVERY_OPENS)
		duk_gc(ctx, 0);
}

static duk_ret_t
z_open(duk_context *ctx)
{
	struct zs *s;

	count_open(ctx);
	duk_push_object(ctx);
	s = duk_push_fixed_buffer(ctx, sizeof(*s));
	duk_put_prop_string(ctx, -2, K_ZS);
	open_at(ctx, s, 1);
	duk_push_c_function(ctx, handle_finalize, 1);
	duk_set_finalizer(ctx, -2);
	return 1;
}

/* The next input: a copy, once the last has been read. */
static duk_ret_t
z_input(duk_context *ctx)
{
	struct zs *s = handle_of(ctx, 0);
	duk_size_t len;
	const unsigned char *p = duk_require_buffer_data(ctx, 1, &len);
	unsigned char *copy;

	if (!s->live)
		return duk_error(ctx, DUK_ERR_ERROR, "zlib binding closed");
	if (s->zs.avail_in > 0)
		return duk_error(ctx, DUK_ERR_ERROR, "zlib input not read yet");
	if ((copy = duk_alloc(ctx, len ? len : 1)) == NULL)
		return throw_zlib(ctx, Z_MEM_ERROR, NULL);
	memcpy(copy, p, len);
	if (s->in != NULL)
		duk_free(ctx, s->in);
	s->in = copy;
	s->zs.next_in = copy;
	s->zs.avail_in = (uInt)len;
	return 0;
}

/* At most chunkSize bytes of output (a Uint8Array, empty when the input
 * is all read); call again while it comes back full. */
static duk_ret_t
z_step(duk_context *ctx)
{
	struct zs *s = handle_of(ctx, 0);
	int flush = duk_require_int(ctx, 1), rc;
	size_t cap = (size_t)duk_require_uint(ctx, 2), made;
	unsigned char *out;

	if (!s->live)
		return duk_error(ctx, DUK_ERR_ERROR, "zlib binding closed");
	out = wire_push_u8(ctx, NULL, cap);
	rc = step(s, flush, out, cap, &made);
	if (rc < 0)
		return throw_zlib(ctx, rc, s->zs.msg);
	if (made < cap) {
		wire_push_u8(ctx, out, made);
		duk_remove(ctx, -2);
	}
	return 1;
}

static duk_ret_t
z_reset(duk_context *ctx)
{
	struct zs *s = handle_of(ctx, 0);
	int rc;

	if (!s->live)
		return duk_error(ctx, DUK_ERR_ERROR, "zlib binding closed");
	rc = inflating(s->mode) ? zl.inflateReset(&s->zs) : zl.deflateReset(&s->zs);
	s->ended = false;
	s->gzip = s->mode == M_GUNZIP;
	s->zs.avail_in = 0;
	if (rc != Z_OK)
		return throw_zlib(ctx, rc, s->zs.msg);
	return 0;
}

static duk_ret_t
z_close(duk_context *ctx)
{
	finish(handle_of(ctx, 0));
	return 0;
}

static duk_ret_t
z_crc32(duk_context *ctx)
{
	duk_size_t len;
	const unsigned char *p = duk_require_buffer_data(ctx, 0, &len);

	zlib_load(ctx);
	duk_push_number(ctx, (double)zl.crc32((uLong)duk_get_uint_default(ctx, 1, 0), p, (uInt)len));
	return 1;
}

static duk_ret_t
zlib_build(duk_context *ctx)
{
	duk_push_object(ctx);
	rt_def_method(ctx, -1, "run", z_run, 8);
	rt_def_method(ctx, -1, "crc32", z_crc32, 2);
	rt_def_method(ctx, -1, "open", z_open, 5);
	rt_def_method(ctx, -1, "input", z_input, 2);
	rt_def_method(ctx, -1, "step", z_step, 3);
	rt_def_method(ctx, -1, "reset", z_reset, 1);
	rt_def_method(ctx, -1, "close", z_close, 1);
	return 1;
}

void
zlib_natives(duk_context *ctx, duk_idx_t native)
{
	rt_def_lazy(ctx, native, "zlib", zlib_build);
}
