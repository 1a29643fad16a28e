/*
 * link.h - one non-blocking stream socket carrying frames, owned by a
 * client or a worker.
 *
 * Reads go through the daemon's shared read buffer into `in` (many frames
 * per read(2)); the owner's on_read callback then takes whole frames off
 * `in`.  EOF or a read error sets `eof` and calls on_read once more.
 * Output is appended to `out` and the link marked dirty: dirty links are
 * written once per loop iteration (link_flush_dirty), so a burst of frames
 * costs one writev.  A link may hold its output back except for the first
 * `unheld` bytes (a worker host gets `init` at once, posts after `open`).
 * on_drain is called whenever a write empties part of `out`.
 * link_close frees everything and closes the fd; afterwards fd is -1 and
 * the buffers are NULL, which callers looping over `in` must check.
 */
#ifndef WD_LINK_H
#define WD_LINK_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/queue.h>

struct wd;
struct link;
typedef void (*link_cb)(struct link *l, void *arg);

struct link {
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
	struct wd *wd;
	link_cb on_read;
	link_cb on_drain;
	void *arg;
	TAILQ_ENTRY(link) dirty_entry;
};
TAILQ_HEAD(link_list, link);

int link_open(struct wd *wd, struct link *l, int fd, link_cb on_read, link_cb on_drain, void *arg);
void link_close(struct link *l);
bool link_is_open(const struct link *l);
/* Stops / restarts reading (back-pressure). */
void link_pause(struct link *l);
void link_resume(struct link *l);
/* Holds output after the first `unheld` bytes now in out; link_release
 * lets it all go. */
void link_hold(struct link *l);
void link_release(struct link *l);
/* Schedules a write of out. */
void link_mark_dirty(struct link *l);
size_t link_outlen(const struct link *l);
/* Appends a whole frame and schedules its write. */
int link_send(struct link *l, const void *p, size_t n);
/* Writes every dirty link now. */
void link_flush_dirty(struct wd *wd);

#endif
