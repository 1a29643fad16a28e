/*
 * wc_conn.c - the connection: socket, handshake, frame I/O, matching
 * replies to requests, and the event queue (blocking) or the libevent
 * callbacks (attached).  The public contract is in workerclient.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/event.h>

#include "fdpass.h"
#include "frame.h"
#include "proto.h"
#include "sockpath.h"
#include "wc_clock.h"
#include "msg.h"
#include "wc_parse.h"
#include "wc_req.h"
#include "workerclient.h"

#define READ_CHUNK 65536
/* Room for the envelope around a max-size payload, before hello tells us. */
#define HELLO_MAX_FRAME (FRAME_MAX_DEFAULT + 4096)

struct pending {
	uint64_t rid;
	enum wc_op op;
	wc_reply_cb cb;
	void *arg;
};

struct queued_event {
	struct wc_event ev;
	struct queued_event *next;
};

struct wc_conn {
	int fd;
	char path[sizeof(((struct sockaddr_un *)0)->sun_path)];
	char server[64];
	size_t max_frame;
	uint64_t next_rid;
	struct evbuffer *in;
	struct fdq fdq;			/* descriptors that came with replies (WC_CHANNEL) */
	struct pbuf out;		/* blocking writes */

	/* blocking: the one call waiting for its reply */
	uint64_t want_rid;
	enum wc_op want_op;
	struct wc_reply *want_reply;
	bool got_reply;

	/* blocking: events read while waiting for replies */
	struct queued_event *qhead, *qtail;
	size_t qcount, qbytes;

	/* attached */
	struct event_base *base;
	struct bufferevent *bev;	/* writes; reading is rd_ev's (descriptors) */
	struct event *rd_ev;
	struct event *kick;		/* delivers what was queued before attach */
	struct wc_handlers h;
	void *harg;
	struct pending *pend;
	size_t npend;

	bool failed;
	struct wc_error fail;
	int depth;			/* callbacks running */
	bool closed;			/* wc_close called inside a callback */
};

static void conn_free(struct wc_conn *c);

static int
conn_failed(struct wc_conn *c, struct wc_error *err)
{
	if (err != NULL)
		*err = c->fail;
	return -1;
}

/* Marks the connection broken; every later call returns this error. */
static void
conn_fail(struct wc_conn *c, enum wc_code code, const char *msg)
{
	if (c->failed)
		return;
	c->failed = true;
	c->fail.code = code;
	snprintf(c->fail.msg, sizeof c->fail.msg, "%s", msg);
	if (c->bev != NULL && c->h.on_error != NULL) {
		c->depth++;
		c->h.on_error(c, &c->fail, c->harg);
		c->depth--;
	}
}

static void
queue_event(struct wc_conn *c, struct wc_event *ev)
{
	struct queued_event *q;

	if (c->qcount >= WC_MAX_QUEUED_EVENTS || c->qbytes + ev->doc_len > WC_MAX_QUEUED_BYTES ||
	    (q = malloc(sizeof *q)) == NULL) {
		wc_event_free(ev);
		conn_fail(c, WC_E_LIMIT_LOCAL, "event queue full: events were not read");
		return;
	}
	q->ev = *ev;
	q->next = NULL;
	if (c->qtail != NULL)
		c->qtail->next = q;
	else
		c->qhead = q;
	c->qtail = q;
	c->qcount++;
	c->qbytes += ev->doc_len;
}

static bool
unqueue_event(struct wc_conn *c, struct wc_event *ev)
{
	struct queued_event *q = c->qhead;

	if (q == NULL)
		return false;
	c->qhead = q->next;
	if (c->qhead == NULL)
		c->qtail = NULL;
	c->qcount--;
	c->qbytes -= q->ev.doc_len;
	*ev = q->ev;
	free(q);
	return true;
}

static void
deliver_event(struct wc_conn *c, struct wc_event *ev)
{
	if (c->bev == NULL) {
		queue_event(c, ev);
		return;
	}
	if (c->h.on_event != NULL) {
		c->depth++;
		c->h.on_event(c, ev, c->harg);
		c->depth--;
	}
	wc_event_free(ev);
}

static struct pending *
find_pending(struct wc_conn *c, uint64_t rid)
{
	size_t i;

	for (i = 0; i < c->npend; i++)
		if (c->pend[i].rid == rid)
			return &c->pend[i];
	return NULL;
}

/* A channel's or a ring's ok brings its descriptor, which came with the
 * reply's bytes and waits in the queue. */
static void
take_fd(struct wc_conn *c, struct wc_reply *r)
{
	if ((r->op != WC_CHANNEL && r->op != WC_RING) || r->err.code != WC_OK)
		return;
	if ((r->fd = fdq_take(&c->fdq)) < 0)
		wc_fail(&r->err, WC_E_PROTOCOL, "daemon sent a %s without its descriptor",
		    r->op == WC_RING ? "ring" : "channel");
}

static void
deliver_reply(struct wc_conn *c, uint8_t *doc, size_t len, const struct proto_msg *m)
{
	struct pending *p, taken;
	struct wc_reply r;

	if (!m->has_rid || m->rid == 0) {
		/* an error for a request sent without rid, or for hello */
		wc_parse_reply(doc, len, m, WC_POST, &r);
		conn_fail(c, r.err.code == WC_OK ? WC_E_PROTOCOL : r.err.code,
		    r.err.code == WC_OK ? "daemon sent a reply without rid" : r.err.msg);
		wc_reply_free(&r);
		return;
	}
	if (c->bev == NULL) {
		if (c->want_reply == NULL || m->rid != c->want_rid) {
			free(doc);	/* the reply to a call that timed out */
			return;
		}
		wc_parse_reply(doc, len, m, c->want_op, c->want_reply);
		take_fd(c, c->want_reply);
		c->got_reply = true;
		return;
	}
	if ((p = find_pending(c, m->rid)) == NULL) {
		free(doc);
		return;
	}
	taken = *p;
	*p = c->pend[--c->npend];
	wc_parse_reply(doc, len, m, taken.op, &r);
	take_fd(c, &r);
	if (taken.cb != NULL) {
		c->depth++;
		taken.cb(c, &r, taken.arg);
		c->depth--;
	} else if (r.fd >= 0) {
		close(r.fd);
	}
	wc_reply_free(&r);
}

static void
dispatch(struct wc_conn *c, uint8_t *doc, size_t len)
{
	struct proto_msg m;
	struct wc_event ev;
	struct wc_error err;
	const char *perr;

	if (proto_parse(doc, len, &m, &perr) < 0) {
		free(doc);
		conn_fail(c, WC_E_PROTOCOL, "daemon sent a malformed frame");
		return;
	}
	switch (m.type) {
	case MSG_EV:
		if (wc_parse_event(doc, len, &m, &ev, &err) < 0)
			conn_fail(c, err.code, err.msg);
		else
			deliver_event(c, &ev);
		return;
	case MSG_OK:
	case MSG_ERR:
		deliver_reply(c, doc, len, &m);
		return;
	default:
		free(doc);
		conn_fail(c, WC_E_PROTOCOL, "daemon sent an unexpected message");
	}
}

/* Takes every complete frame out of c->in.  Stops early when the caller's
 * blocking reply has come (so later events stay queued in order) or when
 * a callback closed the connection. */
static void
process_input(struct wc_conn *c)
{
	const uint8_t *doc;
	const char *ferr;
	uint8_t *copy;
	size_t len;
	int rc;

	while (!c->failed && !c->closed && !c->got_reply) {
		rc = frame_peek(c->in, c->max_frame, &doc, &len, &ferr);
		if (rc == FRAME_MORE)
			return;
		if (rc == FRAME_ERR) {
			conn_fail(c, WC_E_PROTOCOL, "daemon sent a bad frame");
			return;
		}
		if ((copy = malloc(len)) == NULL) {
			conn_fail(c, WC_E_LIMIT_LOCAL, "out of memory reading a frame");
			return;
		}
		memcpy(copy, doc, len);
		frame_drain(c->in, len);
		dispatch(c, copy, len);
	}
}

/* Blocking: reads once, waiting up to the deadline.  0, or -1 (failed or
 * timed out: *timedout tells). */
static int
read_some(struct wc_conn *c, double deadline, bool *timedout)
{
	struct pollfd pfd = { .fd = c->fd, .events = POLLIN };
	int n;

	*timedout = false;
	for (;;) {
		n = poll(&pfd, 1, wc_ms_left(deadline));
		if (n < 0 && errno == EINTR)
			continue;
		if (n == 0) {
			*timedout = true;
			return -1;
		}
		n = fdpass_read(c->fd, c->in, READ_CHUNK, &c->fdq);
		if (n < 0 && (errno == EAGAIN || errno == EINTR))
			continue;
		if (n <= 0) {
			conn_fail(c, WC_E_UNREACHABLE, "connection to the daemon lost");
			return -1;
		}
		return 0;
	}
}

static int
write_all(struct wc_conn *c, const uint8_t *p, size_t n, double deadline, struct wc_error *err)
{
	struct pollfd pfd = { .fd = c->fd, .events = POLLOUT };
	ssize_t w;
	int rc;

	while (n > 0) {
		w = send(c->fd, p, n, MSG_NOSIGNAL);
		if (w > 0) {
			p += w;
			n -= (size_t)w;
			continue;
		}
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0 && errno != EAGAIN) {
			conn_fail(c, WC_E_UNREACHABLE, "connection to the daemon lost");
			return conn_failed(c, err);
		}
		rc = poll(&pfd, 1, wc_ms_left(deadline));
		if (rc == 0)
			return wc_fail(err, WC_E_TIMEOUT, "timed out sending to the daemon");
	}
	return 0;
}

static int
timeout_error(struct wc_error *err, double timeout_s)
{
	return wc_fail(err, WC_E_TIMEOUT, "timed out after %g s", timeout_s);
}

int
wc_call(struct wc_conn *c, const struct wc_request *req, double timeout_s, struct wc_reply *out)
{
	double deadline = wc_deadline(timeout_s);
	bool timedout;
	int rc = -1;

	memset(out, 0, sizeof *out);
	out->op = req->op;
	out->fd = -1;
	if (c->bev != NULL)
		return wc_fail(&out->err, WC_E_USAGE, "blocking call on an attached connection");
	if (c->failed)
		return conn_failed(c, &out->err);
	pbuf_reset(&c->out);
	if (wc_req_write(&c->out, ++c->next_rid, req, &out->err) < 0)
		return -1;
	if (write_all(c, c->out.data, c->out.len, deadline, &out->err) < 0)
		return -1;
	c->want_rid = c->next_rid;
	c->want_op = req->op;
	c->want_reply = out;
	c->got_reply = false;
	for (;;) {
		process_input(c);
		if (c->got_reply) {
			rc = out->err.code == WC_OK ? 0 : -1;
			break;
		}
		if (c->failed) {
			conn_failed(c, &out->err);
			break;
		}
		if (read_some(c, deadline, &timedout) < 0) {
			if (timedout)
				timeout_error(&out->err, timeout_s);
			else
				conn_failed(c, &out->err);
			break;
		}
	}
	c->want_reply = NULL;
	c->got_reply = false;
	return rc;
}

int
wc_next_event(struct wc_conn *c, double timeout_s, struct wc_event *ev, struct wc_error *err)
{
	double deadline = wc_deadline(timeout_s);
	bool timedout;

	memset(ev, 0, sizeof *ev);
	if (c->bev != NULL)
		return wc_fail(err, WC_E_USAGE, "blocking call on an attached connection");
	for (;;) {
		if (unqueue_event(c, ev))
			return 0;
		if (c->failed)
			return conn_failed(c, err);
		process_input(c);
		if (c->qhead != NULL)
			continue;
		if (c->failed)
			return conn_failed(c, err);
		if (read_some(c, deadline, &timedout) < 0)
			return timedout ? timeout_error(err, timeout_s) : conn_failed(c, err);
	}
}

static int
send_frame(struct wc_conn *c, struct pbuf *b, struct wc_error *err)
{
	struct evbuffer *out;

	if (c->bev == NULL)
		return write_all(c, b->data, b->len, -1, err);
	out = bufferevent_get_output(c->bev);
	if (evbuffer_get_length(out) + b->len > WC_MAX_OUTPUT)
		return wc_fail(err, WC_E_LIMIT_LOCAL, "output queue full (%zu bytes)", WC_MAX_OUTPUT);
	if (bufferevent_write(c->bev, b->data, b->len) < 0)
		return wc_fail(err, WC_E_LIMIT_LOCAL, "out of memory queueing a request");
	return 0;
}

int
wc_send_noreply(struct wc_conn *c, const struct wc_request *req, struct wc_error *err)
{
	if (c->failed)
		return conn_failed(c, err);
	pbuf_reset(&c->out);
	if (wc_req_write(&c->out, 0, req, err) < 0)
		return -1;
	return send_frame(c, &c->out, err);
}

int
wc_call_async(struct wc_conn *c, const struct wc_request *req, wc_reply_cb cb, void *arg,
    struct wc_error *err)
{
	struct pending *p;

	if (c->bev == NULL)
		return wc_fail(err, WC_E_USAGE, "asynchronous call on a connection not attached");
	if (c->failed)
		return conn_failed(c, err);
	if (c->npend >= WC_MAX_PENDING)
		return wc_fail(err, WC_E_LIMIT_LOCAL, "too many requests in flight (%d)", WC_MAX_PENDING);
	pbuf_reset(&c->out);
	if (wc_req_write(&c->out, ++c->next_rid, req, err) < 0 || send_frame(c, &c->out, err) < 0)
		return -1;
	p = &c->pend[c->npend++];
	p->rid = c->next_rid;
	p->op = req->op;
	p->cb = cb;
	p->arg = arg;
	return 0;
}

/* Runs callbacks for what arrived; frees the connection if a callback
 * closed it. */
static void
pump(struct wc_conn *c)
{
	struct wc_event ev;

	c->depth++;
	while (!c->closed && unqueue_event(c, &ev))
		deliver_event(c, &ev);
	if (!c->closed)
		process_input(c);
	c->depth--;
	if (c->closed && c->depth == 0)
		conn_free(c);
}

static void lost(struct wc_conn *c);

static void
on_readable(evutil_socket_t fd, short what, void *arg)
{
	struct wc_conn *c = arg;
	int n = fdpass_read(c->fd, c->in, READ_CHUNK, &c->fdq);

	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return;
	if (n <= 0) {
		event_del(c->rd_ev);
		lost(c);
		return;
	}
	pump(c);
}

static void
on_kick(evutil_socket_t fd, short what, void *arg)
{
	pump(arg);
}

static void
on_bev_event(struct bufferevent *bev, short what, void *arg)
{
	if (what & (BEV_EVENT_EOF | BEV_EVENT_ERROR))
		lost(arg);
}

/* What was read is delivered first, then the failure. */
static void
lost(struct wc_conn *c)
{
	c->depth++;
	process_input(c);
	conn_fail(c, WC_E_UNREACHABLE, "connection to the daemon lost");
	c->depth--;
	if (c->closed && c->depth == 0)
		conn_free(c);
}

int
wc_attach(struct wc_conn *c, struct event_base *base, const struct wc_handlers *h, void *arg,
    struct wc_error *err)
{
	if (c->bev != NULL)
		return wc_fail(err, WC_E_USAGE, "connection already attached");
	c->pend = calloc(WC_MAX_PENDING, sizeof *c->pend);
	c->bev = bufferevent_socket_new(base, c->fd, 0);
	c->rd_ev = event_new(base, c->fd, EV_READ | EV_PERSIST, on_readable, c);
	c->kick = event_new(base, -1, 0, on_kick, c);
	if (c->pend == NULL || c->bev == NULL || c->rd_ev == NULL || c->kick == NULL)
		goto fail;
	c->base = base;
	c->h = *h;
	c->harg = arg;
	bufferevent_setcb(c->bev, NULL, NULL, on_bev_event, c);
	if (bufferevent_enable(c->bev, EV_WRITE) < 0 || event_add(c->rd_ev, NULL) < 0)
		goto fail;
	event_active(c->kick, 0, 0);
	return 0;
fail:
	if (c->rd_ev != NULL)
		event_free(c->rd_ev);
	if (c->kick != NULL)
		event_free(c->kick);
	if (c->bev != NULL)
		bufferevent_free(c->bev);
	free(c->pend);
	c->rd_ev = NULL;
	c->kick = NULL;
	c->bev = NULL;
	c->pend = NULL;
	return wc_fail(err, WC_E_LIMIT_LOCAL, "cannot attach to the event loop");
}

static int
connect_socket(struct wc_conn *c, struct wc_error *err)
{
	struct sockaddr_un sun;

	memset(&sun, 0, sizeof sun);
	sun.sun_family = AF_UNIX;
	memcpy(sun.sun_path, c->path, strlen(c->path) + 1);
	c->fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (c->fd < 0)
		return wc_fail(err, WC_E_UNREACHABLE, "socket: %s", strerror(errno));
	if (connect(c->fd, (struct sockaddr *)&sun, sizeof sun) < 0)
		return wc_fail(err, WC_E_UNREACHABLE, "daemon not reachable at %s: %s", c->path,
		    strerror(errno));
	if (fcntl(c->fd, F_SETFL, fcntl(c->fd, F_GETFL) | O_NONBLOCK) < 0)
		return wc_fail(err, WC_E_UNREACHABLE, "fcntl: %s", strerror(errno));
	return 0;
}

/* Sends hello and reads the daemon's hello (or its err). */
static int
handshake(struct wc_conn *c, const char *client_name, double deadline, double timeout_s,
    struct wc_error *err)
{
	const uint8_t *doc;
	const char *ferr;
	struct proto_msg m;
	struct msg_welcome w;
	bool timedout;
	size_t len;
	int rc;

	if (wc_req_hello(&c->out, client_name, err) < 0 ||
	    write_all(c, c->out.data, c->out.len, deadline, err) < 0)
		return -1;
	while ((rc = frame_peek(c->in, c->max_frame, &doc, &len, &ferr)) == FRAME_MORE) {
		if (read_some(c, deadline, &timedout) < 0) {
			if (timedout)
				return wc_fail(err, WC_E_TIMEOUT, "daemon at %s did not answer within %g s",
				    c->path, timeout_s);
			return wc_fail(err, WC_E_UNREACHABLE, "daemon at %s closed the connection",
			    c->path);
		}
	}
	if (rc == FRAME_ERR || proto_parse(doc, len, &m, &ferr) < 0)
		return wc_fail(err, WC_E_PROTOCOL, "daemon at %s sent a bad handshake", c->path);
	if (m.type == MSG_ERR) {
		uint8_t *copy = malloc(len);
		struct wc_reply r;

		if (copy == NULL)
			return wc_fail(err, WC_E_LIMIT_LOCAL, "out of memory");
		memcpy(copy, doc, len);
		wc_parse_reply(copy, len, &m, WC_POST, &r);
		*err = r.err;
		wc_reply_free(&r);
		return -1;
	}
	if (m.type != MSG_HELLO)
		return wc_fail(err, WC_E_PROTOCOL, "daemon at %s sent a bad handshake", c->path);
	if (msg_read_welcome(&m, &w, &ferr) < 0)
		return wc_fail(err, WC_E_PROTOCOL, "daemon at %s sent a bad handshake: %s", c->path, ferr);
	if (w.server.p != NULL)
		snprintf(c->server, sizeof c->server, "%.*s", (int)w.server.n, w.server.p);
	if (w.max_frame > 0)
		c->max_frame = w.max_frame;
	frame_drain(c->in, len);
	return 0;
}

struct wc_conn *
wc_connect(const char *socket_path, const char *client_name, double timeout_s, struct wc_error *err)
{
	struct wc_conn *c = calloc(1, sizeof *c);
	char perr[256];

	if (c == NULL) {
		wc_fail(err, WC_E_LIMIT_LOCAL, "out of memory");
		return NULL;
	}
	c->fd = -1;
	c->max_frame = HELLO_MAX_FRAME;
	pbuf_init(&c->out);
	if ((c->in = evbuffer_new()) == NULL) {
		wc_fail(err, WC_E_LIMIT_LOCAL, "out of memory");
		goto fail;
	}
	if (sockpath_resolve(socket_path, c->path, sizeof c->path, perr, sizeof perr) < 0) {
		wc_fail(err, WC_E_USAGE, "%s", perr);
		goto fail;
	}
	if (connect_socket(c, err) < 0 ||
	    handshake(c, client_name != NULL ? client_name : "libworkerclient",
	    wc_deadline(timeout_s), timeout_s, err) < 0)
		goto fail;
	return c;
fail:
	conn_free(c);
	return NULL;
}

static void
conn_free(struct wc_conn *c)
{
	struct wc_event ev;

	while (unqueue_event(c, &ev))
		wc_event_free(&ev);
	if (c->kick != NULL)
		event_free(c->kick);
	if (c->rd_ev != NULL)
		event_free(c->rd_ev);
	if (c->bev != NULL)
		bufferevent_free(c->bev);
	if (c->in != NULL)
		evbuffer_free(c->in);
	fdq_clear(&c->fdq);
	if (c->fd >= 0)
		close(c->fd);
	pbuf_free(&c->out);
	free(c->pend);
	free(c);
}

void
wc_close(struct wc_conn *c)
{
	if (c == NULL)
		return;
	if (c->depth > 0) {
		c->closed = true;
		return;
	}
	conn_free(c);
}

const char *
wc_socket_path(const struct wc_conn *c)
{
	return c->path;
}

const char *
wc_server(const struct wc_conn *c)
{
	return c->server;
}

size_t
wc_max_frame(const struct wc_conn *c)
{
	return c->max_frame;
}
