/*
 * rt_microtask.h - the per-heap microtask queue.
 *
 * Jobs run in FIFO order; jobs queued while draining run in the same drain.
 * The queue lives in the heap stash (no C globals) and holds at most
 * RT_MICROTASK_MAX pending jobs: queueing one more throws a RangeError in
 * the caller, so a runaway producer fails loudly instead of eating memory.
 * rt_microtask_install() also defines the global queueMicrotask().
 */
#ifndef RT_MICROTASK_H
#define RT_MICROTASK_H

#include <stdbool.h>

#include <duktape.h>

#define RT_MICROTASK_MAX (1L << 20)

/* Called with the thrown value on the stack top; must leave the stack as it
 * found it.  Nonzero stops the drain. */
typedef int (*rt_error_fn)(duk_context *ctx, void *ud);

void rt_microtask_install(duk_context *ctx);
/* Queues the function at fn_idx, to be called with no arguments. */
void rt_microtask_enqueue(duk_context *ctx, duk_idx_t fn_idx);
/* Queues fn(args...) where fn is at fn_idx and the nargs (at most 3)
 * arguments follow it on the stack. */
void rt_microtask_enqueue_call(duk_context *ctx, duk_idx_t fn_idx, duk_idx_t nargs);
/* Runs jobs until the queue is empty.  A job that throws calls on_error (if
 * not NULL); a nonzero return from it stops the drain with -1.  Else 0. */
int rt_microtask_drain(duk_context *ctx, rt_error_fn on_error, void *ud);
bool rt_microtask_pending(duk_context *ctx);
/* Pushes a native function fn(f, a, b, c) that queues f with its arguments
 * (used by the Promise implementation). */
void rt_microtask_push_enqueuer(duk_context *ctx);

#endif
