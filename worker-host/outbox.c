/*
 * outbox.c - the worker's outgoing frames, and the timer signal that gets
 * them out while the script computes.
 *
 * One buffer, written from `off`.  The loop side marks every change to it
 * with `busy`; the signal handler, which can only interrupt the loop side
 * (the process has one thread), writes only when busy is clear, so the two
 * never see the buffer half-changed.  A timer rather than a writer thread:
 * a thread costs every spawn a clone and its stack, a timer one system call,
 * and it fires only while output waits.
 */
#include "outbox.h"

#include <errno.h>
#include <poll.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "frame.h"

/* A buffer grown past this by a burst is given back once it is empty. */
#define OUTBOX_KEEP ((size_t)256 << 10)

struct outbox {
	int fd;
	struct pbuf buf;
	size_t off;			/* bytes of buf already written */
	volatile sig_atomic_t busy;	/* the loop side is changing buf */
	volatile sig_atomic_t armed;	/* the timer will fire */
	volatile sig_atomic_t broken;	/* soft, and a write failed */
	bool soft;
	timer_t timer;
};

static void
enter(struct outbox *o)
{
	o->busy = 1;
	atomic_signal_fence(memory_order_seq_cst);
}

static void
leave(struct outbox *o)
{
	atomic_signal_fence(memory_order_seq_cst);
	o->busy = 0;
}

/* Async-signal-safe. */
static void
arm(struct outbox *o)
{
	struct itimerspec it = { .it_value = { .tv_nsec = OUTBOX_LATENCY_US * 1000 } };

	o->armed = 1;
	(void)timer_settime(o->timer, 0, &it, NULL);
}

/* Async-signal-safe: writes what the socket takes now.  -1 means the
 * socket is full, -2 that a soft outbox broke; the daemon being gone ends
 * the process. */
static int
write_now(struct outbox *o)
{
	ssize_t n;

	if (o->broken)
		return -2;
	while (o->off < o->buf.len) {
		n = write(o->fd, o->buf.data + o->off, o->buf.len - o->off);
		if (n > 0) {
			o->off += (size_t)n;
			continue;
		}
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return -1;
		if (o->soft) {
			o->broken = 1;
			return -2;
		}
		_exit(0);	/* the daemon is gone: nobody to report to */
	}
	o->buf.len = 0;
	o->off = 0;
	return 0;
}

static void
on_timer(int sig, siginfo_t *si, void *uc)
{
	struct outbox *o = si->si_value.sival_ptr;
	int saved = errno;

	o->armed = 0;
	if (o->busy || write_now(o) == -1)
		arm(o);
	errno = saved;
}

struct outbox *
outbox_new(int fd, char *err, size_t errlen)
{
	struct outbox *o = calloc(1, sizeof(*o));
	struct sigevent sev = { .sigev_notify = SIGEV_SIGNAL };
	struct sigaction sa = { .sa_sigaction = on_timer, .sa_flags = SA_SIGINFO | SA_RESTART };

	if (o == NULL) {
		snprintf(err, errlen, "outbox: out of memory");
		return NULL;
	}
	o->fd = fd;
	pbuf_init(&o->buf);
	sev.sigev_signo = OUTBOX_SIGNAL;
	sev.sigev_value.sival_ptr = o;
	sigemptyset(&sa.sa_mask);
	if (sigaction(OUTBOX_SIGNAL, &sa, NULL) == -1 ||
	    timer_create(CLOCK_MONOTONIC, &sev, &o->timer) == -1) {
		snprintf(err, errlen, "outbox: cannot set up the flush timer: %s", strerror(errno));
		free(o);
		return NULL;
	}
	return o;
}

ssize_t
outbox_add(struct outbox *o, const void *p, size_t n)
{
	ssize_t pending = -1;

	enter(o);
	if (pbuf_append(&o->buf, p, n) == 0)
		pending = (ssize_t)(o->buf.len - o->off);
	leave(o);
	if (pending != -1 && !o->armed)
		arm(o);
	return pending;
}

/* Inside enter/leave, once everything is written. */
static void
shrink(struct outbox *o)
{
	if (o->buf.len == 0 && o->buf.cap > OUTBOX_KEEP)
		pbuf_free(&o->buf);
}

size_t
outbox_write(struct outbox *o)
{
	size_t n;

	enter(o);
	if (write_now(o) == 0)
		shrink(o);
	n = o->buf.len - o->off;
	leave(o);
	return n;
}

static int
wait_writable(int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLOUT };

	while (poll(&p, 1, -1) == -1)
		if (errno != EINTR)
			return -1;
	return 0;
}

void
outbox_soft(struct outbox *o)
{
	o->soft = true;
}

bool
outbox_broken(const struct outbox *o)
{
	return o->broken != 0;
}

void
outbox_unsent(struct outbox *o, const uint8_t **p, size_t *n)
{
	size_t at = 0;

	enter(o);
	o->broken = 1;
	leave(o);
	while (at < o->off)
		at += frame_size(o->buf.data + at);
	*p = o->buf.data + at;
	*n = at < o->buf.len ? o->buf.len - at : 0;
}

void
outbox_reset(struct outbox *o, int fd)
{
	enter(o);
	o->buf.len = 0;
	o->off = 0;
	o->fd = fd;
	o->broken = 0;
	shrink(o);
	leave(o);
}

int
outbox_flush(struct outbox *o)
{
	int rc = 0;

	enter(o);
	while (write_now(o) == -1)
		if ((rc = wait_writable(o->fd)) == -1)
			break;
	if (rc == 0)
		shrink(o);
	leave(o);
	return rc;
}
