/*
 * hchan.c - the worker's end of its direct channel (hchan.h): reading the
 * client's posts with libevent, writing the worker's messages through a
 * soft outbox of its own, and handing back to the daemon link when the
 * client goes.
 *
 * The struct and its outbox are made on the first channel and kept for
 * the process's life, reset between channels: the outbox's timer signal
 * may still be on its way when a channel ends, and a freed outbox would
 * be what it lands on.
 */
#include "hchan.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <event2/buffer.h>
#include <event2/event.h>

#include "fdpass.h"
#include "frame.h"
#include "hlink.h"
#include "host.h"
#include "loop.h"
#include "outbox.h"

#define CHAN_READ_CHUNK (1 << 20)

struct hchan {
	int fd;			/* -1: no channel open */
	struct evbuffer *in;
	struct outbox *out;
	struct event *rd_ev;
	struct event *wr_ev;
	bool taking;		/* take() is handing frames over: it writes once after them */
};

static void on_readable(evutil_socket_t fd, short what, void *arg);
static void on_writable(evutil_socket_t fd, short what, void *arg);
static void write_out(struct host *h);

static struct hchan *
chan_make(void)
{
	struct hchan *c = calloc(1, sizeof(*c));
	char err[160];

	if (c == NULL)
		return NULL;
	c->fd = -1;
	if ((c->in = evbuffer_new()) == NULL || (c->out = outbox_new(-1, err, sizeof(err))) == NULL) {
		if (c->in != NULL)
			evbuffer_free(c->in);
		free(c);
		return NULL;
	}
	outbox_soft(c->out);
	return c;
}

/* The channel is over: what it did not begin to send goes to the daemon,
 * which then hears channel_end. */
static void
chan_end(struct host *h)
{
	struct hchan *c = h->chan;
	const uint8_t *p;
	size_t n;

	if (c->fd < 0)
		return;
	outbox_unsent(c->out, &p, &n);
	if (n > 0)
		(void)link_queue(h, p, n);
	outbox_reset(c->out, -1);
	event_free(c->rd_ev);
	event_free(c->wr_ev);
	c->rd_ev = c->wr_ev = NULL;
	close(c->fd);
	c->fd = -1;
	evbuffer_drain(c->in, evbuffer_get_length(c->in));
	if (msg_write_bare(link_frame(h), MSG_CHANNEL_END) == 0)
		(void)link_commit(h);
}

/* The client broke the protocol: it is told why, as the daemon tells a
 * client, and the channel ends.  The err goes only after every queued
 * frame is out, never into the middle of one (else the client sees EOF). */
static void
chan_fail(struct host *h, const char *why)
{
	struct pbuf b;

	pbuf_init(&b);
	if (outbox_write(h->chan->out) == 0 && !outbox_broken(h->chan->out) &&
	    proto_write_err(&b, 0, PE_BAD_REQUEST, "direct channel: %s", why) == 0)
		(void)!write(h->chan->fd, b.data, b.len);
	pbuf_free(&b);
	chan_end(h);
}

/* A channel that cannot be opened: the client sees EOF, the daemon that
 * there is none. */
static int
refuse(struct host *h, int fd)
{
	close(fd);
	if (msg_write_bare(link_frame(h), MSG_CHANNEL_END) == 0)
		(void)link_commit(h);
	return 0;
}

int
chan_open(struct host *h, const char **why)
{
	struct hchan *c = h->chan;
	int fd = fdq_take(&h->fdq);

	if (fd < 0) {
		*why = "channel: no descriptor came with it";
		return -1;
	}
	if (c != NULL && c->fd >= 0) {
		close(fd);
		*why = "channel: one is open already";
		return -1;
	}
	if (c == NULL && (c = h->chan = chan_make()) == NULL)
		return refuse(h, fd);
	if (evutil_make_socket_nonblocking(fd) == -1 ||
	    (c->rd_ev = event_new(h->base, fd, EV_READ | EV_PERSIST, on_readable, h)) == NULL)
		return refuse(h, fd);
	if ((c->wr_ev = event_new(h->base, fd, EV_WRITE | EV_PERSIST, on_writable, h)) == NULL) {
		event_free(c->rd_ev);
		c->rd_ev = NULL;
		return refuse(h, fd);
	}
	c->fd = fd;
	outbox_reset(c->out, fd);
	chan_kick(h);
	return 0;
}

void
chan_kick(struct host *h)
{
	struct hchan *c = h->chan;

	if (c == NULL || c->fd < 0)
		return;
	if (h->held || h->stopped) {
		event_del(c->rd_ev);
		return;
	}
	event_add(c->rd_ev, NULL);
	if (evbuffer_get_length(c->in) > 0)
		event_active(c->rd_ev, EV_READ, 0);
}

/* Takes whole frames, as hlink.c's link_take does: true when another one
 * is buffered and the loop should come back for it. */
static bool
take(struct host *h)
{
	struct hchan *c = h->chan;
	const uint8_t *doc;
	const char *why = NULL;
	struct proto_msg m;
	size_t len;
	int r;

	for (int i = 0; i < LINK_BATCH; i++) {
		if (c->fd < 0 || h->stopped || h->held)
			return false;
		if ((r = frame_peek(c->in, h->max_frame, &doc, &len, &why)) == FRAME_MORE)
			return false;
		if (r == FRAME_ERR || proto_parse(doc, len, &m, &why) == -1) {
			chan_fail(h, why);
			return false;
		}
		if (m.type != MSG_POST) {
			chan_fail(h, "only post frames are taken");
			return false;
		}
		c->taking = true;
		r = loop_on_frame(h, &m, &why);
		c->taking = false;
		if (r == -1) {
			chan_fail(h, why);
			return false;
		}
		if (c->fd < 0)
			return false;	/* ended meanwhile: its input is gone */
		frame_drain(c->in, len);
	}
	return true;
}

static void
on_readable(evutil_socket_t fd, short what, void *arg)
{
	struct host *h = arg;
	struct hchan *c = h->chan;
	const uint8_t *doc;
	const char *why;
	size_t len;
	int n;

	if (frame_peek(c->in, h->max_frame, &doc, &len, &why) == FRAME_MORE) {
		n = evbuffer_read(c->in, c->fd, CHAN_READ_CHUNK);
		if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)) {
			chan_end(h);
			return;
		}
	}
	if (take(h))
		event_active(c->rd_ev, EV_READ, 0);
	else if (c->fd >= 0)
		write_out(h);
}

/* Writes what the socket takes now. */
static void
write_out(struct host *h)
{
	struct hchan *c = h->chan;
	size_t left = outbox_write(c->out);

	if (outbox_broken(c->out))
		chan_end(h);
	else if (left == 0)
		event_del(c->wr_ev);
}

static void
on_writable(evutil_socket_t fd, short what, void *arg)
{
	write_out(arg);
}

void
chan_task_end(struct host *h)
{
	struct hchan *c = h->chan;

	if (c != NULL && c->fd >= 0 && !c->taking)
		write_out(h);
}

int
chan_post(struct host *h)
{
	struct hchan *c = h->chan;
	struct pbuf *f = &h->frame;
	ssize_t pending = -1;

	if (c == NULL || c->fd < 0)
		return link_commit(h);
	if (f->len > 4 && f->len - 4 <= h->max_frame)
		pending = outbox_add(c->out, f->data, f->len);
	pbuf_reset(f);
	if (pending == -1)
		return -1;
	if ((size_t)pending > LINK_OUT_HIGH) {
		(void)outbox_flush(c->out);
		if (outbox_broken(c->out))
			chan_end(h);
		return 0;
	}
	event_add(c->wr_ev, NULL);
	return 0;
}

void
chan_flush_sync(struct host *h)
{
	struct hchan *c = h->chan;

	if (c == NULL || c->fd < 0)
		return;
	(void)outbox_flush(c->out);
	if (outbox_broken(c->out))
		chan_end(h);
}
