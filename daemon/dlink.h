/*
 * dlink.h - the daemon's end of one non-blocking stream socket carrying
 * frames: the socketpair to a worker host, or a client's connection.  (The
 * host's end of its socketpair is worker-host/hlink.c.)
 *
 * Every link belongs to one struct dlink_loop: the event base, the one
 * read buffer the loop's links share (a read(2) lands there, then in the
 * link's `in`; nothing else uses it) and the list of dirty links, owned
 * here.  The owner's on_read callback takes whole frames off `in`.  EOF or
 * a read error sets `eof` and calls on_read once more.  Output is appended
 * to `out` and the link marked dirty, which calls the loop's kick callback:
 * dirty links are written once per loop iteration (dlink_flush_dirty), so a
 * burst of frames costs one writev.  A link may hold its output back except
 * for the first `unheld` bytes (a worker host gets `init` at once, posts
 * after `open`).  on_drain is called whenever a write empties part of
 * `out`.  dlink_close frees everything and closes the fd; afterwards fd is
 * -1 and the buffers are NULL, which callers looping over `in` must check.
 *
 * A frame may carry a descriptor (dlink_send_fd, the direct channel): it
 * is sent as SCM_RIGHTS with the frame's first byte (fdpass.h), so writes
 * stop short of that byte until it goes with its descriptor.  A link holds
 * at most DLINK_FDS_MAX unsent descriptors (the daemon's own copies,
 * closed once sent or when the link closes); they are allocated on the
 * first one, so a link that never passes any pays one pointer.
 */
#ifndef WD_DLINK_H
#define WD_DLINK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/queue.h>

#define DLINK_FDS_MAX 4

struct event_base;
struct dlink;
struct dlink_fds;
typedef void (*dlink_cb)(struct dlink *l, void *arg);
TAILQ_HEAD(dlink_list, dlink);

struct dlink_loop {
	struct event_base *base;
	uint8_t *rbuf;			/* the links' shared read buffer */
	size_t rbuf_len;
	struct dlink_list dirty;
	void (*kick)(void *arg);	/* schedules dlink_flush_dirty */
	void *kick_arg;
	unsigned long reads;		/* reads that brought bytes: the busy-poll's news */
};

struct dlink {
	int fd;
	bool eof;
	bool paused;
	bool dirty;
	bool held;
	bool write_failed;
	size_t unheld;
	struct event *rev;
	struct event *wev;
	struct evbuffer *in;
	struct evbuffer *out;
	struct dlink_loop *loop;
	struct dlink_fds *fds;		/* descriptors waiting for their byte */
	dlink_cb on_read;
	dlink_cb on_drain;
	void *arg;
	TAILQ_ENTRY(dlink) dirty_entry;
};

/* A read buffer of rbuf_len bytes; -1 when out of memory. */
int dlink_loop_init(struct dlink_loop *lp, struct event_base *base, size_t rbuf_len,
    void (*kick)(void *), void *kick_arg);
void dlink_loop_free(struct dlink_loop *lp);
int dlink_open(struct dlink_loop *lp, struct dlink *l, int fd, dlink_cb on_read, dlink_cb on_drain,
    void *arg);
void dlink_close(struct dlink *l);
bool dlink_is_open(const struct dlink *l);
/* Stops / restarts reading (back-pressure). */
void dlink_pause(struct dlink *l);
void dlink_resume(struct dlink *l);
/* Holds output after the first `unheld` bytes now in out; dlink_release
 * lets it all go. */
void dlink_hold(struct dlink *l);
void dlink_release(struct dlink *l);
/* Schedules a write of out. */
void dlink_mark_dirty(struct dlink *l);
size_t dlink_outlen(const struct dlink *l);
/* Appends a whole frame and schedules its write. */
int dlink_send(struct dlink *l, const void *p, size_t n);
/* Appends a whole frame with fd riding on its first byte, and schedules
 * its write; the link owns fd from then on, also when it fails.  -1 when
 * out of memory or DLINK_FDS_MAX are waiting (fd is closed then). */
int dlink_send_fd(struct dlink *l, const void *p, size_t n, int fd);
/* Writes every dirty link now. */
void dlink_flush_dirty(struct dlink_loop *lp);

/* One frame several links send without a copy each (a broadcast): the
 * links reference its bytes, and the last of its holders frees it. */
struct dlink_shared {
	unsigned refs;
	size_t len;
	uint8_t data[];
};

/* A copy of [p, p+n) held once by the caller; NULL when out of memory. */
struct dlink_shared *dlink_shared_new(const void *p, size_t n);
/* Lets go of the caller's hold. */
void dlink_shared_drop(struct dlink_shared *s);
/* Appends the frame by reference (the link holds it until written or
 * closed) and schedules its write: 0, or -1 when out of memory. */
int dlink_send_shared(struct dlink *l, struct dlink_shared *s);

#endif
