/*
 * hring.h - the host's end of a post ring (protocol/ring.h,
 * docs/protocol.md 2.10): mapped when the daemon's `ring` frame brings its
 * descriptor; each `post_ring` frame then names the next n bytes of it as
 * a post's clone bytes.  The client may write that memory at any time, so
 * what is decoded must be bytes that stay put or bytes read once: a record
 * that is one bin (an ArrayBuffer's bytes, the large post's usual form) is
 * handed out in place, its header read once, for clone_decode_bin() to
 * copy straight into the new ArrayBuffer; any other record is copied
 * into a buffer of the host's own (kept, as large as the largest such
 * post) and decoded from there.  One ring at a time: `ring_end` (its
 * connection is gone) unmaps it and frees the buffer, and another may
 * come; a worker that never gets one allocates nothing.
 */
#ifndef WH_HRING_H
#define WH_HRING_H

#include <stdbool.h>

#include "msg.h"

struct host;

/* The `ring` frame: maps the descriptor that came with it.  -1 with *why
 * when none came, one is mapped already, or it is not the ring named. */
int hring_open(struct host *h, const struct proto_msg *m, const char **why);
struct hring_post {
	const uint8_t *p;	/* clone bytes, or with bin a lone bin's payload */
	size_t n;
	bool bin;
};

/* The post a `post_ring` frame names, valid until hring_done(), which
 * frees its room in the ring.  -1 with *why (no ring, a length past its
 * size). */
int hring_take(struct host *h, const struct proto_msg *m, struct hring_post *out, const char **why);
void hring_done(struct host *h);
/* The `ring_end` frame: unmaps the ring; nothing when there is none. */
void hring_end(struct host *h);

#endif
