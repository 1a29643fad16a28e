#include "wc_req.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fileurl.h"
#include "mpwrite.h"
#include "proto.h"

static const enum msg_type op_type[WC__OP_COUNT] = {
	[WC_SPAWN] = MSG_SPAWN, [WC_POST] = MSG_POST, [WC_RECV] = MSG_RECV,
	[WC_TERMINATE] = MSG_TERMINATE, [WC_WAIT] = MSG_WAIT, [WC_SUBSCRIBE] = MSG_SUBSCRIBE,
	[WC_UNSUBSCRIBE] = MSG_UNSUBSCRIBE, [WC_LIST] = MSG_LIST, [WC_STATUS] = MSG_STATUS,
	[WC_REF] = MSG_REF, [WC_UNREF] = MSG_UNREF, [WC_LOGS] = MSG_LOGS,
};

int
wc_fail(struct wc_error *err, enum wc_code code, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL)
		return -1;
	err->code = code;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	va_end(ap);
	return -1;
}

/* All digits (and fitting a uint64) is an id, anything else a name. */
static int
write_wid(struct pbuf *b, const char *wid)
{
	char *end;
	unsigned long long v;

	if (wid[0] >= '0' && wid[0] <= '9' && strspn(wid, "0123456789") == strlen(wid)) {
		errno = 0;
		v = strtoull(wid, &end, 10);
		if (errno == 0 && *end == '\0')
			return mpw_uint(b, v);
	}
	return mpw_cstr(b, wid);
}

static int
write_strs(struct pbuf *b, const char *const *v, size_t n)
{
	size_t i;

	if (mpw_array(b, (uint32_t)n) < 0)
		return -1;
	for (i = 0; i < n; i++)
		if (mpw_cstr(b, v[i]) < 0)
			return -1;
	return 0;
}

static int
write_wids(struct pbuf *b, const char *const *v, size_t n)
{
	size_t i;

	if (mpw_array(b, (uint32_t)n) < 0)
		return -1;
	for (i = 0; i < n; i++)
		if (write_wid(b, v[i]) < 0)
			return -1;
	return 0;
}

static int
write_env(struct pbuf *b, const char *const *env, size_t n)
{
	size_t i;
	const char *eq;

	if (mpw_map(b, (uint32_t)n) < 0)
		return -1;
	for (i = 0; i < n; i++) {
		eq = strchr(env[i], '=');
		if (mpw_str(b, env[i], (size_t)(eq - env[i])) < 0 || mpw_cstr(b, eq + 1) < 0)
			return -1;
	}
	return 0;
}

static int
check_spawn(const struct wc_spawn_opts *o, struct wc_error *err)
{
	char path[PATH_MAX], uerr[96];
	size_t i;

	if (o == NULL || o->script == NULL || o->script[0] == '\0')
		return wc_fail(err, WC_E_USAGE, "spawn: no script given");
	/* A refused URL fails here, before anything is sent; the daemon decodes. */
	if (fileurl_path(o->script, strlen(o->script), path, sizeof path, uerr, sizeof uerr) == -1)
		return wc_fail(err, WC_E_USAGE, "script %s: %s", o->script, uerr);
	for (i = 0; i < o->nenv; i++)
		if (strchr(o->env[i], '=') == NULL || o->env[i][0] == '=')
			return wc_fail(err, WC_E_USAGE, "environment entry '%s': expected K=V", o->env[i]);
	if (o->name != NULL && o->name[0] == '\0')
		return wc_fail(err, WC_E_USAGE, "spawn: empty worker name");
	return 0;
}

static int
write_spawn(struct pbuf *b, uint64_t rid, const struct wc_spawn_opts *o, const char *cwd)
{
	long off = proto_begin(b, MSG_SPAWN, 9 + (rid != 0) + (o->name != NULL));

	if (off < 0)
		return -1;
	if (rid != 0 && (proto_key(b, "rid") < 0 || mpw_uint(b, rid) < 0))
		return -1;
	if (proto_key(b, "script") < 0 || mpw_cstr(b, o->script) < 0 ||
	    proto_key(b, "cwd") < 0 || mpw_cstr(b, cwd) < 0 ||
	    proto_key(b, "args") < 0 || write_strs(b, o->args, o->nargs) < 0 ||
	    proto_key(b, "env") < 0 || write_env(b, o->env, o->nenv) < 0 ||
	    proto_key(b, "smol") < 0 || mpw_bool(b, o->smol) < 0 ||
	    proto_key(b, "heap_limit") < 0 || mpw_uint(b, o->heap_limit) < 0 ||
	    proto_key(b, "ref") < 0 || mpw_bool(b, !o->unref) < 0 ||
	    proto_key(b, "owner") < 0 || mpw_cstr(b, o->client_owned ? "client" : "daemon") < 0 ||
	    proto_key(b, "attach") < 0 || mpw_bool(b, o->attach) < 0)
		return -1;
	if (o->name != NULL && (proto_key(b, "name") < 0 || mpw_cstr(b, o->name) < 0))
		return -1;
	return proto_end(b, off);
}

static bool
op_has_wid(enum wc_op op)
{
	return op != WC_SPAWN && op != WC_SUBSCRIBE && op != WC_UNSUBSCRIBE && op != WC_LIST;
}

/* Counts the fields an op writes besides t and rid. */
static uint32_t
op_fields(const struct wc_request *req)
{
	switch (req->op) {
	case WC_POST:
		return 3;
	case WC_RECV:
		return 3;
	case WC_SUBSCRIBE:
		return 1 + (req->nwids > 0);
	case WC_UNSUBSCRIBE:
		return req->nwids > 0;
	case WC_LIST:
		return 0;
	case WC_LOGS:
		return 2;
	default:
		return 1;
	}
}

static int
write_fields(struct pbuf *b, const struct wc_request *req)
{
	if (op_has_wid(req->op) && (proto_key(b, "id") < 0 || write_wid(b, req->wid) < 0))
		return -1;
	switch (req->op) {
	case WC_POST:
		if (proto_key(b, "wait") < 0 || mpw_bool(b, req->post_wait) < 0)
			return -1;
		return proto_key(b, "data") < 0 ? -1 : mpw_raw(b, req->data, req->data_len);
	case WC_RECV:
		if (proto_key(b, "n") < 0 || mpw_uint(b, req->n == 0 ? 1 : req->n) < 0)
			return -1;
		return proto_key(b, "wait") < 0 ? -1 : mpw_bool(b, !req->nowait);
	case WC_SUBSCRIBE:
		if (proto_key(b, "consume") < 0 || mpw_bool(b, req->consume) < 0)
			return -1;
		/* FALLTHROUGH */
	case WC_UNSUBSCRIBE:
		if (req->nwids == 0)
			return 0;
		return proto_key(b, "ids") < 0 ? -1 : write_wids(b, req->wids, req->nwids);
	case WC_LOGS:
		return proto_key(b, "follow") < 0 ? -1 : mpw_bool(b, req->follow);
	default:
		return 0;
	}
}

static int
check_request(const struct wc_request *req, struct wc_error *err)
{
	if ((unsigned)req->op >= WC__OP_COUNT)
		return wc_fail(err, WC_E_USAGE, "unknown request");
	if (op_has_wid(req->op) && (req->wid == NULL || req->wid[0] == '\0'))
		return wc_fail(err, WC_E_USAGE, "no worker id or name given");
	if (req->op == WC_RECV && req->n > 1024)
		return wc_fail(err, WC_E_USAGE, "recv: count %u is over 1024", req->n);
	if (req->op == WC_POST && (req->data == NULL || req->data_len == 0))
		return wc_fail(err, WC_E_USAGE, "post: no value");
	if (req->op == WC_SUBSCRIBE && req->consume && req->nwids != 1)
		return wc_fail(err, WC_E_USAGE, "subscribe: consume names exactly one worker");
	return 0;
}

int
wc_req_write(struct pbuf *b, uint64_t rid, const struct wc_request *req, struct wc_error *err)
{
	size_t start = b->len;
	char cwd[PATH_MAX];
	const char *dir;
	long off;

	if (check_request(req, err) < 0)
		return -1;
	if (req->op == WC_SPAWN && check_spawn(req->spawn, err) < 0)
		return -1;
	if (req->op == WC_SPAWN) {
		dir = req->spawn->cwd;
		if (dir == NULL && (dir = getcwd(cwd, sizeof cwd)) == NULL)
			return wc_fail(err, WC_E_USAGE, "spawn: cannot get the working directory: %s",
			    strerror(errno));
		if (write_spawn(b, rid, req->spawn, dir) < 0)
			goto nomem;
	} else {
		off = proto_begin(b, op_type[req->op], op_fields(req) + (rid != 0));
		if (off < 0)
			goto nomem;
		if (rid != 0 && (proto_key(b, "rid") < 0 || mpw_uint(b, rid) < 0))
			goto nomem;
		if (write_fields(b, req) < 0 || proto_end(b, off) < 0)
			goto nomem;
	}
	return 0;
nomem:
	pbuf_truncate(b, start);
	return wc_fail(err, WC_E_LIMIT_LOCAL, "request too large for a frame");
}

int
wc_req_hello(struct pbuf *b, const char *client_name, struct wc_error *err)
{
	size_t start = b->len;
	long off;

	if ((off = proto_begin(b, MSG_HELLO, 2)) < 0 ||
	    proto_key(b, "v") < 0 || mpw_uint(b, PROTO_VERSION) < 0 ||
	    proto_key(b, "client") < 0 || mpw_cstr(b, client_name) < 0 ||
	    proto_end(b, off) < 0) {
		pbuf_truncate(b, start);
		return wc_fail(err, WC_E_LIMIT_LOCAL, "out of memory");
	}
	return 0;
}
