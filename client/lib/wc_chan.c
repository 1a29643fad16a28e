/*
 * wc_chan.c - the client's end of a direct channel to a worker
 * (workerclient.h, docs/protocol.md 2.9): `post` frames out, the worker's
 * `message` frames in, an `err` frame when the worker refused what came,
 * in the blocking form (poll) or the libevent form (two events on the
 * socket, no bufferevent, so that one buffer serves both forms).
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <event2/buffer.h>
#include <event2/event.h>

#include "frame.h"
#include "msg.h"
#include "proto.h"
#include "spin.h"
#include "wc_clock.h"
#include "wc_parse.h"
#include "wc_req.h"
#include "workerclient.h"

#define CHAN_READ_CHUNK 65536

struct wc_chan {
	int fd;
	size_t max_frame;
	struct evbuffer *in;
	struct evbuffer *out;		/* libevent form: posts not yet written */
	struct pbuf frame;		/* the post being built */
	uint8_t *msg;			/* blocking: the document wc_chan_recv returned */
	struct spin spin;		/* blocking: the poll before sleeping */
	bool eof;
	bool failed;
	struct wc_error fail;

	struct event *rd_ev, *wr_ev;
	struct wc_chan_handlers h;
	void *harg;
	int depth;			/* callbacks running */
	bool closed;			/* wc_chan_close inside a callback */
	bool ended;			/* on_end was called */
};

struct wc_chan *
wc_chan_from_fd(int fd, size_t max_frame, struct wc_error *err)
{
	struct wc_chan *ch = calloc(1, sizeof *ch);

	if (ch == NULL || (ch->in = evbuffer_new()) == NULL || (ch->out = evbuffer_new()) == NULL ||
	    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) < 0) {
		if (ch != NULL) {
			ch->fd = -1;
			wc_chan_close(ch);
		}
		close(fd);
		wc_fail(err, WC_E_LIMIT_LOCAL, "direct channel: out of memory");
		return NULL;
	}
	ch->fd = fd;
	ch->max_frame = max_frame;
	pbuf_init(&ch->frame);
	spin_init(&ch->spin, SPIN_DEFAULT_US);
	return ch;
}

unsigned
wc_chan_busy_poll(struct wc_chan *ch, unsigned usec)
{
	spin_init(&ch->spin, usec);
	return (unsigned)(ch->spin.budget_ns / 1000);
}

struct wc_chan *
wc_channel_open(struct wc_conn *c, const char *wid, double timeout_s, struct wc_error *err)
{
	struct wc_request req = { .op = WC_CHANNEL, .wid = wid };
	struct wc_reply r;
	int fd;

	if (wc_call(c, &req, timeout_s, &r) < 0) {
		if (err != NULL)
			*err = r.err;
		wc_reply_free(&r);
		return NULL;
	}
	fd = r.fd;
	wc_reply_free(&r);
	return wc_chan_from_fd(fd, wc_max_frame(c), err);
}

static void
chan_free(struct wc_chan *ch)
{
	if (ch->rd_ev != NULL)
		event_free(ch->rd_ev);
	if (ch->wr_ev != NULL)
		event_free(ch->wr_ev);
	if (ch->in != NULL)
		evbuffer_free(ch->in);
	if (ch->out != NULL)
		evbuffer_free(ch->out);
	if (ch->fd >= 0)
		close(ch->fd);
	pbuf_free(&ch->frame);
	free(ch->msg);
	free(ch);
}

void
wc_chan_close(struct wc_chan *ch)
{
	if (ch == NULL)
		return;
	if (ch->depth > 0) {
		ch->closed = true;
		return;
	}
	chan_free(ch);
}

static int
chan_failed(struct wc_chan *ch, struct wc_error *err)
{
	if (err != NULL)
		*err = ch->fail;
	return -1;
}

static void
chan_fail(struct wc_chan *ch, enum wc_code code, const char *msg)
{
	if (ch->failed)
		return;
	ch->failed = true;
	wc_fail(&ch->fail, code, "direct channel: %s", msg);
}

/* One whole frame from in: 1 with the message's value in *v (pointing
 * into the pulled-up input, at *off from the frame's start; *len the
 * document's length, to drain), 0 when more bytes are needed, -1 when the
 * channel failed (the worker's err frame, or a bad one). */
static int
next_message(struct wc_chan *ch, struct wc_value *v, size_t *off, size_t *len)
{
	const uint8_t *doc;
	const char *why;
	struct proto_msg m;
	struct msg_data data;
	struct wc_reply r;
	uint8_t *copy;
	int rc;

	if (ch->failed)
		return -1;
	if ((rc = frame_peek(ch->in, ch->max_frame, &doc, len, &why)) == FRAME_MORE)
		return 0;
	if (rc == FRAME_ERR || proto_parse(doc, *len, &m, &why) < 0) {
		chan_fail(ch, WC_E_PROTOCOL, "the worker sent a bad frame");
		return -1;
	}
	if (m.type == MSG_MESSAGE && msg_read_data(&m, &data, &why) == 0) {
		*v = (struct wc_value){ data.data.p, data.data.n };
		*off = 4 + (size_t)(data.data.p - doc);
		return 1;
	}
	if (m.type != MSG_ERR || (copy = malloc(*len)) == NULL) {
		chan_fail(ch, WC_E_PROTOCOL, "the worker sent an unexpected frame");
		return -1;
	}
	memcpy(copy, doc, *len);
	wc_parse_reply(copy, *len, &m, WC_POST, &r);
	ch->failed = true;
	ch->fail = r.err;
	wc_reply_free(&r);
	return -1;
}

/* Reads what the socket has: 1 read, 0 nothing now, -1 at EOF or error
 * (eof set). */
static int
read_some(struct wc_chan *ch)
{
	int n = evbuffer_read(ch->in, ch->fd, CHAN_READ_CHUNK);

	if (n > 0)
		return 1;
	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return 0;
	ch->eof = true;
	return -1;
}

/* The busy-poll's question: did a read bring bytes, or the end? */
static int
read_ready(void *arg)
{
	return read_some(arg) != 0;
}

int
wc_chan_recv(struct wc_chan *ch, double timeout_s, struct wc_value *v, struct wc_error *err)
{
	double deadline = wc_deadline(timeout_s);
	struct pollfd pfd = { .fd = ch->fd, .events = POLLIN };
	size_t off, len;
	int rc;

	free(ch->msg);
	ch->msg = NULL;
	for (;;) {
		if ((rc = next_message(ch, v, &off, &len)) < 0)
			return chan_failed(ch, err);
		if (rc == 1) {
			/* the value must outlive the drain */
			if ((ch->msg = malloc(len + 4)) == NULL)
				return wc_fail(err, WC_E_LIMIT_LOCAL, "direct channel: out of memory");
			evbuffer_remove(ch->in, ch->msg, len + 4);
			v->p = ch->msg + off;
			return 1;
		}
		if (ch->eof)
			return 0;
		if (spin_until(&ch->spin, read_ready, ch) == 1) {
			spin_woke(&ch->spin);
			continue;
		}
		rc = poll(&pfd, 1, wc_ms_left(deadline));
		if (rc < 0 && errno == EINTR)
			continue;
		if (rc == 0)
			return wc_fail(err, WC_E_TIMEOUT, "direct channel: timed out after %g s", timeout_s);
		if (read_some(ch) == 1)
			spin_woke(&ch->spin);
	}
}

/* The post frame of one value in ch->frame; -1 with err. */
static int
build_post(struct wc_chan *ch, const uint8_t *p, size_t n, struct wc_error *err)
{
	if (ch->failed)
		return chan_failed(ch, err);
	if (ch->eof)
		return wc_fail(err, WC_E_CLOSED, "direct channel: the worker's end is closed");
	if (p == NULL || n == 0)
		return wc_fail(err, WC_E_USAGE, "post: no value");
	pbuf_reset(&ch->frame);
	if (msg_write_data(&ch->frame, MSG_POST, &(struct msg_data){ { p, n } }) < 0)
		return wc_fail(err, WC_E_LIMIT_LOCAL, "direct channel: out of memory");
	if (ch->frame.len - 4 > ch->max_frame)
		return wc_fail(err, WC_E_USAGE, "post: message too large: %zu bytes, the frame limit is %zu",
		    n, ch->max_frame);
	return 0;
}

/* Blocking: writes the frame, reading what the worker sends meanwhile. */
static int
write_blocking(struct wc_chan *ch, struct wc_error *err)
{
	struct pollfd pfd = { .fd = ch->fd, .events = POLLOUT | POLLIN };
	const uint8_t *p = ch->frame.data;
	size_t left = ch->frame.len;
	ssize_t w;

	while (left > 0) {
		w = send(ch->fd, p, left, MSG_NOSIGNAL);
		if (w > 0) {
			p += w;
			left -= (size_t)w;
			continue;
		}
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0 && errno != EAGAIN) {
			ch->eof = true;
			return wc_fail(err, WC_E_CLOSED, "direct channel: the worker's end is closed");
		}
		if (poll(&pfd, 1, -1) < 0 && errno != EINTR)
			return wc_fail(err, WC_E_UNREACHABLE, "direct channel: poll: %s", strerror(errno));
		if ((pfd.revents & POLLIN) && !ch->eof) {
			if (evbuffer_get_length(ch->in) > WC_MAX_QUEUED_BYTES)
				return wc_fail(err, WC_E_LIMIT_LOCAL,
				    "direct channel: %zu bytes of messages were not read", WC_MAX_QUEUED_BYTES);
			(void)read_some(ch);
		}
	}
	return 0;
}

int
wc_chan_post_clone(struct wc_chan *ch, const uint8_t *p, size_t n, struct wc_error *err)
{
	if (build_post(ch, p, n, err) < 0)
		return -1;
	if (ch->rd_ev == NULL)
		return write_blocking(ch, err);
	if (evbuffer_get_length(ch->out) + ch->frame.len > WC_MAX_OUTPUT)
		return wc_fail(err, WC_E_LIMIT_LOCAL, "direct channel: output queue full (%zu bytes)",
		    WC_MAX_OUTPUT);
	if (evbuffer_add(ch->out, ch->frame.data, ch->frame.len) < 0)
		return wc_fail(err, WC_E_LIMIT_LOCAL, "direct channel: out of memory");
	/* written now when nothing waits before it: one hop, no loop turn */
	if (evbuffer_get_length(ch->out) == ch->frame.len)
		(void)evbuffer_write(ch->out, ch->fd);
	if (evbuffer_get_length(ch->out) > 0)
		event_add(ch->wr_ev, NULL);
	return 0;
}

size_t
wc_chan_outlen(const struct wc_chan *ch)
{
	return evbuffer_get_length(ch->out);
}

static void
end(struct wc_chan *ch, const struct wc_error *err)
{
	if (ch->ended)
		return;
	ch->ended = true;
	event_del(ch->rd_ev);
	event_del(ch->wr_ev);
	if (ch->h.on_end != NULL)
		ch->h.on_end(ch, err, ch->harg);
}

/* Hands every whole message to on_message, then the end if it came. */
static void
deliver(struct wc_chan *ch)
{
	struct wc_value v;
	size_t off, len;
	int rc;

	ch->depth++;
	while (!ch->closed && !ch->ended && (rc = next_message(ch, &v, &off, &len)) != 0) {
		if (rc < 0) {
			end(ch, &ch->fail);
			break;
		}
		if (ch->h.on_message != NULL)
			ch->h.on_message(ch, &v, ch->harg);
		evbuffer_drain(ch->in, len + 4);
	}
	if (!ch->closed && ch->eof)
		end(ch, NULL);
	ch->depth--;
	if (ch->closed && ch->depth == 0)
		chan_free(ch);
}

static void
on_readable(evutil_socket_t fd, short what, void *arg)
{
	struct wc_chan *ch = arg;

	if (read_some(ch) != 0)
		deliver(ch);
}

static void
on_writable(evutil_socket_t fd, short what, void *arg)
{
	struct wc_chan *ch = arg;

	if (evbuffer_write(ch->out, ch->fd) < 0 && errno != EAGAIN && errno != EINTR)
		evbuffer_drain(ch->out, evbuffer_get_length(ch->out));	/* the read side sees the end */
	if (evbuffer_get_length(ch->out) > 0)
		return;
	event_del(ch->wr_ev);
	if (ch->h.on_drain != NULL) {
		ch->depth++;
		ch->h.on_drain(ch, ch->harg);
		ch->depth--;
		if (ch->closed && ch->depth == 0)
			chan_free(ch);
	}
}

int
wc_chan_attach(struct wc_chan *ch, struct event_base *base, const struct wc_chan_handlers *h,
    void *arg, struct wc_error *err)
{
	if (ch->rd_ev != NULL)
		return wc_fail(err, WC_E_USAGE, "direct channel already attached");
	ch->rd_ev = event_new(base, ch->fd, EV_READ | EV_PERSIST, on_readable, ch);
	ch->wr_ev = event_new(base, ch->fd, EV_WRITE | EV_PERSIST, on_writable, ch);
	if (ch->rd_ev == NULL || ch->wr_ev == NULL || event_add(ch->rd_ev, NULL) < 0) {
		if (ch->rd_ev != NULL)
			event_free(ch->rd_ev);
		if (ch->wr_ev != NULL)
			event_free(ch->wr_ev);
		ch->rd_ev = ch->wr_ev = NULL;
		return wc_fail(err, WC_E_LIMIT_LOCAL, "cannot attach the direct channel to the event loop");
	}
	ch->h = *h;
	ch->harg = arg;
	/* what the blocking form read already */
	if (evbuffer_get_length(ch->in) > 0 || ch->eof)
		event_active(ch->rd_ev, EV_READ, 0);
	return 0;
}
