#include "loop.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <event2/event.h>

#include "clone_duk.h"
#include "globals.h"
#include "hchan.h"
#include "hring.h"
#include "host.h"
#include "hlink.h"
#include "mod_http.h"
#include "msgevent.h"
#include "report.h"
#include "rt_microtask.h"
#include "rt_promise.h"
#include "utf8.h"
#include "wire.h"

noreturn void
loop_finish(struct host *h, int32_t code, enum close_reason reason)
{
	const char *why = proto_reason_name(reason);
	struct msg_exit m = { .code = code, .reason = { why, strlen(why) } };

	h->finishing = true;
	chan_flush_sync(h);
	if (msg_write_exit(link_frame(h), &m) == 0)
		(void)link_commit(h);
	(void)link_flush_sync(h);
	_exit(code & 0xff);
}

noreturn void
loop_oom(struct host *h)
{
	char msg[128];

	h->finishing = true;
	snprintf(msg, sizeof(msg), "out of memory: heap limit of %zu bytes reached", h->alloc.cap);
	report_plain_error(h, "RangeError", msg);
	loop_finish(h, 1, CR_OOM);
}

noreturn void
loop_end(struct host *h)
{
	duk_context *ctx = h->ctx;
	int32_t code;

	if (h->finishing)
		loop_finish(h, 0, CR_EXIT);
	h->finishing = true;
	if (globals_call(ctx, "exit", 0) != 0) {
		if (h->alloc.exhausted)
			loop_oom(h);
		report_error_frame(h, -1);
		loop_finish(h, 1, CR_ERROR);
	}
	code = duk_to_int32(ctx, -1);
	loop_finish(h, code, CR_EXIT);
}

void
loop_close(struct host *h)
{
	h->closing = true;
	link_stop(h);
}

static int
on_job_error(duk_context *ctx, void *ud)
{
	duk_dup(ctx, -1);
	report_uncaught(ud);
	return 0;
}

void
loop_task_end(struct host *h)
{
	duk_context *ctx = h->ctx;

	h->tasks++;
	for (;;) {
		(void)rt_microtask_drain(ctx, on_job_error, h);
		/* a rejection counts as unhandled once the queue is empty */
		if (!rt_promise_take_unhandled(ctx))
			break;
		report_rejection(h);
	}
	if (h->alloc.exhausted)
		loop_oom(h);
	chan_task_end(h);
	if (h->smol)
		duk_gc(ctx, 0);
	if (h->closing && !h->finishing)
		loop_end(h);
}

static bool
alive(struct host *h)
{
	duk_context *ctx = h->ctx;
	bool listening = false;

	if (h->timers.refd > 0 || rt_microtask_pending(ctx) || http_pending(h) > 0)
		return true;
	if (!h->stopped) {
		/* the common worker's onmessage, without a call into the script */
		if (msgevent_lone_handler(h))
			return true;
		if (globals_call(ctx, "hasMessageListener", 0) == 0)
			listening = duk_to_boolean(ctx, -1);
		duk_pop(ctx);
	}
	return listening;
}

/* One turn of the loop without sleeping: yes when a task ran in it. */
static int
turn_ran(void *arg)
{
	struct host *h = arg;
	unsigned long tasks = h->tasks;

	event_base_loop(h->base, EVLOOP_NONBLOCK);
	return h->tasks != tasks;
}

/* Before the loop sleeps: while posts come back within the spin budget
 * (spin.h), what the last task queued for the daemon is written now rather
 * than on the loop's next turn, and the loop turns without sleeping until
 * a task runs (so the next post is taken by the turn that sees it, with no
 * second poll for it).  1 when a task ran. */
static int
spin(struct host *h)
{
	if (event_base_get_num_events(h->base, EVENT_BASE_COUNT_ACTIVE) > 0)
		return 0;
	if (h->spin.hot)
		link_write_now(h);
	return spin_until(&h->spin, turn_ran, h);
}

noreturn void
loop_run(struct host *h)
{
	duk_context *ctx = h->ctx;
	bool ran;

	for (;;) {
		while (alive(h)) {
			if (rt_microtask_pending(ctx)) {
				loop_task_end(h);
				continue;
			}
			timers_arm(h);
			if (spin(h) == 0)
				event_base_loop(h->base, EVLOOP_ONCE);
		}
		if (globals_call(ctx, "beforeExit", 0) != 0) {
			report_uncaught(h);
			ran = true;
		} else {
			ran = duk_to_boolean(ctx, -1);
			duk_pop(ctx);
		}
		loop_task_end(h);
		if (!ran || !alive(h))
			loop_end(h);
	}
}

static void
send_messageerror(struct host *h, const char *name, const char *msg)
{
	struct msg_fault m = { .error = { .name = { name, strlen(name) } } };

	if (!utf8_valid((const uint8_t *)msg, strlen(msg)))
		msg = "the message could not be decoded";
	m.error.message = (struct msg_str){ msg, strlen(msg) };
	if (msg_write_fault(link_frame(h), MSG_MESSAGEERROR, &m) == 0)
		(void)link_commit(h);
}

/* One message event: a post's clone bytes, from its frame or its ring
 * (with bin, a lone bin's payload there, whose room is given back once
 * decoded: the handler may run a nested loop that takes the next one). */
static void
deliver_post(struct host *h, const struct msg_val *data, bool bin)
{
	duk_context *ctx = h->ctx;
	char err[256];
	int rc, dec;

	spin_woke(&h->spin);
	dec = bin ? clone_decode_bin(ctx, data->p, data->n, err, sizeof(err))
	    : globals_decode(ctx, data->p, data->n, DUK_INVALID_INDEX, err, sizeof(err));
	if (bin)
		hring_done(h);
	if (dec == 0) {
		rc = msgevent_dispatch(h);
	} else {
		if (h->alloc.exhausted)
			loop_oom(h);
		send_messageerror(h, "DataCloneError", err);
		duk_push_string(ctx, "DataCloneError");
		duk_push_string(ctx, err);
		rc = globals_call(ctx, "dispatchMessageError", 2);
	}
	if (rc != 0)
		report_uncaught(h);
	else
		duk_pop(ctx);
	loop_task_end(h);
}

static int
on_post(struct host *h, const struct proto_msg *m, const char **why)
{
	struct msg_data post;

	if (h->closing)
		return 0;
	if (msg_read_data(m, &post, why) == -1)
		return -1;
	deliver_post(h, &post.data, false);
	return 0;
}

/* Taken even while closing: the ring's room is the client's to reuse. */
static int
on_post_ring(struct host *h, const struct proto_msg *m, const char **why)
{
	struct hring_post post;

	if (hring_take(h, m, &post, why) == -1)
		return -1;
	if (!h->closing)
		deliver_post(h, &(struct msg_val){ post.p, post.n }, post.bin);
	hring_done(h);
	return 0;
}

/* bc_message, bc_lost, bc_refused: one macrotask each, for the channels of
 * web_channels.js.  A worker that never loaded them has joined no name, so
 * a daemon sends it none; one that does anyway is ignored. */
static int
on_bcast(struct host *h, const struct proto_msg *m, const char **why)
{
	duk_context *ctx = h->ctx;
	struct msg_bcast bc;
	const char *fn = m->type == MSG_BC_MESSAGE ? "bcDeliver" : m->type == MSG_BC_LOST ? "bcLost" : "bcRefused";
	void *p;

	if (h->closing)
		return 0;
	if (msg_read_bcast(m, &bc, why) == -1)
		return -1;
	if (!globals_has(ctx, fn))
		return 0;
	if (wire_push_str(ctx, bc.name.p, bc.name.n) == -1)
		return 0;
	if (m->type == MSG_BC_MESSAGE) {
		p = duk_push_fixed_buffer(ctx, bc.data.n);
		memcpy(p, bc.data.p, bc.data.n);
	} else if (m->type == MSG_BC_LOST) {
		duk_push_number(ctx, (double)bc.count);
	} else if (wire_push_str(ctx, bc.msg.p, bc.msg.n) == -1) {
		duk_push_string(ctx, "refused");
	}
	if (globals_call(ctx, fn, 2) != 0)
		report_uncaught(h);
	else
		duk_pop(ctx);
	loop_task_end(h);
	return 0;
}

static void
on_stats(struct host *h)
{
	struct msg_stats m = { .heap_bytes = h->alloc.used };

	if (msg_write_stats(link_frame(h), &m) == 0)
		(void)link_commit(h);
}

int
loop_on_frame(struct host *h, const struct proto_msg *m, const char **why)
{
	switch (m->type) {
	case MSG_POST:
		return on_post(h, m, why);
	case MSG_STATS:
		on_stats(h);
		return 0;
	case MSG_CHANNEL:
		return chan_open(h, why);
	case MSG_RING:
		return hring_open(h, m, why);
	case MSG_POST_RING:
		return on_post_ring(h, m, why);
	case MSG_RING_END:
		hring_end(h);
		return 0;
	case MSG_BC_MESSAGE:
	case MSG_BC_LOST:
	case MSG_BC_REFUSED:
		return on_bcast(h, m, why);
	default:
		/* later protocol versions may add messages; this one ignores them */
		return 0;
	}
}
