/*
 * mod_channel.c - MessagePort messages through the worker's clone codec
 * (mod_channel.h): the bytes of a message are made when it is posted, so
 * what the sender changes afterwards does not reach the receiver, and they
 * are decoded in the receiver's task.
 */
#include "mod_channel.h"

#include <string.h>

#include "clone_duk.h"
#include "globals.h"
#include "host.h"
#include "report.h"
#include "rt_define.h"

static duk_ret_t
n_mark_port(duk_context *ctx)
{
	duk_require_object(ctx, 0);
	clone_mark_port(ctx, 0);
	return 0;
}

static duk_idx_t
optional(duk_context *ctx, duk_idx_t idx)
{
	return duk_is_undefined(ctx, idx) ? DUK_INVALID_INDEX : idx;
}

static duk_ret_t
n_port_encode(duk_context *ctx)
{
	struct pbuf data;
	void *p;

	duk_set_top(ctx, 3);
	pbuf_init(&data);
	data.limit = host_get(ctx)->alloc.cap;
	globals_encode(ctx, 0, optional(ctx, 1), optional(ctx, 2), &data);
	p = duk_push_fixed_buffer(ctx, data.len);
	if (data.len > 0)
		memcpy(p, data.data, data.len);
	pbuf_free(&data);
	return 1;
}

static duk_ret_t
n_port_decode(duk_context *ctx)
{
	duk_size_t n;
	const uint8_t *p = duk_require_buffer(ctx, 0, &n);
	char err[256];

	duk_set_top(ctx, 2);
	if (globals_decode(ctx, p, n, optional(ctx, 1), err, sizeof(err)) == -1)
		return report_throw_clone_error(ctx, err);
	return 1;
}

void
channel_natives(duk_context *ctx, duk_idx_t native)
{
	rt_def_method(ctx, native, "markPort", n_mark_port, 1);
	rt_def_method(ctx, native, "portEncode", n_port_encode, 3);
	rt_def_method(ctx, native, "portDecode", n_port_decode, 2);
}
