#include "link.h"

#include <errno.h>
#include <event2/buffer.h>
#include <event2/event.h>
#include <unistd.h>

#include "wd.h"

static void link_write(struct link *l);

static void
on_readable(evutil_socket_t fd, short what, void *arg)
{
	struct link *l = arg;
	ssize_t n;

	n = read(fd, l->wd->rbuf, l->wd->rbuf_len);
	if (n < 0) {
		if (errno == EAGAIN || errno == EINTR)
			return;
		l->eof = true;
	} else if (n == 0) {
		l->eof = true;
	} else if (evbuffer_add(l->in, l->wd->rbuf, (size_t)n) == -1) {
		l->eof = true;
	}
	if (l->eof)
		event_del(l->rev);
	l->on_read(l, l->arg);
}

static void
on_writable(evutil_socket_t fd, short what, void *arg)
{
	link_write(arg);
}

int
link_open(struct wd *wd, struct link *l, int fd, link_cb on_read, link_cb on_drain, void *arg)
{
	*l = (struct link){ .fd = fd, .wd = wd, .on_read = on_read, .on_drain = on_drain, .arg = arg };
	l->in = evbuffer_new();
	l->out = evbuffer_new();
	l->rev = event_new(wd->base, fd, EV_READ | EV_PERSIST, on_readable, l);
	l->wev = event_new(wd->base, fd, EV_WRITE | EV_PERSIST, on_writable, l);
	if (l->in == NULL || l->out == NULL || l->rev == NULL || l->wev == NULL ||
	    event_add(l->rev, NULL) == -1) {
		link_close(l);
		return -1;
	}
	return 0;
}

bool
link_is_open(const struct link *l)
{
	return l->fd >= 0;
}

void
link_close(struct link *l)
{
	if (l->dirty)
		TAILQ_REMOVE(&l->wd->dirty, l, dirty_entry);
	l->dirty = false;
	if (l->rev != NULL)
		event_free(l->rev);
	if (l->wev != NULL)
		event_free(l->wev);
	if (l->in != NULL)
		evbuffer_free(l->in);
	if (l->out != NULL)
		evbuffer_free(l->out);
	if (l->fd >= 0)
		close(l->fd);
	l->rev = l->wev = NULL;
	l->in = l->out = NULL;
	l->fd = -1;
}

void
link_pause(struct link *l)
{
	if (l->fd < 0 || l->paused)
		return;
	l->paused = true;
	if (!l->eof)
		event_del(l->rev);
}

void
link_resume(struct link *l)
{
	if (l->fd < 0 || !l->paused)
		return;
	l->paused = false;
	if (!l->eof)
		event_add(l->rev, NULL);
}

void
link_hold(struct link *l)
{
	l->held = true;
	l->unheld = evbuffer_get_length(l->out);
}

void
link_release(struct link *l)
{
	l->held = false;
	link_mark_dirty(l);
}

void
link_mark_dirty(struct link *l)
{
	if (l->fd < 0 || l->dirty)
		return;
	l->dirty = true;
	TAILQ_INSERT_TAIL(&l->wd->dirty, l, dirty_entry);
	wd_kick(l->wd);
}

size_t
link_outlen(const struct link *l)
{
	return l->out != NULL ? evbuffer_get_length(l->out) : 0;
}

int
link_send(struct link *l, const void *p, size_t n)
{
	if (l->fd < 0 || l->write_failed)
		return 0;
	if (evbuffer_add(l->out, p, n) == -1)
		return -1;
	link_mark_dirty(l);
	return 0;
}

static void
link_write(struct link *l)
{
	size_t len = evbuffer_get_length(l->out);
	ssize_t want = -1;
	int n;

	if (l->held) {
		if (l->unheld == 0) {
			event_del(l->wev);
			return;
		}
		want = (ssize_t)l->unheld;
	}
	if (len == 0 || l->write_failed) {
		event_del(l->wev);
		return;
	}
	n = evbuffer_write_atmost(l->out, l->fd, want);
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
	if (evbuffer_get_length(l->out) > 0 && !(l->held && l->unheld == 0))
		event_add(l->wev, NULL);
	else
		event_del(l->wev);
	if (n > 0 && l->on_drain != NULL)
		l->on_drain(l, l->arg);
}

void
link_flush_dirty(struct wd *wd)
{
	struct link *l;

	while ((l = TAILQ_FIRST(&wd->dirty)) != NULL) {
		TAILQ_REMOVE(&wd->dirty, l, dirty_entry);
		l->dirty = false;
		link_write(l);
	}
}
