/*
 * hlink.h - the socketpair to the daemon (fd 3): framed msgpack both ways.
 *
 * Reading: link_read_init() blocks for the first frame, which must be
 * `init` (read with msg_read_init()); afterwards link_start() lets the
 * event loop read, and every frame is handed to the on_frame callback as
 * one macrotask (at most LINK_BATCH per wake-up so timers are not
 * starved).  The socket is read only while no whole frame is buffered, so
 * the input holds at most one frame plus one read (128 KiB); the daemon's
 * queue is what waits.  A large frame is read into a block of its own
 * (frame.h's struct frame_rd), so that the payload the decoder copies into
 * its ArrayBuffer was copied only by the kernel before.  EOF ends the process at once; a malformed frame
 * (or one its callback refuses) prints one line on stderr and exits 1.
 * Descriptors that come with the daemon's bytes (a `channel` frame's,
 * fdpass.h) wait in h->fdq for the frame that takes them.  Holding and
 * stopping the link hold and stop the direct channel too (hchan.h).
 * link_take_init() and link_take() are what the reading does with bytes
 * already in h->in, without the socket: the fuzzers feed them directly.
 *
 * Writing: a msg_write_*() (msg.h) writes one frame into link_frame(h),
 * link_commit() queues it in the outbox (outbox.h).  The loop writes queued
 * frames when it is idle, so many frames go out in one write; frames a
 * computing script leaves queued go out within about OUTBOX_LATENCY_US
 * anyway.  The queue is bounded by LINK_OUT_HIGH: past it the host blocks
 * until the daemon has read it, which is the back-pressure a worker that
 * posts without end meets.  link_flush_sync() blocks until everything
 * queued is written (exit path).
 */
#ifndef WH_HLINK_H
#define WH_HLINK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdnoreturn.h>

#include "msg.h"

#define LINK_FD 3
#define LINK_OUT_HIGH ((size_t)4 << 20)
#define LINK_BATCH 64

struct host;

/* 0, or -1 with *why when the frame breaks the protocol. */
typedef int (*link_frame_fn)(struct host *h, const struct proto_msg *m, const char **why);

/* The link on fd (LINK_FD in a worker); -1 with err when it is not usable. */
int link_init(struct host *h, int fd, char *err, size_t errlen);
/* Blocks for the init frame and keeps it in h->init / h->init_doc. */
int link_read_init(struct host *h, char *err, size_t errlen);
/* The init frame from h->in: FRAME_READY with h->init, h->init_doc and
 * h->script set, FRAME_MORE while it is incomplete, FRAME_ERR with *why. */
int link_take_init(struct host *h, const char **why);
/* Hands up to LINK_BATCH whole frames from h->in to on_frame: FRAME_READY
 * when another one waits, FRAME_MORE when more bytes are needed (or the
 * link stopped), FRAME_ERR with *why for a frame that breaks the protocol
 * (left in h->in). */
int link_take(struct host *h, const char **why);
void link_start(struct host *h, link_frame_fn on_frame);
/* While held no frame is taken: they wait in the socket and the daemon's
 * bounded queue (the entry module's top-level awaits are running). */
void link_hold(struct host *h, bool held);
/* Stops taking frames (the worker is closing); queued output still goes. */
void link_stop(struct host *h);

/* A frame from the daemon breaks the protocol: one line on stderr, exit 1. */
noreturn void link_fail(const char *why);

/* The scratch buffer for one outgoing frame, emptied. */
struct pbuf *link_frame(struct host *h);
/* Queues the frame in link_frame(h) and empties it.  -1 when it is empty
 * (its writer failed), over the frame limit, or memory ran out; nothing is
 * queued then. */
int link_commit(struct host *h);
/* Queues whole frames built elsewhere (the direct channel's, hchan.h, when
 * its client has gone), as link_commit does. */
int link_queue(struct host *h, const void *p, size_t n);
int link_flush_sync(struct host *h);
/* Writes what the socket takes now, without blocking, as the loop would
 * on its next turn. */
void link_write_now(struct host *h);

#endif
