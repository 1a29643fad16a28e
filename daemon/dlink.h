/*
 * dlink.h - the daemon's end of one non-blocking stream socket carrying
 * frames: the socketpair to a worker host, or a client's connection.  (The
 * host's end of its socketpair is worker-host/hlink.c.)
 *
 * Every link belongs to one struct dlink_loop: the event base, the one
 * read buffer the loop's links share (a read(2) lands there, then in the
 * link's `in`; nothing else uses it), a scratch evbuffer for building one
 * frame, and the list of dirty links, owned here.  A frame of FRAME_RD_BIG
 * bytes or more (up to the loop's max_frame) is read straight into a block
 * of its own that `in` then references (frame.h, struct frame_rd): a read
 * is offered the rest of such a frame and blocks for the large frames
 * likely to follow, and then only DLINK_TAIL bytes of the shared buffer.  The owner's on_read callback
 * takes whole frames off `in`; dlink_in_block names the block `in`'s first
 * frame is, so that its bytes can be sent on by reference
 * (dlink_send_ref) instead of copied.  EOF or a read error sets `eof` and
 * calls on_read once more.  Output is appended
 * to `out` and the link marked dirty, which calls the loop's kick callback:
 * dirty links are written once per loop iteration (dlink_flush_dirty), so a
 * burst of frames costs one writev, and a link whose socket was full waits
 * for room (its write event) instead of being tried again each iteration.  A link may hold its output back except
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

#include "frame.h"

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
	size_t max_frame;		/* no block is made for a longer frame */
	struct evbuffer *tmp;		/* dlink_send_ref's frame, built aside */
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
	bool wfull;			/* the last write stopped short: wait for room */
	size_t unheld;
	struct event *rev;
	struct event *wev;
	struct evbuffer *in;
	struct evbuffer *out;
	struct frame_rd rd;		/* sorts what is read into in */
	struct dlink_loop *loop;
	struct dlink_fds *fds;		/* descriptors waiting for their byte */
	dlink_cb on_read;
	dlink_cb on_drain;
	void *arg;
	TAILQ_ENTRY(dlink) dirty_entry;
};

/* A read buffer of rbuf_len bytes; frames up to max_frame may get blocks
 * of their own.  -1 when out of memory. */
int dlink_loop_init(struct dlink_loop *lp, struct event_base *base, size_t rbuf_len, size_t max_frame,
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
/* The block holding the first frame of in when that frame came as one
 * (FRAME_RD_BIG or longer), else NULL. */
struct frame_blk *dlink_in_block(struct dlink *l);
/* Bytes read and not yet taken: in's, and those of a frame still
 * arriving. */
size_t dlink_inlen(const struct dlink *l);
/* Appends one frame: hn bytes of head copied, then [p, p+n), which lies in
 * b, by reference (b is held until they are written or the link closes);
 * schedules its write.  0, or -1 when out of memory (nothing appended). */
int dlink_send_ref(struct dlink *l, const void *head, size_t hn, struct frame_blk *b, const void *p, size_t n);
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
