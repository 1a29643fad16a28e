/*
 * dlink.c - the daemon's end of a framed stream socket: reads into the
 * loop's shared buffer, output batched per loop iteration (dlink.h).
 */
#include "dlink.h"

#include <errno.h>
#include <event2/buffer.h>
#include <event2/event.h>
#include <sys/uio.h>
#include <unistd.h>

#include <stdlib.h>
#include <string.h>

#include "fdpass.h"

/* Descriptors in the order of their bytes; at[i] counts the bytes of out
 * before fd[i]'s. */
struct dlink_fds {
	unsigned n;
	int fd[DLINK_FDS_MAX];
	size_t at[DLINK_FDS_MAX];
};

static void dlink_write(struct dlink *l);

/* Bytes asked of one read beside the rest of a large frame: enough for the
 * next frame's length word and envelope, little enough that the next large
 * frame's body mostly lands in its own block instead of the shared one. */
#define DLINK_TAIL 4096

/* One readv(2): into the large frames' blocks (frame_rd_iov), then into
 * the shared buffer, from which frame_rd_add sorts the bytes into `in`. */
static ssize_t
read_some(struct dlink *l)
{
	struct dlink_loop *lp = l->loop;
	struct iovec iov[FRAME_RD_SPEC + 2];
	size_t bn = 0, k;
	int niov = frame_rd_iov(&l->rd, iov, FRAME_RD_SPEC + 1), i;
	ssize_t n;

	for (i = 0; i < niov; i++)
		bn += iov[i].iov_len;
	iov[niov++] = (struct iovec){ lp->rbuf, bn > 0 && lp->rbuf_len > DLINK_TAIL ? DLINK_TAIL : lp->rbuf_len };
	n = readv(l->fd, iov, niov);
	if (n <= 0)
		return n;
	k = (size_t)n < bn ? (size_t)n : bn;
	if (frame_rd_filled(&l->rd, l->in, k) == -1 ||
	    frame_rd_add(&l->rd, l->in, lp->rbuf, (size_t)n - k) == -1) {
		errno = ENOMEM;
		return -1;
	}
	return n;
}

static void
on_readable(evutil_socket_t fd, short what, void *arg)
{
	struct dlink *l = arg;
	ssize_t n;

	n = read_some(l);
	if (n < 0) {
		if (errno == EAGAIN || errno == EINTR)
			return;
		l->eof = true;
	} else if (n == 0) {
		l->eof = true;
	} else {
		l->loop->reads++;
	}
	if (l->eof)
		event_del(l->rev);
	l->on_read(l, l->arg);
}

static void
on_writable(evutil_socket_t fd, short what, void *arg)
{
	struct dlink *l = arg;

	l->wfull = false;
	dlink_write(l);
}

int
dlink_loop_init(struct dlink_loop *lp, struct event_base *base, size_t rbuf_len, size_t max_frame,
    void (*kick)(void *), void *kick_arg)
{
	*lp = (struct dlink_loop){ .base = base, .rbuf_len = rbuf_len, .max_frame = max_frame, .kick = kick,
	    .kick_arg = kick_arg };
	TAILQ_INIT(&lp->dirty);
	lp->rbuf = malloc(rbuf_len);
	lp->tmp = evbuffer_new();
	return lp->rbuf != NULL && lp->tmp != NULL ? 0 : -1;
}

void
dlink_loop_free(struct dlink_loop *lp)
{
	free(lp->rbuf);
	lp->rbuf = NULL;
	if (lp->tmp != NULL)
		evbuffer_free(lp->tmp);
	lp->tmp = NULL;
}

int
dlink_open(struct dlink_loop *lp, struct dlink *l, int fd, dlink_cb on_read, dlink_cb on_drain, void *arg)
{
	*l = (struct dlink){ .fd = fd, .loop = lp, .on_read = on_read, .on_drain = on_drain, .arg = arg };
	frame_rd_init(&l->rd, FRAME_RD_BIG, lp->max_frame);
	l->in = evbuffer_new();
	l->out = evbuffer_new();
	l->rev = event_new(lp->base, fd, EV_READ | EV_PERSIST, on_readable, l);
	l->wev = event_new(lp->base, fd, EV_WRITE | EV_PERSIST, on_writable, l);
	if (l->in == NULL || l->out == NULL || l->rev == NULL || l->wev == NULL ||
	    event_add(l->rev, NULL) == -1) {
		dlink_close(l);
		return -1;
	}
	return 0;
}

bool
dlink_is_open(const struct dlink *l)
{
	return l->fd >= 0;
}

void
dlink_close(struct dlink *l)
{
	if (l->dirty)
		TAILQ_REMOVE(&l->loop->dirty, l, dirty_entry);
	l->dirty = false;
	if (l->rev != NULL)
		event_free(l->rev);
	if (l->wev != NULL)
		event_free(l->wev);
	if (l->in != NULL)
		evbuffer_free(l->in);
	frame_rd_free(&l->rd);	/* after in: its blocks leave the reader's list */
	if (l->out != NULL)
		evbuffer_free(l->out);
	if (l->fds != NULL)
		while (l->fds->n > 0)
			close(l->fds->fd[--l->fds->n]);
	free(l->fds);
	l->fds = NULL;
	if (l->fd >= 0)
		close(l->fd);
	l->rev = l->wev = NULL;
	l->in = l->out = NULL;
	l->fd = -1;
}

void
dlink_pause(struct dlink *l)
{
	if (l->fd < 0 || l->paused)
		return;
	l->paused = true;
	if (!l->eof)
		event_del(l->rev);
}

void
dlink_resume(struct dlink *l)
{
	if (l->fd < 0 || !l->paused)
		return;
	l->paused = false;
	if (!l->eof)
		event_add(l->rev, NULL);
}

void
dlink_hold(struct dlink *l)
{
	l->held = true;
	l->unheld = evbuffer_get_length(l->out);
}

void
dlink_release(struct dlink *l)
{
	l->held = false;
	dlink_mark_dirty(l);
}

void
dlink_mark_dirty(struct dlink *l)
{
	if (l->fd < 0 || l->dirty)
		return;
	l->dirty = true;
	TAILQ_INSERT_TAIL(&l->loop->dirty, l, dirty_entry);
	l->loop->kick(l->loop->kick_arg);
}

size_t
dlink_outlen(const struct dlink *l)
{
	return l->out != NULL ? evbuffer_get_length(l->out) : 0;
}

int
dlink_send(struct dlink *l, const void *p, size_t n)
{
	if (l->fd < 0 || l->write_failed)
		return 0;
	if (evbuffer_add(l->out, p, n) == -1)
		return -1;
	dlink_mark_dirty(l);
	return 0;
}

int
dlink_send_fd(struct dlink *l, const void *p, size_t n, int fd)
{
	struct dlink_fds *f = l->fds;

	if (l->fd < 0 || l->write_failed || n == 0)
		goto fail;
	if (f == NULL && (f = l->fds = calloc(1, sizeof(*f))) == NULL)
		goto fail;
	if (f->n == DLINK_FDS_MAX)
		goto fail;
	f->at[f->n] = evbuffer_get_length(l->out);
	f->fd[f->n] = fd;
	if (evbuffer_add(l->out, p, n) == -1)
		goto fail;
	f->n++;
	dlink_mark_dirty(l);
	return 0;
fail:
	close(fd);
	return -1;
}

/* n bytes of out were written: the descriptors' bytes come closer. */
static void
fds_advance(struct dlink_fds *f, size_t n)
{
	unsigned i;

	if (f != NULL)
		for (i = 0; i < f->n; i++)
			f->at[i] -= n;
}

/* Sends the first descriptor with the bytes from its own on (as many as
 * one sendmsg takes of the first chunk): the bytes sent, 0 when the socket
 * is full, -1 when it failed. */
static int
write_fd(struct dlink *l, size_t want)
{
	struct dlink_fds *f = l->fds;
	struct evbuffer_iovec v;
	ssize_t n;

	if (evbuffer_peek(l->out, -1, NULL, &v, 1) < 1)
		return -1;
	n = fdpass_send(l->fd, v.iov_base, v.iov_len < want ? v.iov_len : want, f->fd[0]);
	if (n < 0)
		return errno == EAGAIN ? 0 : -1;
	close(f->fd[0]);
	f->n--;
	memmove(f->fd, f->fd + 1, f->n * sizeof(int));
	memmove(f->at, f->at + 1, f->n * sizeof(size_t));
	evbuffer_drain(l->out, (size_t)n);
	fds_advance(f, (size_t)n);
	return (int)n;
}

struct dlink_shared *
dlink_shared_new(const void *p, size_t n)
{
	struct dlink_shared *s = malloc(sizeof(*s) + n);

	if (s == NULL)
		return NULL;
	s->refs = 1;
	s->len = n;
	memcpy(s->data, p, n);
	return s;
}

void
dlink_shared_drop(struct dlink_shared *s)
{
	if (--s->refs == 0)
		free(s);
}

static void
shared_done(const void *data, size_t len, void *arg)
{
	dlink_shared_drop(arg);
}

int
dlink_send_shared(struct dlink *l, struct dlink_shared *s)
{
	if (l->fd < 0 || l->write_failed)
		return 0;
	/* counted first: should the link let go at once, the caller's
	 * hold still keeps it */
	s->refs++;
	if (evbuffer_add_reference(l->out, s->data, s->len, shared_done, s) == -1) {
		s->refs--;
		return -1;
	}
	dlink_mark_dirty(l);
	return 0;
}

struct frame_blk *
dlink_in_block(struct dlink *l)
{
	return l->in != NULL ? frame_rd_first(&l->rd, l->in) : NULL;
}

size_t
dlink_inlen(const struct dlink *l)
{
	return l->in != NULL ? evbuffer_get_length(l->in) + frame_rd_pending(&l->rd) : 0;
}

static void
blk_sent(const void *data, size_t len, void *arg)
{
	frame_blk_drop(arg);
}

int
dlink_send_ref(struct dlink *l, const void *head, size_t hn, struct frame_blk *b, const void *p, size_t n)
{
	struct evbuffer *tmp = l->loop->tmp;

	if (l->fd < 0 || l->write_failed)
		return 0;
	/* built aside so that a failure leaves out without half a frame */
	frame_blk_hold(b);
	if (evbuffer_add(tmp, head, hn) == -1 || evbuffer_add_reference(tmp, p, n, blk_sent, b) == -1) {
		evbuffer_drain(tmp, evbuffer_get_length(tmp));
		frame_blk_drop(b);
		return -1;
	}
	if (evbuffer_add_buffer(l->out, tmp) == -1) {
		evbuffer_drain(tmp, evbuffer_get_length(tmp));
		return -1;
	}
	dlink_mark_dirty(l);
	return 0;
}

static void
dlink_write(struct dlink *l)
{
	size_t len = evbuffer_get_length(l->out);
	size_t want = len;
	int n = 0;

	if (l->held) {
		if (l->unheld == 0) {
			event_del(l->wev);
			return;
		}
		want = l->unheld < len ? l->unheld : len;
	}
	if (len == 0 || l->write_failed) {
		event_del(l->wev);
		return;
	}
	if (l->fds != NULL && l->fds->n > 0) {
		if (l->fds->at[0] == 0) {
			n = write_fd(l, want);
			want = 0;
		} else if (l->fds->at[0] < want) {
			want = l->fds->at[0];
		}
	}
	if (want > 0 && (n = evbuffer_write_atmost(l->out, l->fd, (ev_ssize_t)want)) > 0)
		fds_advance(l->fds, (size_t)n);
	if (n < 0 && errno != EAGAIN && errno != EINTR) {
		/* The peer is gone: drop output; the read side reports EOF. */
		l->write_failed = true;
		evbuffer_drain(l->out, evbuffer_get_length(l->out));
		event_del(l->wev);
		if (l->on_drain != NULL)
			l->on_drain(l, l->arg);
		return;
	}
	if (n > 0 && l->held)
		l->unheld -= (size_t)n < l->unheld ? (size_t)n : l->unheld;
	l->wfull = n < 0 || (want > 0 && (size_t)n < want);
	if (evbuffer_get_length(l->out) > 0 && !(l->held && l->unheld == 0))
		event_add(l->wev, NULL);
	else
		event_del(l->wev);
	if (n > 0 && l->on_drain != NULL)
		l->on_drain(l, l->arg);
}

void
dlink_flush_dirty(struct dlink_loop *lp)
{
	struct dlink *l;

	while ((l = TAILQ_FIRST(&lp->dirty)) != NULL) {
		TAILQ_REMOVE(&lp->dirty, l, dirty_entry);
		l->dirty = false;
		/* a full socket is written when it says it has room, not
		 * tried again for each frame added meanwhile */
		if (!l->wfull || !event_pending(l->wev, EV_WRITE, NULL))
			dlink_write(l);
	}
}
