/*
 * mod_zlib.c - zlib (Debian's zlib1g) behind Node's `zlib` (js/node_zlib.js):
 * native.zlib.run(mode, bytes, level, windowBits, memLevel, strategy,
 * maxOutput) compresses or decompresses a whole input in one call and
 * returns a Uint8Array, or throws Node's error (message from zlib, code
 * Z_DATA_ERROR / Z_BUF_ERROR..., errno the zlib status); crc32(bytes, seed).
 * Gunzip reads every member of a multi-member gzip file, as Node does.
 */
#include "mod_zlib.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "rt_define.h"
#include "wire.h"

/* Node's mode numbers (zlib.constants.DEFLATE...). */
enum { M_DEFLATE = 1, M_INFLATE, M_GZIP, M_GUNZIP, M_DEFLATERAW, M_INFLATERAW, M_UNZIP };

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

static duk_ret_t
throw_zlib(duk_context *ctx, int rc, const char *msg)
{
	if (rc == Z_NEED_DICT)
		msg = "Missing dictionary";
	else if (rc == Z_BUF_ERROR)
		msg = "unexpected end of file";
	duk_push_error_object(ctx, DUK_ERR_ERROR, "%s", msg != NULL ? msg : zError(rc));
	duk_push_int(ctx, rc);
	duk_put_prop_string(ctx, -2, "errno");
	duk_push_string(ctx, status_code(rc));
	duk_put_prop_string(ctx, -2, "code");
	return duk_throw(ctx);
}

/* Doubles the output buffer, up to max; Z_MEM_ERROR when at max already
 * or out of memory. */
static int
grow(unsigned char **out, size_t *cap, size_t max)
{
	size_t n = *cap ? *cap * 2 : 1024;
	unsigned char *p;

	if (n > max)
		n = max;
	if (n <= *cap || (p = realloc(*out, n)) == NULL)
		return Z_MEM_ERROR;
	*out = p;
	*cap = n;
	return Z_OK;
}

struct job {
	z_stream zs;
	int mode;
	unsigned char *out;
	size_t cap, max;
};

static bool
inflating(int mode)
{
	return mode == M_INFLATE || mode == M_GUNZIP || mode == M_INFLATERAW || mode == M_UNZIP;
}

/* Runs the stream over all its input.  Z_OK when done; a zlib status, or
 * Z_MEM_ERROR past max, otherwise. */
static int
drive(struct job *j)
{
	int rc;

	for (;;) {
		if (j->zs.avail_out == 0) {
			size_t used = j->cap;

			if ((rc = grow(&j->out, &j->cap, j->max)) != Z_OK)
				return rc;
			j->zs.next_out = j->out + used;
			j->zs.avail_out = (uInt)(j->cap - used > UINT32_MAX ? UINT32_MAX : j->cap - used);
		}
		rc = inflating(j->mode) ? inflate(&j->zs, Z_FINISH) : deflate(&j->zs, Z_FINISH);
		if (rc == Z_STREAM_END) {
			/* Another gzip member follows: read it too. */
			if (j->mode == M_GUNZIP && j->zs.avail_in >= 2 && j->zs.next_in[0] == 0x1f &&
			    j->zs.next_in[1] == 0x8b && inflateReset(&j->zs) == Z_OK)
				continue;
			return Z_OK;
		}
		if (rc == Z_BUF_ERROR && j->zs.avail_out == 0)
			continue;
		if (rc != Z_OK)
			return rc;
	}
}

static int
start(struct job *j, int level, int wbits, int memlevel, int strategy)
{
	switch (j->mode) {
	case M_DEFLATE: return deflateInit2(&j->zs, level, Z_DEFLATED, wbits, memlevel, strategy);
	case M_GZIP: return deflateInit2(&j->zs, level, Z_DEFLATED, wbits + 16, memlevel, strategy);
	case M_DEFLATERAW: return deflateInit2(&j->zs, level, Z_DEFLATED, -wbits, memlevel, strategy);
	case M_INFLATE: return inflateInit2(&j->zs, wbits);
	case M_GUNZIP: return inflateInit2(&j->zs, wbits + 16);
	case M_INFLATERAW: return inflateInit2(&j->zs, -wbits);
	case M_UNZIP: return inflateInit2(&j->zs, wbits + 32);
	default: return Z_STREAM_ERROR;
	}
}

static duk_ret_t
z_run(duk_context *ctx)
{
	struct job j;
	duk_size_t inlen;
	unsigned char *in = duk_require_buffer_data(ctx, 1, &inlen);
	int rc;
	const char *msg;
	size_t n;

	memset(&j, 0, sizeof(j));
	j.mode = duk_require_int(ctx, 0);
	j.max = (size_t)duk_require_number(ctx, 6);
	rc = start(&j, duk_require_int(ctx, 2), duk_require_int(ctx, 3), duk_require_int(ctx, 4),
	    duk_require_int(ctx, 5));
	if (rc != Z_OK)
		return throw_zlib(ctx, rc, "Init error");
	j.zs.next_in = in;
	j.zs.avail_in = (uInt)inlen;
	rc = drive(&j);
	msg = j.zs.msg;
	n = j.cap - j.zs.avail_out;
	if (inflating(j.mode))
		inflateEnd(&j.zs);
	else
		deflateEnd(&j.zs);
	if (rc != Z_OK) {
		free(j.out);
		if (rc == Z_MEM_ERROR && j.cap >= j.max) {
			duk_push_error_object(ctx, DUK_ERR_RANGE_ERROR, "Cannot create a Buffer larger than %.0f bytes",
			    (double)j.max);
			duk_push_string(ctx, "ERR_BUFFER_TOO_LARGE");
			duk_put_prop_string(ctx, -2, "code");
			return duk_throw(ctx);
		}
		return throw_zlib(ctx, rc, msg);
	}
	wire_push_u8(ctx, j.out, n);
	free(j.out);
	return 1;
}

static duk_ret_t
z_crc32(duk_context *ctx)
{
	duk_size_t len;
	const unsigned char *p = duk_require_buffer_data(ctx, 0, &len);

	duk_push_number(ctx, (double)crc32((uLong)duk_get_uint_default(ctx, 1, 0), p, (uInt)len));
	return 1;
}

void
zlib_natives(duk_context *ctx, duk_idx_t native)
{
	native = duk_normalize_index(ctx, native);
	duk_push_object(ctx);
	rt_def_method(ctx, -1, "run", z_run, 7);
	rt_def_method(ctx, -1, "crc32", z_crc32, 2);
	duk_put_prop_string(ctx, native, "zlib");
}
