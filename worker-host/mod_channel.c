/*
 * mod_channel.c - MessagePort and BroadcastChannel messages through the
 * worker's clone codec (mod_channel.h): the bytes of a message are made
 * when it is posted, so what the sender changes afterwards does not reach
 * the receiver, and they are decoded in the receiver's task; a
 * BroadcastChannel's also go to the daemon as a bc_post frame.
 */
#include "mod_channel.h"

#include <stdio.h>
#include <string.h>

#include "clone_duk.h"
#include "globals.h"
#include "hlink.h"
#include "host.h"
#include "msg.h"
#include "report.h"
#include "rt_define.h"
#include "wire.h"

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
copy_safe(duk_context *ctx, void *udata)
{
	const struct pbuf *b = udata;
	void *p = duk_push_fixed_buffer(ctx, b->len);

	if (b->len > 0)
		memcpy(p, b->data, b->len);
	return 1;
}

/* Pushes the bytes of b as a plain buffer and frees b, or throws (the
 * heap is full) with b freed all the same. */
static void
push_bytes(duk_context *ctx, struct pbuf *b)
{
	duk_int_t rc = duk_safe_call(ctx, copy_safe, b, 0, 1);

	pbuf_free(b);
	if (rc != DUK_EXEC_SUCCESS)
		(void)duk_throw(ctx);
}

static duk_ret_t
n_port_encode(duk_context *ctx)
{
	struct pbuf data;

	duk_set_top(ctx, 3);
	pbuf_init(&data);
	data.limit = host_get(ctx)->alloc.cap;
	globals_encode(ctx, 0, optional(ctx, 1), optional(ctx, 2), &data);
	push_bytes(ctx, &data);
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

/* Throws a DOMException (web_events.js) named name. */
static duk_ret_t
throw_dom(duk_context *ctx, const char *msg, const char *name)
{
	duk_push_string(ctx, msg);
	duk_push_string(ctx, name);
	(void)globals_call(ctx, "domException", 2);
	return duk_throw(ctx);
}

/* The string at idx as the wire holds it (UTF-8, lone surrogates as
 * U+FFFD) in b; -1 (b freed) when out of memory. */
static int
wire_name(duk_context *ctx, struct pbuf *b, duk_idx_t idx, struct msg_str *out)
{
	duk_require_string(ctx, idx);
	pbuf_init(b);
	if (wire_utf8_at(b, ctx, idx) == -1) {
		pbuf_free(b);
		return -1;
	}
	*out = (struct msg_str){ (const char *)b->data, b->len };
	return 0;
}

static duk_ret_t
oom(duk_context *ctx)
{
	return duk_error(ctx, DUK_ERR_RANGE_ERROR, "out of memory");
}

static duk_ret_t
n_bc_key(duk_context *ctx)
{
	struct pbuf b;
	struct msg_str s;
	int rc;

	if (wire_name(ctx, &b, 0, &s) == -1)
		return oom(ctx);
	rc = wire_push_str(ctx, s.p, s.n);
	pbuf_free(&b);
	return rc == -1 ? oom(ctx) : 1;
}

/* A bc_join or bc_leave for the name at 0: 0, -1 when out of memory, -2
 * (nothing sent) when its UTF-8 is longer than limit bytes. */
static int
send_name(duk_context *ctx, enum msg_type type, size_t limit)
{
	struct host *h = host_get(ctx);
	struct msg_bcast m = { 0 };
	struct pbuf b;
	int rc;

	if (wire_name(ctx, &b, 0, &m.name) == -1)
		return -1;
	if (m.name.n > limit)
		rc = -2;
	else
		rc = msg_write_bcast(link_frame(h), type, &m) == -1 || link_commit(h) == -1 ? -1 : 0;
	pbuf_free(&b);
	return rc;
}

/* bcJoin(key, names open): the bounds of msg.h, then bc_join. */
static duk_ret_t
n_bc_join(duk_context *ctx)
{
	char msg[160];
	int rc;

	if (duk_require_uint(ctx, 1) >= BC_NAMES_MAX) {
		snprintf(msg, sizeof(msg), "a worker may have at most %d BroadcastChannel names open", BC_NAMES_MAX);
		return throw_dom(ctx, msg, "QuotaExceededError");
	}
	if ((rc = send_name(ctx, MSG_BC_JOIN, BC_NAME_MAX)) == -2) {
		snprintf(msg, sizeof(msg), "a BroadcastChannel name is at most %d bytes of UTF-8", BC_NAME_MAX);
		return throw_dom(ctx, msg, "QuotaExceededError");
	}
	return rc == -1 ? oom(ctx) : 0;
}

static duk_ret_t
n_bc_leave(duk_context *ctx)
{
	return send_name(ctx, MSG_BC_LEAVE, BC_NAME_MAX) == -1 ? oom(ctx) : 0;
}

/* bcPost(key, value): bc_post to the daemon; the bytes, for the worker's
 * own other channels of the name. */
static duk_ret_t
n_bc_post(duk_context *ctx)
{
	struct host *h = host_get(ctx);
	struct pbuf data, name;
	struct msg_bcast m = { 0 };
	char msg[160];

	duk_set_top(ctx, 2);
	duk_require_string(ctx, 0);
	pbuf_init(&data);
	data.limit = h->max_frame;
	globals_encode(ctx, 1, DUK_INVALID_INDEX, DUK_INVALID_INDEX, &data);
	if (wire_name(ctx, &name, 0, &m.name) == -1) {
		pbuf_free(&data);
		return oom(ctx);
	}
	m.data = (struct msg_val){ data.data, data.len };
	if (msg_write_bcast(link_frame(h), MSG_BC_POST, &m) == -1 || link_commit(h) == -1) {
		snprintf(msg, sizeof(msg), "message too large: %zu bytes, the frame limit is %zu", data.len, h->max_frame);
		pbuf_free(&data);
		pbuf_free(&name);
		return report_throw_clone_error(ctx, msg);
	}
	pbuf_free(&name);
	push_bytes(ctx, &data);
	return 1;
}

void
channel_natives(duk_context *ctx, duk_idx_t native)
{
	rt_def_method(ctx, native, "bcKey", n_bc_key, 1);
	rt_def_method(ctx, native, "bcJoin", n_bc_join, 2);
	rt_def_method(ctx, native, "bcLeave", n_bc_leave, 1);
	rt_def_method(ctx, native, "bcPost", n_bc_post, 2);
	rt_def_method(ctx, native, "markPort", n_mark_port, 1);
	rt_def_method(ctx, native, "portEncode", n_port_encode, 3);
	rt_def_method(ctx, native, "portDecode", n_port_decode, 2);
}
