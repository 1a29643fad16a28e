#include "hlink.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include <event2/buffer.h>
#include <event2/event.h>

#include "fdpass.h"
#include "frame.h"
#include "hchan.h"
#include "host.h"
#include "outbox.h"

/* One read's bytes beside the large frame being read (frame.h): small
 * frames are copied from here into h->in, a large one's start into its
 * block.  Untouched pages of it cost an idle worker nothing. */
#define LINK_READ_CHUNK (128 << 10)
/* Asked beside the rest of a large frame: its successor's length word and
 * envelope, little enough that the successor's body lands in a block. */
#define LINK_TAIL 4096
/* Before init tells us the limit: the default one. */
#define LINK_MAX_DEFAULT (FRAME_MAX_DEFAULT + 4096)

static void on_readable(evutil_socket_t fd, short what, void *arg);
static void on_writable(evutil_socket_t fd, short what, void *arg);

int
link_init(struct host *h, int fd, char *err, size_t errlen)
{
	int fl;

	h->fd = fd;
	h->max_frame = LINK_MAX_DEFAULT;
	if ((fl = fcntl(h->fd, F_GETFL)) == -1 || fcntl(h->fd, F_SETFL, fl | O_NONBLOCK) == -1) {
		snprintf(err, errlen, "fd %d: %s (worker-host must be started by workersd)", h->fd, strerror(errno));
		return -1;
	}
	h->in = evbuffer_new();
	frame_rd_init(&h->rd, FRAME_RD_BIG, h->max_frame);
	h->rd_ev = event_new(h->base, h->fd, EV_READ | EV_PERSIST, on_readable, h);
	h->wr_ev = event_new(h->base, h->fd, EV_WRITE | EV_PERSIST, on_writable, h);
	if (h->in == NULL || h->rd_ev == NULL || h->wr_ev == NULL) {
		snprintf(err, errlen, "link: out of memory");
		return -1;
	}
	if ((h->out = outbox_new(h->fd, err, errlen)) == NULL)
		return -1;
	pbuf_init(&h->frame);
	return 0;
}

noreturn void
link_fail(const char *why)
{
	fprintf(stderr, "worker-host: malformed frame from the daemon: %s\n", why);
	_exit(1);
}

/* One recvmsg: into the large frames' blocks (frame_rd_iov), then into
 * the scratch buffer, sorted from there into h->in (frame_rd_add). */
static ssize_t
read_frames(struct host *h)
{
	static uint8_t scratch[LINK_READ_CHUNK];
	struct iovec iov[FRAME_RD_SPEC + 2];
	size_t bn = 0, k;
	int niov, i;
	ssize_t n;

	frame_rd_set_max(&h->rd, h->max_frame);
	niov = frame_rd_iov(&h->rd, iov, FRAME_RD_SPEC + 1);
	for (i = 0; i < niov; i++)
		bn += iov[i].iov_len;
	iov[niov++] = (struct iovec){ scratch, bn > 0 ? LINK_TAIL : sizeof(scratch) };
	if ((n = fdpass_readv(h->fd, iov, niov, &h->fdq)) <= 0)
		return n;
	k = (size_t)n < bn ? (size_t)n : bn;
	if (frame_rd_filled(&h->rd, h->in, k) == -1 || frame_rd_add(&h->rd, h->in, scratch, (size_t)n - k) == -1) {
		fprintf(stderr, "worker-host: reading the daemon link: out of memory\n");
		_exit(1);
	}
	return n;
}

/* Reads what the socket has; ends the process on EOF or a dead socket.
 * The daemon's `channel` frames bring a descriptor (fdpass.h). */
static void
read_some(struct host *h)
{
	ssize_t n = read_frames(h);

	if (n == 0)
		_exit(0);
	if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
		fprintf(stderr, "worker-host: reading the daemon link: %s\n", strerror(errno));
		_exit(1);
	}
}

static int
wait_fd(int fd, short events)
{
	struct pollfd p = { .fd = fd, .events = events };

	while (poll(&p, 1, -1) == -1)
		if (errno != EINTR)
			return -1;
	return 0;
}

int
link_take_init(struct host *h, const char **why)
{
	const uint8_t *doc;
	size_t len;
	struct proto_msg m;
	struct msg_str sc;
	int r;

	if ((r = frame_peek(h->in, h->max_frame, &doc, &len, why)) != FRAME_READY)
		return r;
	if ((h->init_doc = malloc(len)) == NULL) {
		*why = "init: out of memory";
		return FRAME_ERR;
	}
	memcpy(h->init_doc, doc, len);
	frame_drain(h->in, len);
	if (proto_parse(h->init_doc, len, &m, why) == -1)
		return FRAME_ERR;
	if (m.type != MSG_INIT) {
		*why = "the first frame is not init";
		return FRAME_ERR;
	}
	if (msg_read_init(&m, &h->init, why) == -1)
		return FRAME_ERR;
	sc = h->init.script;
	if (sc.n == 0 || sc.p[0] != '/' || memchr(sc.p, '\0', sc.n) != NULL) {
		*why = "init: script is not an absolute path";
		return FRAME_ERR;
	}
	if ((h->script = strndup(sc.p, sc.n)) == NULL) {
		*why = "init: out of memory";
		return FRAME_ERR;
	}
	return FRAME_READY;
}

int
link_read_init(struct host *h, char *err, size_t errlen)
{
	const char *why = NULL;
	int r;

	while ((r = link_take_init(h, &why)) == FRAME_MORE) {
		if (wait_fd(h->fd, POLLIN) == -1) {
			snprintf(err, errlen, "waiting for init: %s", strerror(errno));
			return -1;
		}
		read_some(h);
	}
	if (r == FRAME_ERR)
		link_fail(why);
	return 0;
}

void
link_start(struct host *h, link_frame_fn on_frame)
{
	h->on_frame = on_frame;
	if (h->held)
		return;
	event_add(h->rd_ev, NULL);
	/* Frames that came with init (or while the script ran) are already
	 * buffered: take them without waiting for more bytes. */
	if (evbuffer_get_length(h->in) > 0)
		event_active(h->rd_ev, EV_READ, 0);
}

void
link_hold(struct host *h, bool held)
{
	h->held = held;
	if (h->on_frame == NULL || h->stopped)
		return;
	chan_kick(h);
	if (held) {
		event_del(h->rd_ev);
		return;
	}
	event_add(h->rd_ev, NULL);
	event_active(h->rd_ev, EV_READ, 0);
}

void
link_stop(struct host *h)
{
	h->stopped = true;
	event_del(h->rd_ev);
	chan_kick(h);
}

int
link_take(struct host *h, const char **why)
{
	const uint8_t *doc;
	size_t len;
	struct proto_msg m;
	int r;

	for (int i = 0; i < LINK_BATCH && !h->stopped && !h->held; i++) {
		r = frame_peek_unchecked(h->in, h->max_frame, &doc, &len, why);
		if (r != FRAME_READY)
			return r;
		if (proto_parse(doc, len, &m, why) == -1 || h->on_frame(h, &m, why) == -1)
			return FRAME_ERR;
		frame_drain(h->in, len);
	}
	if (h->stopped || h->held)
		return FRAME_MORE;
	return frame_peek_unchecked(h->in, h->max_frame, &doc, &len, why) == FRAME_MORE ? FRAME_MORE : FRAME_READY;
}

static void
on_readable(evutil_socket_t fd, short what, void *arg)
{
	struct host *h = arg;
	const uint8_t *doc;
	size_t len;
	const char *why = NULL;
	int r;

	if (frame_peek(h->in, h->max_frame, &doc, &len, &why) != FRAME_READY)
		read_some(h);
	if ((r = link_take(h, &why)) == FRAME_ERR)
		link_fail(why);
	if (r == FRAME_READY)
		event_active(h->rd_ev, EV_READ, 0);
}

static void
on_writable(evutil_socket_t fd, short what, void *arg)
{
	struct host *h = arg;

	if (outbox_write(h->out) == 0)
		event_del(h->wr_ev);
}

void
link_write_now(struct host *h)
{
	on_writable(h->fd, EV_WRITE, h);
}

struct pbuf *
link_frame(struct host *h)
{
	pbuf_reset(&h->frame);
	return &h->frame;
}

int
link_commit(struct host *h)
{
	int rc = -1;

	if (h->frame.len > 4 && h->frame.len - 4 <= h->max_frame)
		rc = link_queue(h, h->frame.data, h->frame.len);
	pbuf_reset(&h->frame);
	return rc;
}

int
link_queue(struct host *h, const void *p, size_t n)
{
	ssize_t pending = outbox_add(h->out, p, n);

	if (pending == -1)
		return -1;
	if ((size_t)pending > LINK_OUT_HIGH)
		return link_flush_sync(h);
	event_add(h->wr_ev, NULL);
	return 0;
}

int
link_flush_sync(struct host *h)
{
	event_del(h->wr_ev);
	return outbox_flush(h->out);
}
