/*
 * hring.h - the host's end of a post ring (protocol/ring.h,
 * docs/protocol.md 2.10): mapped when the daemon's `ring` frame brings its
 * descriptor; each `post_ring` frame then names the next n bytes of it as
 * a post's clone bytes.  They are copied out of the shared memory before
 * they are decoded (the client may write that memory at any time; the
 * decoder reads bytes that stay put), into a buffer of the host's own
 * that grows to the largest post seen and is kept.  One ring per worker,
 * for its life; a worker that never gets one allocates nothing.
 */
#ifndef WH_HRING_H
#define WH_HRING_H

#include "msg.h"

struct host;

/* The `ring` frame: maps the descriptor that came with it.  -1 with *why
 * when none came, one is mapped already, or it is not the ring named. */
int hring_open(struct host *h, const struct proto_msg *m, const char **why);
/* The post a `post_ring` frame names: its bytes in *out, valid until the
 * next call.  -1 with *why (no ring, a length past its size). */
int hring_take(struct host *h, const struct proto_msg *m, struct msg_val *out, const char **why);

#endif
