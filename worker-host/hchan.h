/*
 * hchan.h - the direct channel (docs/protocol.md 2.9): a socketpair to the
 * one client that owns or consumes the worker, its end handed over by the
 * daemon in a `channel` frame.  While it is open the worker's messages go
 * to it, not to the daemon, and the client's `post` frames on it are
 * delivered exactly as the daemon's are (loop_on_frame), one macrotask
 * each, at most LINK_BATCH per wake-up, and not while the link is held or
 * stopped.  Same framing and schema as the daemon link; only `post` is
 * taken: any other frame, or one over the frame limit, gets an `err`
 * (bad_request) on the channel and ends it.
 *
 * Output is written at the end of each macrotask, or of each batch of the
 * channel's posts, not on the next turn of the loop: one write for what
 * they posted, and no wait for the loop's poll in a ping-pong.
 *
 * Bounds: as the daemon link.  The socket is read only while no whole
 * frame is buffered (a client that posts faster than the worker takes
 * waits in its write), and output past LINK_OUT_HIGH blocks the worker
 * until the client reads.
 *
 * The channel ends when its client closes it or breaks the protocol: the
 * frames not yet begun on it go to the daemon link instead, then a
 * `channel_end` frame, and later messages go to the daemon again.  Frames
 * the client had not read when it closed are its own loss.  On the exit
 * path chan_flush_sync() writes everything before the host's `exit` frame,
 * so a client that drains the channel to EOF has every message.
 */
#ifndef WH_HCHAN_H
#define WH_HCHAN_H

struct host;

/* The daemon's `channel` frame: opens the channel on the descriptor that
 * came with it.  -1 with *why when none came or one is open already (the
 * daemon sends a second only after `channel_end`). */
int chan_open(struct host *h, const char **why);
/* Commits the message frame in link_frame(h): to the channel while one is
 * open, else to the daemon link.  -1 as link_commit(). */
int chan_post(struct host *h);
/* A macrotask ended: what it posted to the channel is written now, unless
 * the task was one of a batch of the channel's own posts (the batch writes
 * once, after its last). */
void chan_task_end(struct host *h);
/* The link was held, released or stopped: the channel follows. */
void chan_kick(struct host *h);
/* Exit path: blocks until the channel's output is written (or moved to
 * the daemon link, its client gone). */
void chan_flush_sync(struct host *h);

#endif
