#include "wc_req.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fileurl.h"
#include "msg.h"

static const enum msg_type op_type[WC__OP_COUNT] = {
	[WC_SPAWN] = MSG_SPAWN, [WC_POST] = MSG_POST, [WC_RECV] = MSG_RECV,
	[WC_TERMINATE] = MSG_TERMINATE, [WC_WAIT] = MSG_WAIT, [WC_SUBSCRIBE] = MSG_SUBSCRIBE,
	[WC_UNSUBSCRIBE] = MSG_UNSUBSCRIBE, [WC_LIST] = MSG_LIST, [WC_STATUS] = MSG_STATUS,
	[WC_REF] = MSG_REF, [WC_UNREF] = MSG_UNREF, [WC_LOGS] = MSG_LOGS,
	[WC_CHANNEL] = MSG_CHANNEL, [WC_RING] = MSG_RING,
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
	struct msg_spawn m = {
		.rid = rid,
		.script = { o->script, strlen(o->script) },
		.cwd = { cwd, strlen(cwd) },
		.args = { .count = (uint32_t)o->nargs, .v = o->args },
		.env = { .count = (uint32_t)o->nenv, .v = o->env },
		.smol = o->smol,
		.heap_limit = o->heap_limit,
		.ref = !o->unref,
		.owner = { o->client_owned ? "client" : "daemon", 6 },
		.attach = o->attach,
		.legacy_decorators = o->legacy_decorators,
	};

	if (o->name != NULL)
		m.name = (struct msg_str){ o->name, strlen(o->name) };
	if (o->data != NULL)
		m.data = (struct msg_val){ o->data, o->data_len };
	return msg_write_spawn(b, &m);
}

static bool
op_has_wid(enum wc_op op)
{
	return op != WC_SPAWN && op != WC_SUBSCRIBE && op != WC_UNSUBSCRIBE && op != WC_LIST;
}

static int
write_op(struct pbuf *b, uint64_t rid, const struct wc_request *req)
{
	struct msg_wid id = { .is_name = false };
	struct msg_list ids = { .count = (uint32_t)req->nwids, .v = req->nwids > 0 ? req->wids : NULL };

	if (req->wid != NULL)
		msg_wid_from(&id, req->wid);
	switch (req->op) {
	case WC_POST:
		return msg_write_post(b, &(struct msg_post){ .rid = rid, .id = id,
		    .wait = req->post_wait, .data = { req->data, req->data_len }, .ring = req->ring_len });
	case WC_RING:
		return msg_write_ring(b, &(struct msg_ring){ .rid = rid, .id = id, .size = req->ring_size });
	case WC_RECV:
		return msg_write_recv(b, &(struct msg_recv){ .rid = rid, .id = id,
		    .n = req->n == 0 ? 1 : req->n, .wait = !req->nowait });
	case WC_SUBSCRIBE:
	case WC_UNSUBSCRIBE:
		return msg_write_subscribe(b, op_type[req->op], &(struct msg_subscribe){ .rid = rid,
		    .consume = req->consume, .ids = ids });
	case WC_LIST:
		return msg_write_list_req(b, &(struct msg_list_req){ .rid = rid });
	case WC_LOGS:
		return msg_write_logs(b, &(struct msg_logs){ .rid = rid, .id = id,
		    .follow = req->follow });
	default:
		return msg_write_target(b, op_type[req->op], &(struct msg_target){ .rid = rid, .id = id });
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
	if (req->op == WC_POST && (req->data == NULL || req->data_len == 0) == (req->ring_len == 0))
		return wc_fail(err, WC_E_USAGE, req->ring_len == 0 ? "post: no value" : "post: both a value and ring bytes");
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
	} else if (write_op(b, rid, req) < 0)
		goto nomem;
	return 0;
nomem:
	pbuf_truncate(b, start);
	return wc_fail(err, WC_E_LIMIT_LOCAL, "request too large for a frame");
}

int
wc_req_hello(struct pbuf *b, const char *client_name, struct wc_error *err)
{
	struct msg_hello m = { .v = PROTO_VERSION, .client = { client_name, strlen(client_name) } };

	if (msg_write_hello(b, &m) < 0)
		return wc_fail(err, WC_E_LIMIT_LOCAL, "out of memory");
	return 0;
}
