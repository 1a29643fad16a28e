/*
 * loop.h - the worker's life: the event loop, the end of each macrotask,
 * and every way the process ends.
 *
 * loop_run() dispatches frames and timers until nothing ref'd is left (no
 * ref'd timer, no message listener, no microtask, no fetch in flight),
 * then runs 'beforeExit' (which may add work) and 'exit' listeners and ends with process.exitCode.
 * loop_task_end() runs after every macrotask: it drains microtasks, reports
 * unhandled rejections, ends the worker on heap exhaustion, collects
 * garbage in smol mode, and ends a worker that called close().
 * loop_finish() writes every queued frame and the exit frame, blocking if it
 * must, then _exits with code & 0xff: nothing written before is lost.
 */
#ifndef WH_LOOP_H
#define WH_LOOP_H

#include <stdint.h>
#include <stdnoreturn.h>

#include "proto.h"

struct host;

noreturn void loop_run(struct host *h);
void loop_task_end(struct host *h);
/* Runs exit listeners (once) and ends with process.exitCode. */
noreturn void loop_end(struct host *h);
noreturn void loop_finish(struct host *h, int32_t code, enum close_reason reason);
/* The heap cap was reached: error frame, exit reason "oom", no JS run. */
noreturn void loop_oom(struct host *h);
/* The link's frame callback: post (one macrotask each; also the direct
 * channel's), stats, channel (hchan.h) and the BroadcastChannel frames; -1
 * with *why for a post without its data or a channel without its
 * descriptor. */
int loop_on_frame(struct host *h, const struct proto_msg *m, const char **why);
/* close(): the worker ends after the current macrotask. */
void loop_close(struct host *h);

#endif
